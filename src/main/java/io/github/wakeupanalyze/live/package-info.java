/**
 * The online engine: reconciles kept per object over a sliding window of trace time, the batch
 * engine's steps re-run per controller as the window moves, and each object's next timer wake-up
 * predicted. Pure computation, no I/O: {@code serve} feeds it from OTLP receivers, and a stream
 * processor partitioned by object can hold its state (docs/live.md).
 */
package io.github.wakeupanalyze.live;
