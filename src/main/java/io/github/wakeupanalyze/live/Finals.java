package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;

/**
 * Receives what extraction finds once it is final: the seam between extraction and the window,
 * shaped like the extractor's own consumer of final reconciles, so either can feed the window.
 */
interface Finals {
  /** A reconcile whose span ended and whose grace period for late children has passed. */
  void reconcile(Reconcile r);

  /** A write to a named object outside every reconcile. */
  void write(ObjectWrite w);

  /** A span link carried by a reconcile span. */
  void link(ReconcileLink l);
}
