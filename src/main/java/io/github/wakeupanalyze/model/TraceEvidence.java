package io.github.wakeupanalyze.model;

import java.util.List;

/**
 * What a trace says about why reconciles ran, beside the reconciles themselves.
 *
 * @param writes writes to objects outside every reconcile, sorted by time
 * @param links span links carried by reconcile spans
 */
public record TraceEvidence(List<ObjectWrite> writes, List<ReconcileLink> links) {
  public static final TraceEvidence NONE = new TraceEvidence(List.of(), List.of());

  public TraceEvidence {
    writes = List.copyOf(writes);
    links = List.copyOf(links);
  }
}
