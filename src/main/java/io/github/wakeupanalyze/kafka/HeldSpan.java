package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.model.Span;

/**
 * A span held in the trace stage's store until its trace is final.
 *
 * @param ingestMillis the Kafka timestamp of the record it came in, epoch ms
 */
record HeldSpan(Span span, long ingestMillis) {}
