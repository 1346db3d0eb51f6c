package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.model.Ids;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import java.util.Objects;

/**
 * What the trace stage hands the controller stage: exactly one of a reconcile, a write by another
 * client or a span link, with the trace stage's watermark when it was extracted.
 *
 * @param watermarkNanos the trace stage's latest span end at extraction, epoch ns
 * @param ingestMillis the Kafka timestamp of the latest record of the trace it came from, epoch ms
 *     (carried to the output, so produce-to-output latency can be measured)
 * @param retracted true when a trace re-extracted with late spans no longer yields this item: the
 *     controller stage forgets the entry under its {@link #key()}
 */
record Item(
    long watermarkNanos,
    long ingestMillis,
    Reconcile reconcile,
    ObjectWrite write,
    ReconcileLink link,
    boolean retracted) {
  private static final char SEP = Routing.SEP;

  static Item of(long watermarkNanos, long ingestMillis, Reconcile r) {
    return new Item(watermarkNanos, ingestMillis, r, null, null, false);
  }

  static Item of(long watermarkNanos, long ingestMillis, ObjectWrite w) {
    return new Item(watermarkNanos, ingestMillis, null, w, null, false);
  }

  static Item of(long watermarkNanos, long ingestMillis, ReconcileLink l) {
    return new Item(watermarkNanos, ingestMillis, null, null, l, false);
  }

  /** This item withdrawn, with the watermark and ingest time given. */
  Item retraction(long watermark, long ingest) {
    return new Item(watermark, ingest, reconcile, write, link, true);
  }

  /**
   * The item's key in the controller stage's store, which is also its identity: a reconcile is
   * {@code r␟operator␟controller␟object␟start span} (its object's window in start order), a write
   * {@code w␟time span trace}, a link {@code l␟reconcile-span linked-span} (ids and times as 16 hex
   * digits).
   */
  String key() {
    if (reconcile != null) {
      Reconcile r = reconcile;
      return "r" + SEP + Routing.key(r.key()) + SEP + Ids.hex(r.startNanos()) + Ids.hex(r.spanId());
    } else if (write != null) {
      return "w"
          + SEP
          + Ids.hex(write.timeNanos())
          + Ids.hex(write.spanId())
          + Ids.hex(write.traceIdLow());
    }
    return "l" + SEP + Ids.hex(link.reconcileSpanId()) + Ids.hex(link.linked().spanId());
  }

  /** Whether {@code other} carries the same reconcile, write or link (times aside). */
  boolean samePayload(Item other) {
    return Objects.equals(reconcile, other.reconcile)
        && Objects.equals(write, other.write)
        && Objects.equals(link, other.link);
  }
}
