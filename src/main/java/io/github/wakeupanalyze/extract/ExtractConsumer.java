package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;

/**
 * Receives what the extractor finds, as soon as it is final: a live analysis consumes reconciles
 * while spans keep arriving; a batch run collects them ({@link ReconcileExtractor#finish()}).
 * Called on the extractor's thread, in the order found (not sorted); times are as recorded, not yet
 * corrected for clock skew ({@link ReconcileExtractor#clockOffsets()} gives the current estimates).
 */
public interface ExtractConsumer {
  /** A reconcile whose span ended and whose grace period for late children has passed. */
  void reconcile(Reconcile reconcile);

  /** A reconcile missing from the trace whose pieces arrived, once final. */
  void lostReconcile(LostReconcile lost);

  /** A write to a named object outside every reconcile, as soon as that is known. */
  void write(ObjectWrite write);

  /** A span link carried by a reconcile span, when the reconcile is found. */
  void link(ReconcileLink link);
}
