package io.github.wakeupanalyze.model;

/** A link from one span to another (OTLP {@code links}, Jaeger FOLLOWS_FROM into another trace). */
public record SpanLink(long traceIdHigh, long traceIdLow, long spanId) {}
