package io.github.wakeupanalyze.simulate.run;

import io.github.wakeupanalyze.simulate.ApiWrite;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.SimSink;
import io.github.wakeupanalyze.simulate.SimSpan;
import io.github.wakeupanalyze.simulate.Simulator;
import io.github.wakeupanalyze.simulate.write.AuditLogWriter;
import io.github.wakeupanalyze.simulate.write.LabelsWriter;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.simulate.write.TraceWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a scenario into files: {@code DIR/<prefix><extension>} for the trace and {@code
 * DIR/<prefix>labels.csv} (with prefix {@code name.}, or none) for the labels; the scenario's
 * source files, when it carries some, under {@code DIR/<prefix>src/}. An operator's log holds every
 * reconcile: in the log formats the scenario's sampling and span loss are not applied (its clock
 * offsets and audit log are).
 */
public final class SimulationRun {
  /**
   * What a run wrote.
   *
   * @param spans spans in the trace
   * @param reconciles reconciles simulated (lines of the labels file)
   * @param sources the folder the scenario's source files were written to ({@code
   *     DIR/<prefix>.src}, or {@code DIR/src}); null when the scenario has none
   * @param kept reconciles whose span is in the trace (all of them unless sampled or lossy)
   * @param audit the API server's audit log ({@code DIR/<prefix>.audit.jsonl}), null unless the
   *     scenario keeps one ({@code auditLog: true})
   */
  public record Written(
      Path trace, Path labels, long spans, long reconciles, long kept, Path sources, Path audit) {}

  private SimulationRun() {}

  /**
   * @param prefix file name prefix, e.g. {@code percona-mongodb}; null or empty gives {@code
   *     trace.<ext>} and {@code labels.csv}
   */
  public static Written write(Scenario scenario, OutputFormat format, Path dir, String prefix)
      throws IOException {
    return write(scenario, format, dir, prefix, 0);
  }

  /**
   * @param batchSpans spans per OTLP export batch, 0 for the format's default (see {@link
   *     OutputFormat#open(OutputStream, int)})
   */
  public static Written write(
      Scenario scenario, OutputFormat format, Path dir, String prefix, int batchSpans)
      throws IOException {
    if (format.isLog()) {
      scenario = scenario.withProduction(scenario.production().unthinned());
    }
    Files.createDirectories(dir);
    boolean named = prefix != null && !prefix.isEmpty();
    Path trace = dir.resolve((named ? prefix : "trace") + format.extension());
    Path labels = dir.resolve(named ? prefix + ".labels.csv" : "labels.csv");
    Path audit =
        scenario.production().auditLog()
            ? dir.resolve(named ? prefix + ".audit.jsonl" : "audit.jsonl")
            : null;
    long[] counts = new long[3];
    try (OutputStream traceOut = new BufferedOutputStream(Files.newOutputStream(trace), 1 << 16);
        OutputStream labelsOut = new BufferedOutputStream(Files.newOutputStream(labels), 1 << 16);
        OutputStream auditOut =
            audit == null
                ? OutputStream.nullOutputStream()
                : new BufferedOutputStream(Files.newOutputStream(audit), 1 << 16);
        TraceWriter tw = format.open(traceOut, batchSpans);
        LabelsWriter lw = new LabelsWriter(labelsOut, format.resolutionNanos());
        AuditLogWriter aw = new AuditLogWriter(auditOut)) {
      Simulator.run(
          scenario,
          new SimSink() {
            @Override
            public void reconcile(Label label, List<SimSpan> spans) throws IOException {
              counts[0] += spans.size();
              counts[1]++;
              counts[2] += label.kept() ? 1 : 0;
              tw.reconcile(label, spans);
              lw.reconcile(label, spans);
            }

            @Override
            public void other(List<SimSpan> spans) throws IOException {
              counts[0] += spans.size();
              tw.other(spans);
            }

            @Override
            public void apiWrite(ApiWrite write) throws IOException {
              aw.apiWrite(write);
            }
          });
    }
    Path src = null;
    if (!scenario.sources().isEmpty()) {
      src = dir.resolve(named ? prefix + ".src" : "src");
      for (Map.Entry<String, String> e : scenario.sources().entrySet()) {
        Path f = src.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
      }
    }
    return new Written(trace, labels, counts[0], counts[1], counts[2], src, audit);
  }
}
