package io.github.wakeupanalyze.ingest;

import io.github.wakeupanalyze.model.Span;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads inputs through {@link TraceInputs} and keeps what came out. */
final class Collected implements TraceInputs.SourceAwareSink {
  final List<Span> spans = new ArrayList<>();
  final List<String> sources = new ArrayList<>();
  List<InputReport> reports;

  @Override
  public void startSource(int index, String path) {
    sources.add(path);
  }

  @Override
  public void accept(Span span) {
    spans.add(span);
  }

  static Collected read(ReadOptions options, String... inputs) {
    return read(options, InputStream.nullInputStream(), inputs);
  }

  static Collected read(ReadOptions options, InputStream stdin, String... inputs) {
    Collected c = new Collected();
    c.reports = TraceInputs.readAll(List.of(inputs), options, stdin, c);
    return c;
  }

  static Collected read(Path file) {
    return read(ReadOptions.AUTO, file.toString());
  }

  /** Reads bytes given as standard input, auto-detected. */
  static Collected stdin(byte[] bytes) {
    return read(ReadOptions.AUTO, new ByteArrayInputStream(bytes), "-");
  }

  static Collected stdin(String text) {
    return stdin(text.getBytes(StandardCharsets.UTF_8));
  }

  InputReport report() {
    if (reports.size() != 1) {
      throw new AssertionError("expected one report, found " + reports);
    }
    return reports.get(0);
  }

  /** The one error, failing the test when there is none. */
  String error() {
    String e = report().error();
    if (e == null) {
      throw new AssertionError(
          "expected an error, read " + report().spans() + " spans as " + report().format());
    }
    return e;
  }

  /** Fails with the error when the input did not read cleanly. */
  Collected ok() {
    for (InputReport r : reports) {
      if (r.failed()) {
        throw new AssertionError(r.error());
      }
    }
    return this;
  }
}
