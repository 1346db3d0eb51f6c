package io.github.wakeupanalyze.ingest.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A container's log in any form its node keeps it (the CRI format of containerd and CRI-O, {@link
 * CriLines}; Docker's {@code json-file}, also as Fluentd and Fluent Bit forward it, {@link
 * DockerJsonLines}), or as Grafana's "Download logs" saves it ({@link GrafanaLines}), read as the
 * lines {@code kubectl logs --timestamps} prints; other lines pass unchanged. The one chain the
 * operator-log reader and its sniffer share.
 */
public final class NodeLogs {
  private NodeLogs() {}

  /** The lines of {@code raw}, each record of a node's file made a {@code kubectl logs} line. */
  public static CriLines.Source lines(CriLines.Source raw, int limit) {
    return new CriLines(new DockerJsonLines(new GrafanaLines(raw)::next, limit)::next, limit)::next;
  }

  /** The lines of a sample (the first 64 KiB a sniffer looks at) as {@link #lines} gives them. */
  public static List<String> of(List<String> lines) {
    return drain(lines(source(lines), Integer.MAX_VALUE), lines.size());
  }

  /** The lines of a sample as {@link CriLines} alone gives them (an API server's audit output). */
  public static List<String> ofCri(List<String> lines) {
    return drain(new CriLines(source(lines), Integer.MAX_VALUE)::next, lines.size());
  }

  private static CriLines.Source source(List<String> lines) {
    Iterator<String> it = lines.iterator();
    return () -> it.hasNext() ? it.next() : null;
  }

  private static List<String> drain(CriLines.Source source, int size) {
    List<String> out = new ArrayList<>(size);
    try {
      for (String line = source.next(); line != null; line = source.next()) {
        out.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // never: the lines are in memory
    }
    return out;
  }
}
