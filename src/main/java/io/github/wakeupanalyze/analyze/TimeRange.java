package io.github.wakeupanalyze.analyze;

/** A time range, epoch nanoseconds, e.g. when a conditional timer was active. */
public record TimeRange(long startNanos, long endNanos) {}
