/**
 * What every trace and log reader builds on, and nothing more: the reader contract ({@link
 * io.github.wakeupanalyze.ingest.core.TraceReader} handing spans to a {@link
 * io.github.wakeupanalyze.ingest.core.SpanSink}), the one-line input error ({@link
 * io.github.wakeupanalyze.ingest.core.InputException}), bounded line reading ({@link
 * io.github.wakeupanalyze.ingest.core.TextLines}), timestamp parsing ({@link
 * io.github.wakeupanalyze.ingest.core.Timestamps}), the kubelet's time before each line of {@code
 * kubectl logs --timestamps} ({@link io.github.wakeupanalyze.ingest.core.KubeletTime}), a
 * container's log file on its node read as those lines ({@link
 * io.github.wakeupanalyze.ingest.core.CriLines}) and ids for spans made from non-span input ({@link
 * io.github.wakeupanalyze.ingest.core.Synthetic}). Both {@code ingest} (the trace formats) and
 * {@code ingest.log} (operator logs) depend on it; it depends on neither, so the two never form a
 * cycle.
 */
package io.github.wakeupanalyze.ingest.core;
