package io.github.wakeupanalyze.model;

import io.github.wakeupanalyze.text.Names;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One span, normalized by its reader: epoch nanoseconds, ids as 64-bit halves (0 = unset),
 * attribute values as strings. Built with {@link Builder}, which rejects a span that ends before it
 * starts.
 *
 * @param service resource {@code service.name}, {@code unknown_service} when absent
 * @param scope instrumentation scope (library) name, "" when absent
 * @param kind OTLP span kind number: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5
 *     consumer
 * @param error true when the span status is ERROR
 * @param attributes span attributes, scalar values as strings; never null
 * @param traceState the W3C {@code tracestate} the span was recorded with (OTLP {@code
 *     trace_state}), e.g. {@code ot=th:8}; "" when absent. It carries the sampling probability
 *     where a probability sampler wrote one.
 */
public record Span(
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
    Map<String, String> attributes,
    List<SpanLink> links,
    String traceState) {

  public static final String UNKNOWN_SERVICE = "unknown_service";

  public Span {
    traceState = traceState == null ? "" : traceState;
  }

  /** This span with another service name. */
  public Span withService(String newService) {
    return with(newService, scope);
  }

  /** This span with another instrumentation scope. */
  public Span withScope(String newScope) {
    return with(service, newScope);
  }

  private Span with(String newService, String newScope) {
    return new Span(
        newService,
        newScope,
        traceIdHigh,
        traceIdLow,
        spanId,
        parentSpanId,
        name,
        kind,
        startNanos,
        endNanos,
        error,
        attributes,
        links,
        traceState);
  }

  public boolean hasParent() {
    return parentSpanId != 0;
  }

  public String attribute(String key) {
    return attributes.get(key);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; readers may reuse one after {@link #reset()}. */
  public static final class Builder {
    private String service = UNKNOWN_SERVICE;
    private String scope = "";
    private long traceIdHigh;
    private long traceIdLow;
    private long spanId;
    private long parentSpanId;
    private String name = "";
    private int kind;
    private long startNanos;
    private long endNanos;
    private boolean error;
    private Map<String, String> attributes;
    private List<SpanLink> links;
    private String traceState = "";

    public Builder reset() {
      service = UNKNOWN_SERVICE;
      scope = "";
      traceIdHigh = traceIdLow = spanId = parentSpanId = 0;
      name = "";
      kind = 0;
      startNanos = endNanos = 0;
      error = false;
      attributes = null;
      links = null;
      traceState = "";
      return this;
    }

    /** The W3C tracestate, e.g. {@code ot=th:8}; null or empty means none. */
    public Builder traceState(String v) {
      traceState = v == null ? "" : v;
      return this;
    }

    public Builder service(String v) {
      service = v == null || v.isEmpty() ? UNKNOWN_SERVICE : v;
      return this;
    }

    public Builder scope(String v) {
      scope = v == null ? "" : v;
      return this;
    }

    public Builder traceId(long high, long low) {
      traceIdHigh = high;
      traceIdLow = low;
      return this;
    }

    /** Hex or base64 trace id; empty means unset. */
    public Builder traceId(String text) {
      long[] id = Ids.parse(text, 16);
      return id == null ? traceId(0, 0) : traceId(id[0], id[1]);
    }

    public Builder spanId(long v) {
      spanId = v;
      return this;
    }

    public Builder spanId(String text) {
      long[] id = Ids.parse(text, 8);
      return spanId(id == null ? 0 : id[1]);
    }

    public Builder parentSpanId(long v) {
      parentSpanId = v;
      return this;
    }

    /** Empty or all-zero means no parent. */
    public Builder parentSpanId(String text) {
      long[] id = Ids.parse(text, 8);
      return parentSpanId(id == null ? 0 : id[1]);
    }

    public Builder name(String v) {
      name = v == null ? "" : v;
      return this;
    }

    public Builder kind(int v) {
      kind = v;
      return this;
    }

    public Builder startNanos(long v) {
      startNanos = v;
      return this;
    }

    public Builder endNanos(long v) {
      endNanos = v;
      return this;
    }

    public Builder error(boolean v) {
      error = v;
      return this;
    }

    public Builder attribute(String key, String value) {
      if (attributes == null) {
        attributes = new HashMap<>(8);
      }
      attributes.put(key, value);
      return this;
    }

    public Builder link(SpanLink link) {
      if (links == null) {
        links = new java.util.ArrayList<>(2);
      }
      links.add(link);
      return this;
    }

    public long spanId() {
      return spanId;
    }

    /**
     * Builds the span.
     *
     * @throws IllegalArgumentException naming the span when it has no span id or ends before it
     *     starts
     */
    public Span build() {
      if (spanId == 0) {
        throw new IllegalArgumentException(
            "span \"" + Names.abbreviate(name) + "\" has no span id");
      }
      if (endNanos < startNanos) {
        throw new IllegalArgumentException(
            "span \""
                + Names.abbreviate(name)
                + "\" ("
                + Ids.hex(spanId)
                + ") ends before it starts (end "
                + endNanos
                + " < start "
                + startNanos
                + " ns)");
      }
      Map<String, String> attrs =
          attributes == null ? Map.of() : Collections.unmodifiableMap(attributes);
      List<SpanLink> l = links == null ? List.of() : List.copyOf(links);
      attributes = null;
      links = null;
      return new Span(
          service,
          scope,
          traceIdHigh,
          traceIdLow,
          spanId,
          parentSpanId,
          name,
          kind,
          startNanos,
          endNanos,
          error,
          attrs,
          l,
          traceState);
    }
  }
}
