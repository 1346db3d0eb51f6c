package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;

/**
 * What the trace stage hands the controller stage: exactly one of a reconcile, a write by another
 * client or a span link, with the trace stage's watermark when it was extracted.
 *
 * @param watermarkNanos the trace stage's latest span end at extraction, epoch ns
 * @param ingestMillis the Kafka timestamp of the latest record of the trace it came from, epoch ms
 *     (carried to the output, so produce-to-output latency can be measured)
 */
record Item(
    long watermarkNanos,
    long ingestMillis,
    Reconcile reconcile,
    ObjectWrite write,
    ReconcileLink link) {
  static Item of(long watermarkNanos, long ingestMillis, Reconcile r) {
    return new Item(watermarkNanos, ingestMillis, r, null, null);
  }

  static Item of(long watermarkNanos, long ingestMillis, ObjectWrite w) {
    return new Item(watermarkNanos, ingestMillis, null, w, null);
  }

  static Item of(long watermarkNanos, long ingestMillis, ReconcileLink l) {
    return new Item(watermarkNanos, ingestMillis, null, null, l);
  }
}
