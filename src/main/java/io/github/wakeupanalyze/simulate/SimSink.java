package io.github.wakeupanalyze.simulate;

import java.io.IOException;
import java.util.List;

/**
 * Receives the simulation's output in simulated time order: each trace when its last span ends.
 * Trace writers and the labels writer implement it; tests collect into lists.
 */
public interface SimSink {
  /**
   * A reconcile trace, delivered when the reconcile ends.
   *
   * @param spans descendants first, in the order they end; the reconcile span last
   */
  void reconcile(Label label, List<SimSpan> spans) throws IOException;

  /** A trace that is not a reconcile (a kube-apiserver span of an external write). */
  void other(List<SimSpan> spans) throws IOException;

  /**
   * A write the API server accepted, delivered when the writer issues it (so not always in time
   * order): what an audit log records. Sinks that write no audit log ignore it.
   */
  default void apiWrite(ApiWrite write) throws IOException {}

  /** The time resolution the sink keeps, in nanoseconds: 1, or 1000 for microsecond formats. */
  default long resolutionNanos() {
    return 1;
  }
}
