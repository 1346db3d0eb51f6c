package io.github.wakeupanalyze.testing;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a simulated controller-runtime log ({@code simulate --format log-zap-json}, as
 * {@code kubectl logs --prefix} prints them), taken apart as a Collector's {@code filelog} receiver
 * takes a container's line: the pod and container, zap's time, the body.
 */
public final class SimulatedLog {
  /** The 10 % Percona-like scenario whose sampler states p in the W3C tracestate. */
  public static final java.nio.file.Path PERCONA_SAMPLED_10 =
      java.nio.file.Path.of("src/test/resources/scenarios/percona-sampled-10-tracestate.yaml");

  private static final Pattern PREFIXED = Pattern.compile("^\\[pod/([^/]+)/([^\\]]*)\\] (.*)$");
  private static final Pattern TS = Pattern.compile("\"ts\":([0-9.]+)");

  /**
   * One line.
   *
   * @param nanos the time zap wrote ({@code "ts"}, epoch seconds to the microsecond), epoch ns
   * @param body the line after the {@code --prefix}
   */
  public record Line(String pod, String container, long nanos, String body) {}

  private SimulatedLog() {}

  /** Takes a line apart; fails on a line the simulator does not write. */
  public static Line parse(String line) {
    Matcher m = PREFIXED.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a --prefix line: " + line);
    }
    Matcher t = TS.matcher(m.group(3));
    if (!t.find()) {
      throw new IllegalArgumentException("no zap time: " + line);
    }
    long nanos = new BigDecimal(t.group(1)).movePointRight(9).longValueExact();
    return new Line(m.group(1), m.group(2), nanos, m.group(3));
  }

  /**
   * {@code line} as {@code serve} reads the OTLP log record a Collector makes of it: {@code kubectl
   * logs --prefix --timestamps} form, the record's time before the body.
   */
  public static String served(String line) {
    Line l = parse(line);
    return "[pod/"
        + l.pod()
        + "/"
        + l.container()
        + "] "
        + io.github.wakeupanalyze.ingest.core.KubeletTime.ofNanos(l.nanos())
        + " "
        + l.body();
  }

  /**
   * The lines as one OTLP logs export request in protobuf, as a Collector sends a pod's lines: the
   * first line's pod on the resource, each body a string, each time the observed time.
   */
  public static byte[] otlpRequest(List<Line> lines) {
    return otlpRequest(lines, "k8s.pod.name", lines.get(0).pod());
  }

  /**
   * As {@link #otlpRequest(List)}, with these resource attributes ({@code key, value, ...}) instead
   * of the pod.
   */
  public static byte[] otlpRequest(List<Line> lines, String... resource) {
    Resource.Builder r = Resource.newBuilder();
    for (int i = 0; i + 1 < resource.length; i += 2) {
      r.addAttributes(
          KeyValue.newBuilder()
              .setKey(resource[i])
              .setValue(AnyValue.newBuilder().setStringValue(resource[i + 1])));
    }
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (Line l : lines) {
      scope.addLogRecords(
          LogRecord.newBuilder()
              .setObservedTimeUnixNano(l.nanos())
              .setBody(AnyValue.newBuilder().setStringValue(l.body())));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(r).addScopeLogs(scope))
        .build()
        .toByteArray();
  }
}
