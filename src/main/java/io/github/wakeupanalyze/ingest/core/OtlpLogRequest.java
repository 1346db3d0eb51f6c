package io.github.wakeupanalyze.ingest.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One OTLP logs export request ({@code ExportLogsServiceRequest}, as the OpenTelemetry Collector's
 * {@code otlphttp} and {@code otlp} exporters send it), in protobuf or JSON, read as lines: each
 * record's body after its pod's {@code kubectl logs --prefix} and its time, as {@link OtlpLogLines}
 * reads a file of them (the resource's {@code service.name} names the operator, else its {@code
 * k8s.pod.name}). A request is bounded by the receiver's size limit, so it is decoded whole, and
 * its records are put in time order: the OpenTelemetry SDK's exporter groups them by resource in a
 * hash map, which shuffles them.
 */
public final class OtlpLogRequest {
  private OtlpLogRequest() {}

  /**
   * The request's lines, in the order of its records.
   *
   * @param json the body is OTLP JSON (else protobuf)
   * @param source names the request in the error message
   */
  public static List<String> lines(byte[] message, boolean json, String source)
      throws InputException {
    return json ? jsonLines(message, source) : protoLines(message, source);
  }

  /** One record: the name of its operator (service or pod), its container, time and body. */
  private record Entry(long time, String pod, String container, String body) {}

  private static List<String> jsonLines(byte[] message, String source) throws InputException {
    List<Entry> entries = new ArrayList<>();
    try {
      OtlpLogLines document =
          new OtlpLogLines(
              new ByteArrayInputStream(message),
              (pod, container, time, body) -> entries.add(new Entry(time, pod, container, body)));
      while (document.next() != null) {
        // every record went to the entries: no line comes out
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InputException(
          source,
          at == null ? "" : InputException.lineColumn(at.getLineNr(), at.getColumnNr()),
          "not valid OTLP JSON logs: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading memory cannot fail", e);
    }
    return inTimeOrder(entries);
  }

  private static List<String> protoLines(byte[] message, String source) throws InputException {
    ExportLogsServiceRequest request;
    try {
      request = ExportLogsServiceRequest.parseFrom(message);
    } catch (InvalidProtocolBufferException e) {
      throw new InputException(
          source, "", "not an OTLP logs export request in protobuf: " + e.getMessage(), e);
    }
    List<Entry> entries = new ArrayList<>();
    for (ResourceLogs rl : request.getResourceLogsList()) {
      String pod = null;
      String container = null;
      String service = null;
      for (KeyValue kv : rl.getResource().getAttributesList()) {
        if (kv.getValue().hasStringValue()) {
          switch (kv.getKey()) {
            case "k8s.pod.name" -> pod = kv.getValue().getStringValue();
            case "k8s.container.name" -> container = kv.getValue().getStringValue();
            case "service.name" -> service = kv.getValue().getStringValue();
            default -> {}
          }
        }
      }
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        for (LogRecord r : sl.getLogRecordsList()) {
          String body = body(r.getBody());
          if (body != null) {
            long time =
                r.getTimeUnixNano() != 0 ? r.getTimeUnixNano() : r.getObservedTimeUnixNano();
            entries.add(new Entry(time, service != null ? service : pod, container, body));
          }
        }
      }
    }
    return inTimeOrder(entries);
  }

  /**
   * The records' lines in time order: a sender need not keep the records' order across resources
   * and scopes (the SDK's exporter groups them by resource in a hash map). The sort is stable, so
   * records of one time keep their order.
   */
  private static List<String> inTimeOrder(List<Entry> entries) {
    entries.sort(Comparator.comparingLong(Entry::time));
    ArrayDeque<String> ready = new ArrayDeque<>();
    for (Entry e : entries) {
      LogJson.addRecord(ready, e.pod(), e.container(), e.time(), e.body());
    }
    return new ArrayList<>(ready);
  }

  /** A string body as it is, any other value as JSON text; null when it holds nothing readable. */
  private static String body(AnyValue v) {
    if (v.hasStringValue()) {
      return v.getStringValue();
    }
    StringBuilder out = new StringBuilder();
    json(v, out);
    return out.length() == 0 ? null : out.toString();
  }

  /** Appends {@code v} as JSON; nothing for a value of no kind this reads (bytes, empty). */
  private static void json(AnyValue v, StringBuilder out) {
    switch (v.getValueCase()) {
      case STRING_VALUE -> quote(out, v.getStringValue());
      case BOOL_VALUE -> out.append(v.getBoolValue());
      case INT_VALUE -> out.append(v.getIntValue());
      case DOUBLE_VALUE -> {
        double d = v.getDoubleValue();
        if (Double.isFinite(d)) {
          out.append(d);
        }
      }
      case KVLIST_VALUE -> {
        out.append('{');
        elements(
            v.getKvlistValue().getValuesList(),
            out,
            kv -> {
              quote(out, kv.getKey());
              out.append(':');
              int at = out.length();
              json(kv.getValue(), out);
              return out.length() > at;
            });
        out.append('}');
      }
      case ARRAY_VALUE -> {
        out.append('[');
        elements(
            v.getArrayValue().getValuesList(),
            out,
            e -> {
              int at = out.length();
              json(e, out);
              return out.length() > at;
            });
        out.append(']');
      }
      default -> {}
    }
  }

  /**
   * Appends each of {@code items} with {@code write}, comma-separated; one that writes nothing (a
   * value of no kind this reads) is left out with its comma.
   */
  private static <T> void elements(List<T> items, StringBuilder out, Predicate<T> write) {
    int start = out.length();
    for (T item : items) {
      int mark = out.length();
      out.append(mark == start ? "" : ",");
      if (!write.test(item)) {
        out.setLength(mark);
      }
    }
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
  }
}
