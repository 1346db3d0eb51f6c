package io.github.wakeupanalyze.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.Timestamps;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import io.github.wakeupanalyze.text.Durations;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming reader for Jaeger JSON, in the four shapes users have:
 *
 * <ul>
 *   <li>the query API and UI "Download JSON": {@code {"data": [trace, ...], "total": .., "errors":
 *       ..}};
 *   <li>a single trace object, {@code {"traceID", "spans", "processes"}};
 *   <li>a bare array of spans, each with an inline {@code "process"};
 *   <li>the api_v2 protobuf-JSON form, {@code {"spans": [...]}} (also under {@code "result"}), with
 *       base64 ids, RFC 3339 {@code startTime}, durations such as {@code "5000ns"} or {@code
 *       "0.000005s"}, and {@code vStr}/{@code vInt64}/... tag values.
 * </ul>
 *
 * <p>Mapping to a {@link Span}: times are microseconds (numbers or digit strings); service from the
 * span's process ({@code processes[processID].serviceName} or the inline {@code process}); the
 * parent is the first {@code CHILD_OF} reference into the same trace, else the first {@code
 * FOLLOWS_FROM} into the same trace (Jaeger's own rule); every other reference, including one into
 * another trace, becomes a link. Tags typed {@code string/int64/bool/float64/binary} become string
 * attributes (values given as strings accepted), except those an OTLP-to-Jaeger translation made
 * out of span fields: {@code span.kind} → kind, {@code otel.scope.name} → scope, {@code
 * otel.status_code=ERROR} or {@code error=true} → error.
 *
 * <p>Memory: Jaeger writes {@code processes} after {@code spans}, so the spans of one trace wait
 * for it; nothing else is held.
 */
final class JaegerJsonReader extends JsonReaderBase {
  private static final int MAX_WRAPPER_DEPTH = 4;
  private static final int CHILD_OF = 0;
  private static final int FOLLOWS_FROM = 1;

  // references of the span being read, reused
  private long[] refTraceHigh = new long[4];
  private long[] refTraceLow = new long[4];
  private long[] refSpan = new long[4];
  private int[] refType = new int[4];
  private int refs;

  @Override
  String expectedRoot() {
    return "Jaeger JSON ({\"data\": [...]}, a trace object or an array of spans)";
  }

  /** One trace (or wrapper) being read: its process names and the spans waiting for them. */
  private static final class Container {
    Map<String, String> processes;
    List<Span> waiting;
    List<String> waitingProcess;
    String apiError;
    boolean sawData;
    boolean spansSeen;

    /** False for a bare span array, which has no processes map to wait for. */
    boolean mayGetProcesses = true;
  }

  @Override
  void readRoot(JsonParser p, JsonToken t) throws IOException, InputException {
    JsonLocation start = p.currentTokenLocation();
    Container c = new Container();
    if (t == JsonToken.START_ARRAY) {
      c.mayGetProcesses = false;
      readSpanArray(p, c, "the span array");
    } else if (t == JsonToken.START_OBJECT) {
      readContainer(p, c, 0);
      if (!c.sawData) {
        throw error(
            start,
            "not a Jaeger trace: expected an object with \"data\", \"spans\" or " + "\"result\"");
      }
    } else {
      throw error(p, "expected a Jaeger JSON object or array, found " + describe(p));
    }
    flush(c);
    if (c.apiError != null && !c.spansSeen) {
      throw error(start, "the Jaeger API answered with an error instead of a trace: " + c.apiError);
    }
  }

  private void readContainer(JsonParser p, Container c, int depth)
      throws IOException, InputException {
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (field) {
        case "data" -> {
          c.sawData = true;
          if (t == JsonToken.START_ARRAY) {
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
              if (t == JsonToken.START_OBJECT) {
                Container trace = new Container();
                readContainer(p, trace, depth + 1);
                flush(trace);
                c.spansSeen |= trace.spansSeen;
              } else if (t != JsonToken.VALUE_NULL) {
                throw error(p, "expected a trace object in \"data\", found " + describe(p));
              }
            }
          } else if (t == JsonToken.START_OBJECT && depth < MAX_WRAPPER_DEPTH) {
            readContainer(p, c, depth + 1);
          } else if (t != JsonToken.VALUE_NULL) {
            throw error(p, "expected an array of traces in \"data\", found " + describe(p));
          }
        }
        case "result", "trace" -> {
          if (t == JsonToken.START_OBJECT && depth < MAX_WRAPPER_DEPTH) {
            c.sawData = true;
            readContainer(p, c, depth + 1);
          } else {
            p.skipChildren();
          }
        }
        case "spans" -> {
          c.sawData = true;
          if (t == JsonToken.START_ARRAY) {
            readSpanArray(p, c, "\"spans\"");
          } else if (t != JsonToken.VALUE_NULL) {
            throw error(p, "expected an array for \"spans\", found " + describe(p));
          }
        }
        case "processes" -> {
          if (t == JsonToken.START_OBJECT) {
            readProcesses(p, c);
          } else {
            p.skipChildren();
          }
        }
        case "processMap", "process_map" -> {
          if (t == JsonToken.START_ARRAY) {
            readProcessMap(p, c);
          } else {
            p.skipChildren();
          }
        }
        case "errors" -> {
          if (t == JsonToken.START_ARRAY) {
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
              if (t == JsonToken.START_OBJECT) {
                String msg = readApiError(p);
                if (c.apiError == null) {
                  c.apiError = msg;
                }
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private String readApiError(JsonParser p) throws IOException {
    String code = "";
    String msg = "";
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      String v = scalarText(p, t);
      if (field.equals("code") && v != null) {
        code = v + " ";
      } else if (field.equals("msg") && v != null) {
        msg = v;
      }
    }
    return code + msg;
  }

  private void readProcesses(JsonParser p, Container c) throws IOException, InputException {
    if (c.processes == null) {
      c.processes = new HashMap<>();
    }
    String id;
    while ((id = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        c.processes.put(id, readProcess(p));
      } else {
        p.skipChildren();
      }
    }
    release(c);
  }

  private void readProcessMap(JsonParser p, Container c) throws IOException, InputException {
    if (c.processes == null) {
      c.processes = new HashMap<>();
    }
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      String id = null;
      String service = null;
      String field;
      while ((field = p.nextFieldName()) != null) {
        JsonToken vt = p.nextToken();
        switch (field) {
          case "processId", "processID", "process_id" -> id = scalarText(p, vt);
          case "process" -> service = vt == JsonToken.START_OBJECT ? readProcess(p) : skipNull(p);
          default -> p.skipChildren();
        }
      }
      if (id != null) {
        c.processes.put(id, service == null ? Span.UNKNOWN_SERVICE : service);
      }
    }
    release(c);
  }

  private static String skipNull(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private String readProcess(JsonParser p) throws IOException {
    String service = Span.UNKNOWN_SERVICE;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if ((field.equals("serviceName") || field.equals("service_name"))
          && t == JsonToken.VALUE_STRING) {
        service = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return service;
  }

  /** Emits the waiting spans whose process is now known. */
  private void release(Container c) {
    if (c.waiting == null || c.processes == null) {
      return;
    }
    List<Span> keep = null;
    List<String> keepProcess = null;
    for (int i = 0; i < c.waiting.size(); i++) {
      String service = c.processes.get(c.waitingProcess.get(i));
      if (service != null) {
        sink.accept(OtlpJsonReader.withService(c.waiting.get(i), service));
      } else {
        if (keep == null) {
          keep = new ArrayList<>();
          keepProcess = new ArrayList<>();
        }
        keep.add(c.waiting.get(i));
        keepProcess.add(c.waitingProcess.get(i));
      }
    }
    c.waiting = keep;
    c.waitingProcess = keepProcess;
  }

  /** At the end of a trace: spans whose process never came get the service "unknown_service". */
  private void flush(Container c) {
    release(c);
    if (c.waiting != null) {
      for (Span s : c.waiting) {
        sink.accept(s);
      }
      c.spansSeen = true;
      c.waiting = null;
    }
  }

  private void readSpanArray(JsonParser p, Container c, String where)
      throws IOException, InputException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      if (t != JsonToken.START_OBJECT) {
        throw error(p, "expected a span object in " + where + ", found " + describe(p));
      }
      readSpan(p, c);
    }
  }

  private void readSpan(JsonParser p, Container c) throws IOException, InputException {
    JsonLocation start = p.currentTokenLocation();
    Span.Builder b = builder.reset();
    refs = 0;
    long traceHigh = 0;
    long traceLow = 0;
    long startNanos = 0;
    long durationNanos = 0;
    boolean hasStart = false;
    String processId = null;
    String service = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (field) {
        case "traceID", "traceId", "trace_id" -> {
          if (readId(p, t, 16)) {
            traceHigh = idHigh;
            traceLow = idLow;
          }
        }
        case "spanID", "spanId", "span_id" -> {
          if (readId(p, t, 8)) {
            b.spanId(idLow);
          }
        }
        case "parentSpanID", "parentSpanId", "parent_span_id" -> {
          if (readId(p, t, 8) && idLow != 0) {
            addRef(CHILD_OF, Long.MIN_VALUE, 0, idLow); // same trace, resolved below
          }
        }
        case "operationName", "operation_name" -> {
          String name = scalarText(p, t);
          b.name(name);
        }
        case "references" -> readReferences(p, t);
        case "startTime", "start_time" -> {
          startNanos = time(p, t);
          hasStart = true;
        }
        case "duration" -> durationNanos = duration(p, t);
        case "tags" -> readTags(p, t);
        case "process" -> service = t == JsonToken.START_OBJECT ? readProcess(p) : skipNull(p);
        case "processID", "processId", "process_id" -> processId = scalarText(p, t);
        default -> p.skipChildren();
      }
    }
    if (!hasStart) {
      throw error(start, "span without \"startTime\": expected its start in microseconds");
    }
    b.traceId(traceHigh, traceLow);
    b.startNanos(startNanos);
    if (durationNanos > Long.MAX_VALUE - startNanos) {
      throw error(
          start,
          "span end out of range: start "
              + startNanos
              + " ns + duration "
              + durationNanos
              + " ns is beyond the year 2262");
    }
    b.endNanos(startNanos + durationNanos);
    resolveReferences(b, traceHigh, traceLow);
    if (service != null) {
      b.service(service);
      sink.accept(build(start));
      return;
    }
    String known = processId == null || c.processes == null ? null : c.processes.get(processId);
    if (known != null) {
      b.service(known);
    }
    Span span = build(start);
    if (known != null || processId == null || !c.mayGetProcesses) {
      sink.accept(span);
    } else {
      if (c.waiting == null) {
        c.waiting = new ArrayList<>();
        c.waitingProcess = new ArrayList<>();
      }
      c.waiting.add(span);
      c.waitingProcess.add(processId);
    }
    c.spansSeen = true;
  }

  private void addRef(int type, long traceHigh, long traceLow, long span) {
    if (refs == refSpan.length) {
      int n = refs * 2;
      refTraceHigh = java.util.Arrays.copyOf(refTraceHigh, n);
      refTraceLow = java.util.Arrays.copyOf(refTraceLow, n);
      refSpan = java.util.Arrays.copyOf(refSpan, n);
      refType = java.util.Arrays.copyOf(refType, n);
    }
    refType[refs] = type;
    refTraceHigh[refs] = traceHigh;
    refTraceLow[refs] = traceLow;
    refSpan[refs] = span;
    refs++;
  }

  private void readReferences(JsonParser p, JsonToken t) throws IOException, InputException {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_ARRAY) {
      throw error(p, "expected an array for \"references\", found " + describe(p));
    }
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw error(p, "expected a reference object, found " + describe(p));
      }
      int type = CHILD_OF; // the protobuf default, left out by protobuf-JSON writers
      long th = 0;
      long tl = 0;
      long span = 0;
      String field;
      while ((field = p.nextFieldName()) != null) {
        JsonToken vt = p.nextToken();
        switch (field) {
          case "refType", "ref_type" -> {
            String v = scalarText(p, vt);
            if (v == null || v.equals("CHILD_OF") || v.equals("child_of") || v.equals("0")) {
              type = CHILD_OF;
            } else if (v.equals("FOLLOWS_FROM") || v.equals("follows_from") || v.equals("1")) {
              type = FOLLOWS_FROM;
            } else {
              throw error(
                  p, "expected a reference type CHILD_OF or FOLLOWS_FROM, found " + describe(p));
            }
          }
          case "traceID", "traceId", "trace_id" -> {
            if (readId(p, vt, 16)) {
              th = idHigh;
              tl = idLow;
            }
          }
          case "spanID", "spanId", "span_id" -> {
            if (readId(p, vt, 8)) {
              span = idLow;
            }
          }
          default -> p.skipChildren();
        }
      }
      if (span != 0) {
        addRef(type, th, tl, span);
      }
    }
  }

  /**
   * Parent: first CHILD_OF into this trace, else first FOLLOWS_FROM into it; the rest are links.
   */
  private void resolveReferences(Span.Builder b, long traceHigh, long traceLow) {
    int parent = -1;
    for (int pass = CHILD_OF; pass <= FOLLOWS_FROM && parent < 0; pass++) {
      for (int i = 0; i < refs; i++) {
        if (refType[i] == pass && sameTrace(i, traceHigh, traceLow)) {
          parent = i;
          break;
        }
      }
    }
    if (parent >= 0) {
      b.parentSpanId(refSpan[parent]);
    }
    for (int i = 0; i < refs; i++) {
      if (i == parent
          || (parent >= 0 && refSpan[i] == refSpan[parent] && sameTrace(i, traceHigh, traceLow))) {
        continue; // the parent, possibly listed twice (CHILD_OF and FOLLOWS_FROM)
      }
      if (refTraceHigh[i] == Long.MIN_VALUE && refTraceLow[i] == 0) {
        continue;
      }
      b.link(new SpanLink(refTraceHigh[i], refTraceLow[i], refSpan[i]));
    }
  }

  private boolean sameTrace(int i, long traceHigh, long traceLow) {
    return (refTraceHigh[i] == Long.MIN_VALUE && refTraceLow[i] == 0)
        || (refTraceHigh[i] == traceHigh && refTraceLow[i] == traceLow);
  }

  /** A start time: microseconds (number or digits) or an RFC 3339 string (api_v2). */
  private long time(JsonParser p, JsonToken t) throws IOException, InputException {
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getText().trim();
      if (!s.isEmpty() && !isDigits(s)) {
        try {
          return Timestamps.parseDateTime(s);
        } catch (IllegalArgumentException e) {
          throw error(
              p,
              "expected \"startTime\" in microseconds or as an RFC 3339 time, " + e.getMessage());
        }
      }
    }
    return micros(p, t, "a start time");
  }

  /** A duration: microseconds (number or digits) or a string with units ("5000ns", "0.005s"). */
  private long duration(JsonParser p, JsonToken t) throws IOException, InputException {
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getText().trim();
      if (!s.isEmpty() && !isDigits(s)) {
        try {
          return Durations.parseNanos(s);
        } catch (IllegalArgumentException e) {
          throw error(
              p,
              "expected \"duration\" in microseconds or with units (\"5000ns\", "
                  + "\"0.005s\"), found \""
                  + Names.abbreviate(s)
                  + "\"");
        }
      }
    }
    return micros(p, t, "a duration");
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The value a protobuf-JSON writer leaves out because it is the default of its type. */
  private static String defaultValue(String type) {
    if (type == null) {
      return "";
    }
    return switch (type.toUpperCase(java.util.Locale.ROOT)) {
      case "BOOL", "1" -> "false";
      case "INT64", "2" -> "0";
      case "FLOAT64", "3" -> "0.0";
      default -> "";
    };
  }

  private void readTags(JsonParser p, JsonToken t) throws IOException, InputException {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_ARRAY) {
      throw error(p, "expected an array of tags, found " + describe(p));
    }
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw error(p, "expected a tag {\"key\", \"type\", \"value\"}, found " + describe(p));
      }
      String key = null;
      String value = null;
      String type = null;
      String field;
      while ((field = p.nextFieldName()) != null) {
        JsonToken vt = p.nextToken();
        switch (field) {
          case "key" -> key = scalarText(p, vt);
          case "type", "vType", "v_type" -> type = scalarText(p, vt);
          case "value",
              "vStr",
              "v_str",
              "vInt64",
              "v_int64",
              "vBool",
              "v_bool",
              "vFloat64",
              "v_float64",
              "vBinary",
              "v_binary" -> {
            String v = scalarText(p, vt);
            if (v != null) {
              value = v;
            }
          }
          default -> p.skipChildren();
        }
      }
      if (key != null) {
        if (value == null) {
          value = defaultValue(type);
        }
        if (!applyTranslatedTag(key, value, false)) {
          builder.attribute(key, value);
        }
      }
    }
  }
}
