package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.TraceEvidence;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one analysis pass works on, taken from the {@link LiveWindow} at once.
 *
 * @param watermarkNanos the latest span end seen, epoch ns: the window's end
 * @param windowStartNanos the earliest start kept, epoch ns
 * @param controllers every controller with a reconcile in the window
 * @param changed the controllers to analyse again, each as one list per object (sorted by object,
 *     each list in stream order)
 * @param evidence writes by other clients and span links in the window
 * @param fresh the reconciles that entered the window since the previous pass (identity set)
 * @param logged an operator's log has reconciles in the window: every controller is in {@code
 *     changed}, and the pass joins the log's reconciles with the trace's
 * @param reconcilesInWindow reconciles in the window
 * @param counts the window's counters, indexed as in {@link LiveCounts}
 */
record WindowSnapshot(
    long watermarkNanos,
    long windowStartNanos,
    Set<ControllerKey> controllers,
    Map<ControllerKey, List<List<Reconcile>>> changed,
    TraceEvidence evidence,
    Set<Reconcile> fresh,
    boolean logged,
    long reconcilesInWindow,
    long[] counts) {}
