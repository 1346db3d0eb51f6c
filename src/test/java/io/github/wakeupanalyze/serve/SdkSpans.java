package io.github.wakeupanalyze.serve;

import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spans as the OpenTelemetry SDK hands them to its exporters: each of our normalized spans turned
 * back into {@link SpanData} (the ids, times, names, attributes as strings, status, links, trace
 * state, service and scope), so a real SDK exporter sends what a recorded trace holds.
 */
final class SdkSpans {
  private SdkSpans() {}

  static List<SpanData> of(List<Span> spans) {
    List<SpanData> out = new ArrayList<>(spans.size());
    for (Span s : spans) {
      out.add(of(s));
    }
    return out;
  }

  static SpanData of(Span s) {
    TraceState state = traceState(s.traceState());
    String traceId = traceId(s.traceIdHigh(), s.traceIdLow());
    AttributesBuilder attributes = Attributes.builder();
    for (Map.Entry<String, String> e : s.attributes().entrySet()) {
      attributes.put(AttributeKey.stringKey(e.getKey()), e.getValue());
    }
    List<LinkData> links = new ArrayList<>();
    for (SpanLink l : s.links()) {
      links.add(
          LinkData.create(
              SpanContext.create(
                  traceId(l.traceIdHigh(), l.traceIdLow()),
                  spanId(l.spanId()),
                  TraceFlags.getSampled(),
                  TraceState.getDefault())));
    }
    return TestSpanData.builder()
        .setSpanContext(
            SpanContext.create(traceId, spanId(s.spanId()), TraceFlags.getSampled(), state))
        .setParentSpanContext(
            s.hasParent()
                ? SpanContext.create(
                    traceId, spanId(s.parentSpanId()), TraceFlags.getSampled(), state)
                : SpanContext.getInvalid())
        .setResource(
            Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), s.service())))
        .setInstrumentationScopeInfo(InstrumentationScopeInfo.create(s.scope()))
        .setName(s.name())
        .setKind(kind(s.kind()))
        .setStartEpochNanos(s.startNanos())
        .setEndEpochNanos(s.endNanos())
        .setAttributes(attributes.build())
        .setTotalAttributeCount(s.attributes().size())
        .setLinks(links)
        .setTotalRecordedLinks(links.size())
        .setStatus(s.error() ? StatusData.error() : StatusData.unset())
        .setHasEnded(true)
        .build();
  }

  private static SpanKind kind(int otlp) {
    return switch (otlp) {
      case 2 -> SpanKind.SERVER;
      case 3 -> SpanKind.CLIENT;
      case 4 -> SpanKind.PRODUCER;
      case 5 -> SpanKind.CONSUMER;
      default -> SpanKind.INTERNAL;
    };
  }

  private static TraceState traceState(String w3c) {
    if (w3c.isEmpty()) {
      return TraceState.getDefault();
    }
    TraceStateBuilder b = TraceState.builder();
    for (String member : w3c.split(",")) {
      int eq = member.indexOf('=');
      if (eq > 0) {
        b.put(member.substring(0, eq).trim(), member.substring(eq + 1).trim());
      }
    }
    return b.build();
  }

  private static String traceId(long high, long low) {
    return String.format(Locale.ROOT, "%016x%016x", high, low);
  }

  private static String spanId(long id) {
    return String.format(Locale.ROOT, "%016x", id);
  }
}
