package io.github.wakeupanalyze.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.kafka.OutputJson;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.testing.ManagedAuditLogs;
import io.github.wakeupanalyze.testing.Replay;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every form of the audit log gives the verdicts of the API server's own file: a 10 %-sampled
 * Percona-like run's audit log, rewritten as GKE, AKS and EKS hand it out (as JSON, YAML, an S3
 * export) and as the API server's own output, read beside the trace, classifies every reconcile as
 * the original log does.
 */
class ManagedAuditLogsTest {
  @TempDir Path dir;

  static TreeMap<String, String> verdicts(Pipeline.Result r) {
    TreeMap<String, String> out = new TreeMap<>();
    for (ClassifiedReconcile cr : r.analysis().reconciles()) {
      out.put(OutputJson.reconcileKey(cr.reconcile()), OutputJson.reconcile(cr));
    }
    return out;
  }

  /** The form a managed cluster's log service gives the log in. */
  interface Form {
    Path write(Path audit, Path out) throws IOException;
  }

  static SimulationRun.Written run;
  static TreeMap<String, String> original;

  @BeforeAll
  static void simulate(@TempDir Path sim) {
    run = Replay.simulateFiles(Replay.PERCONA_SAMPLED_AUDIT, TimeUnit.MINUTES.toNanos(40), sim);
    original = verdicts(Replay.analyze(run.trace(), run.audit()));
    assertNotEquals(verdicts(Replay.analyze(run.trace())), original, "on this run the log matters");
  }

  void assertSameVerdicts(Form form, String name) throws Exception {
    Path log = form.write(run.audit(), dir.resolve(name));
    Pipeline.Result r = Replay.analyze(run.trace(), log);
    assertEquals(TraceFormat.K8S_AUDIT, r.inputs().get(1).format(), name);
    assertEquals(List.of(), r.inputs().get(1).warnings(), name);
    assertEquals(
        Replay.analyze(run.audit()).inputs().get(0).spans(),
        r.inputs().get(1).spans(),
        name + ": writes read");
    assertEquals(original, verdicts(r), name);
  }

  @Test
  void gke_asGcloudPrintsIt() throws Exception {
    assertSameVerdicts(ManagedAuditLogs::gke, "gke.json");
  }

  @Test
  void aks_diagnosticLogs_withTheApiServersOwnLogBetween() throws Exception {
    assertSameVerdicts(ManagedAuditLogs::aks, "aks.json");
  }

  @Test
  void eks_cloudWatchEvents_withTheApiServersOwnStreamAmongThem() throws Exception {
    assertSameVerdicts(ManagedAuditLogs::eks, "eks.json");
  }

  @Test
  void gke_asGcloudPrintsItByDefault_yaml() throws Exception {
    assertSameVerdicts(ManagedAuditLogs::gkeYaml, "gke.yaml");
  }

  @Test
  void eks_cloudWatchExportToS3_aTimeBeforeEachEvent_gzip() throws Exception {
    assertSameVerdicts(ManagedAuditLogs::s3Export, "000000.gz");
  }

  @Test
  void apiServerOutput_asKubectlLogsGivesIt_withItsOwnLogBetween() throws Exception {
    assertSameVerdicts(
        (a, out) -> ManagedAuditLogs.apiServerOutput(a, out, false), "apiserver.log");
  }

  @Test
  void apiServerOutput_withKubectlTimestampsAndPrefix() throws Exception {
    assertSameVerdicts((a, out) -> ManagedAuditLogs.apiServerOutput(a, out, true), "apiserver.log");
  }

  @Test
  void apiServerFileOnItsNode_criRecords_eventsInPartialRecords() throws Exception {
    assertSameVerdicts(ManagedAuditLogs::apiServerNodeFile, "0.log");
  }
}
