package io.github.wakeupanalyze.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.kafka.OutputJson;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.testing.GkeAuditEntries;
import io.github.wakeupanalyze.testing.Replay;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GKE's form of the audit log gives the verdicts of the API server's own: a 10 %-sampled
 * Percona-like run's audit log, rewritten as the Cloud Logging entries GKE keeps (what {@code
 * gcloud logging read --format=json} prints), read beside the trace, classifies every reconcile as
 * the original log does.
 */
class GkeAuditLogTest {
  @TempDir Path dir;

  static TreeMap<String, String> verdicts(Pipeline.Result r) {
    TreeMap<String, String> out = new TreeMap<>();
    for (ClassifiedReconcile cr : r.analysis().reconciles()) {
      out.put(OutputJson.reconcileKey(cr.reconcile()), OutputJson.reconcile(cr));
    }
    return out;
  }

  @Test
  void aRunsAuditLog_asGkeKeepsIt_givesTheVerdictsOfTheOriginal() throws Exception {
    SimulationRun.Written w =
        Replay.simulateFiles(Replay.PERCONA_SAMPLED_AUDIT, TimeUnit.MINUTES.toNanos(40), dir);
    Path gke = GkeAuditEntries.write(w.audit(), dir.resolve("gke-audit.json"));

    Pipeline.Result original = Replay.analyze(w.trace(), w.audit());
    Pipeline.Result fromGke = Replay.analyze(w.trace(), gke);
    assertEquals(TraceFormat.K8S_AUDIT, fromGke.inputs().get(1).format());
    assertEquals(original.inputs().get(1).spans(), fromGke.inputs().get(1).spans(), "writes read");
    assertEquals(verdicts(original), verdicts(fromGke));
    assertNotEquals(
        verdicts(Replay.analyze(w.trace())), verdicts(fromGke), "on this run the log matters");
  }
}
