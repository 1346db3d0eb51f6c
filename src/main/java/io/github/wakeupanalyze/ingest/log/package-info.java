/**
 * Operator logs as reconciles: one streaming {@link io.github.wakeupanalyze.ingest.log.LogReader}
 * that parses each line in any of the formats operators write ({@link
 * io.github.wakeupanalyze.ingest.log.LineParser}), finds each reconcile by its framework's own
 * lines ({@link io.github.wakeupanalyze.ingest.log.FrameworkLines}) and hands it on as a synthetic
 * span carrying what the lines say about it.
 */
package io.github.wakeupanalyze.ingest.log;
