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
    List<SpanLink> links) {

  public static final int INTERNAL = 1;
  public static final int SERVER = 2;
  public static final int CLIENT = 3;

  public SimSpan {
    attributes = List.copyOf(attributes);
    links = List.copyOf(links);
  }

  /**
   * One attribute; the value is a {@link String}, {@link Long} or {@link Boolean}.
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
  }
}
