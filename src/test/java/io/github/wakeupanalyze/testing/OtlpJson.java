package io.github.wakeupanalyze.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes small OTLP JSON documents for tests, one span at a time, so a test states its trace in a
 * few readable lines: {@code OtlpJson.service("op").span(...)...toJson()}.
 */
public final class OtlpJson {
  /** 2026-01-01T00:00:00Z in epoch nanoseconds: every test trace starts here. */
  public static final long T0 = 1_767_225_600_000_000_000L;

  private final Map<String, List<String>> spansByService = new LinkedHashMap<>();
  private String current;

  public static OtlpJson service(String name) {
    OtlpJson o = new OtlpJson();
    return o.and(name);
  }

  /** Further spans belong to another service (another ResourceSpans). */
  public OtlpJson and(String serviceName) {
    current = serviceName;
    spansByService.putIfAbsent(serviceName, new ArrayList<>());
    return this;
  }

  /** Nanoseconds since {@link #T0} for a time in seconds. */
  public static long at(double seconds) {
    return T0 + Math.round(seconds * 1e9);
  }

  /**
   * Adds a span.
   *
   * @param trace trace number (written as 32 hex digits)
   * @param span span number (16 hex digits)
   * @param parent parent span number, 0 for none
   * @param startS start, seconds after {@link #T0}
   * @param endS end, seconds after {@link #T0}
   * @param attrs key, value, key, value...
   */
  public OtlpJson span(
      int trace, int span, int parent, String name, double startS, double endS, String... attrs) {
    return span(trace, span, parent, name, startS, endS, false, attrs);
  }

  public OtlpJson span(
      int trace,
      int span,
      int parent,
      String name,
      double startS,
      double endS,
      boolean error,
      String... attrs) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"traceId\":\"")
        .append(traceId(trace))
        .append("\",\"spanId\":\"")
        .append(spanId(span))
        .append('"');
    if (parent != 0) {
      sb.append(",\"parentSpanId\":\"").append(spanId(parent)).append('"');
    }
    sb.append(",\"name\":\"")
        .append(json(name))
        .append("\",\"kind\":1")
        .append(",\"startTimeUnixNano\":\"")
        .append(at(startS))
        .append("\",\"endTimeUnixNano\":\"")
        .append(at(endS))
        .append('"');
    sb.append(",\"attributes\":[");
    for (int i = 0; i + 1 < attrs.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"key\":\"")
          .append(json(attrs[i]))
          .append("\",\"value\":{\"stringValue\":\"")
          .append(json(attrs[i + 1]))
          .append("\"}}");
    }
    sb.append(']');
    if (error) {
      sb.append(",\"status\":{\"code\":2}");
    }
    sb.append('}');
    spansByService.get(current).add(sb.toString());
    return this;
  }

  public static String traceId(int n) {
    return String.format(Locale.ROOT, "%032x", n);
  }

  public static String spanId(int n) {
    return String.format(Locale.ROOT, "%016x", n);
  }

  /** The whole document, one line. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\"resourceSpans\":[");
    boolean first = true;
    for (var e : spansByService.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(resourceSpans(e.getKey(), e.getValue()));
    }
    return sb.append("]}").toString();
  }

  /** JSON Lines: one TracesData per span, in the given order of span indexes. */
  public String toJsonLines(int... order) {
    List<String[]> all = new ArrayList<>();
    spansByService.forEach((svc, spans) -> spans.forEach(s -> all.add(new String[] {svc, s})));
    StringBuilder sb = new StringBuilder();
    for (int i : order) {
      String[] s = all.get(i);
      sb.append("{\"resourceSpans\":[").append(resourceSpans(s[0], List.of(s[1]))).append("]}\n");
    }
    return sb.toString();
  }

  /** A string's content as JSON writes it: quotes, backslashes and control characters escaped. */
  static String json(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  public int size() {
    return spansByService.values().stream().mapToInt(List::size).sum();
  }

  private static String resourceSpans(String service, List<String> spans) {
    return "{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\""
        + json(service)
        + "\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"test\"},\"spans\":["
        + String.join(",", spans)
        + "]}]}";
  }
}
