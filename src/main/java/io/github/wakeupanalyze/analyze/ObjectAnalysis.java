package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.List;

/**
 * One object's analysis, from {@link Engine#object}: its reconciles classified and its result. Both
 * reflect every step up to the controller's resync step; {@link Engine#controller} may then relabel
 * members of resync bursts, after which they reflect that too.
 */
public final class ObjectAnalysis {
  final StreamWork work;
  private final AnalysisParameters params;

  ObjectAnalysis(StreamWork work, AnalysisParameters params) {
    this.work = work;
    this.params = params;
  }

  public StreamKey key() {
    return work.times.get(0).key();
  }

  /** The object's reconciles, in start order, each with its classification. */
  public List<ClassifiedReconcile> reconciles() {
    List<ClassifiedReconcile> out = new ArrayList<>(work.times.n);
    for (int j = 0; j < work.times.n; j++) {
      out.add(new ClassifiedReconcile(work.times.get(j), work.label[j]));
    }
    return out;
  }

  /** Its timers, verdict and notes (segmentation over the current labels). */
  public StreamResult result() {
    return Segmentation.result(work, params);
  }
}
