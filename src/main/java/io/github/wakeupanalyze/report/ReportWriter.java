package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.extract.ExtractResult;
import io.github.wakeupanalyze.ingest.InputReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every report of one run into a folder:
 *
 * <pre>
 * DIR/summary.json
 * DIR/reconciles.csv
 * DIR/operators/SLUG/report.md     one per operator; SLUG from {@link Names#slug}
 * </pre>
 */
public final class ReportWriter {
  private ReportWriter() {}

  /** Writes all files and returns their paths, in the order written. */
  public static List<Path> writeAll(Path dir, String toolVersion, List<InputReport> inputs,
      ExtractResult extraction, Analysis analysis) throws IOException {
    List<Path> written = new ArrayList<>();
    Files.createDirectories(dir);
    Path summary = dir.resolve("summary.json");
    try (Writer w = Files.newBufferedWriter(summary, StandardCharsets.UTF_8)) {
      SummaryJson.write(toolVersion, inputs, extraction, analysis, w);
    }
    written.add(summary);
    Path csv = dir.resolve("reconciles.csv");
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      ReconcilesCsv.write(analysis, w);
    }
    written.add(csv);
    for (OperatorView op : OperatorView.of(analysis)) {
      Path opDir = dir.resolve("operators").resolve(Names.slug(op.operator()));
      Files.createDirectories(opDir);
      Path md = opDir.resolve("report.md");
      try (Writer w = Files.newBufferedWriter(md, StandardCharsets.UTF_8)) {
        MarkdownReport.write(op, analysis, w);
      }
      written.add(md);
    }
    return written;
  }
}
