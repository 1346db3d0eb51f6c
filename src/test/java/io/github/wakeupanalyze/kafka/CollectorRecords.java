package io.github.wakeupanalyze.kafka;

import com.google.protobuf.ByteString;
import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioException;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulated trace as the Collector's Kafka exporter writes it with {@code partition_traces_by_id:
 * true} and {@code encoding: otlp_proto}: each export batch of the SDK split by trace, one {@code
 * ExportTraceServiceRequest} per trace, keyed by the trace id's bytes; and the batch analysis of
 * the same trace, to compare with.
 */
final class CollectorRecords {
  /** One Kafka record: key (trace id), value (the request), timestamp (ms, trace time). */
  record Rec(byte[] key, byte[] value, long timestampMillis) {}

  private CollectorRecords() {}

  /** Simulates {@code scenario} (another duration and seed when given) as delimited OTLP. */
  static Path simulate(Path scenario, long durationNanos, long seed, Path dir) {
    try {
      Scenario s = ScenarioLoader.load(scenario);
      if (durationNanos > 0) {
        s = s.withDuration(durationNanos);
      }
      if (seed != 0) {
        s = s.withSeed(seed);
      }
      return SimulationRun.write(s, OutputFormat.OTLP_PROTO_DELIMITED, dir, "fleet").trace();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The records, in export order. */
  static List<Rec> records(Path delimited) {
    List<Rec> out = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(delimited);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      while (true) {
        int n;
        try {
          n = in.readInt();
        } catch (EOFException e) {
          break;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        split(TracesData.parseFrom(b), out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void split(TracesData batch, List<Rec> out) {
    Map<ByteString, ExportTraceServiceRequest.Builder> byTrace = new LinkedHashMap<>();
    long lastEnd = 0;
    for (ResourceSpans rs : batch.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        Map<ByteString, List<Span>> spans = new LinkedHashMap<>();
        for (Span s : ss.getSpansList()) {
          spans.computeIfAbsent(s.getTraceId(), k -> new ArrayList<>()).add(s);
          lastEnd = Math.max(lastEnd, s.getEndTimeUnixNano());
        }
        for (Map.Entry<ByteString, List<Span>> e : spans.entrySet()) {
          byTrace
              .computeIfAbsent(e.getKey(), k -> ExportTraceServiceRequest.newBuilder())
              .addResourceSpans(
                  ResourceSpans.newBuilder()
                      .setResource(rs.getResource())
                      .setSchemaUrl(rs.getSchemaUrl())
                      .addScopeSpans(
                          ScopeSpans.newBuilder()
                              .setScope(ss.getScope())
                              .setSchemaUrl(ss.getSchemaUrl())
                              .addAllSpans(e.getValue())));
        }
      }
    }
    for (Map.Entry<ByteString, ExportTraceServiceRequest.Builder> e : byTrace.entrySet()) {
      out.add(
          new Rec(
              e.getKey().toByteArray(), e.getValue().build().toByteArray(), lastEnd / 1_000_000));
    }
  }

  /** The spans in a record. */
  static int spanCount(Rec r) {
    try {
      int n = 0;
      for (ResourceSpans rs :
          ExportTraceServiceRequest.parseFrom(r.value()).getResourceSpansList()) {
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          n += ss.getSpansCount();
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The batch analysis of the file. */
  static Pipeline.Result analyze(Path trace) {
    return Pipeline.run(
        new Pipeline.Request(
            List.of(trace.toString()),
            ReadOptions.AUTO,
            ExtractRules.defaults(),
            AnalysisParameters.defaults(),
            new long[0],
            null));
  }

  /** The batch verdicts as the output topic's records: key to JSON, sorted by key. */
  static TreeMap<String, String> verdicts(Pipeline.Result batch) {
    TreeMap<String, String> out = new TreeMap<>();
    for (ClassifiedReconcile cr : batch.analysis().reconciles()) {
      out.put(OutputJson.reconcileKey(cr.reconcile()), OutputJson.reconcile(cr));
    }
    return out;
  }
}
