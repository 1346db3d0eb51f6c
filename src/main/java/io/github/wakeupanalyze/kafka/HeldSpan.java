package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.model.Span;

/**
 * A span in the trace stage's stores: held until its trace is final, then kept while its trace may
 * still be rejoined ({@link ReleasedTraces}).
 *
 * @param ingestMillis the Kafka timestamp of the record it came in, epoch ms
 * @param sent whether the span was in an extraction already sent downstream (its trace was released
 *     and reopened by a late span), so what that extraction sent can be told apart from what the
 *     next one sends
 */
record HeldSpan(Span span, long ingestMillis, boolean sent) {}
