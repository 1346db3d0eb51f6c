package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.model.SpanLink;
import java.util.List;

/**
 * One simulated span, ready for any writer: epoch nanoseconds, ids as 64-bit halves, attributes in
 * a fixed order (so every format writes them identically).
 *
 * @param service resource {@code service.name}
 * @param scope instrumentation scope name
 * @param parentSpanId 0 for a root
 * @param kind OTLP span kind: 1 internal, 2 server, 3 client
 * @param error span status ERROR
 * @param statusMessage status message of an error, else null
 * @param attributes in the order they are written
 * @param links spans this one links to, possibly in other traces
 * @param traceState the W3C tracestate the span was recorded with, e.g. {@code ot=th:e666}; "" for
 *     none
 */
public record SimSpan(
    String service,
    String scope,
    long traceIdHigh,
    long traceIdLow,
    long spanId,
    long parentSpanId,
    String name,
    int kind,
    long startNanos,
    long endNanos,
    boolean error,
    String statusMessage,
    List<Attr> attributes,
    List<SpanLink> links,
    String traceState) {

  public static final int INTERNAL = 1;
  public static final int SERVER = 2;
  public static final int CLIENT = 3;

  public SimSpan {
    attributes = List.copyOf(attributes);
    links = List.copyOf(links);
    traceState = traceState == null ? "" : traceState;
  }

  /**
   * This span as a recorder wrote it: times shifted by {@code offsetNanos}, with a tracestate and
   * extra attributes appended.
   */
  SimSpan recorded(long offsetNanos, String state, List<Attr> extra) {
    List<Attr> attrs = attributes;
    if (!extra.isEmpty()) {
      attrs = new java.util.ArrayList<>(attributes);
      attrs.addAll(extra);
    }
    return new SimSpan(
        service,
        scope,
        traceIdHigh,
        traceIdLow,
        spanId,
        parentSpanId,
        name,
        kind,
        startNanos + offsetNanos,
        endNanos + offsetNanos,
        error,
        statusMessage,
        attrs,
        links,
        state);
  }

  /**
   * One attribute; the value is a {@link String}, {@link Long}, {@link Double} or {@link Boolean}.
   *
   * @param key e.g. {@code http.request.method}
   */
  public record Attr(String key, Object value) {
    public static Attr of(String key, String value) {
      return new Attr(key, value);
    }

    public static Attr of(String key, long value) {
      return new Attr(key, value);
    }

    public static Attr of(String key, boolean value) {
      return new Attr(key, value);
    }

    public static Attr of(String key, double value) {
      return new Attr(key, value);
    }
  }
}
