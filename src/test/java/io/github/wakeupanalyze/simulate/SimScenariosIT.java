package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Trigger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The accuracy scenarios in {@code src/test/resources/scenarios} hold what their comments promise:
 * enough kept reconciles, the causes they are about, the sampling ratio. Slow (they simulate about
 * 40,000 reconciles), hence an integration test.
 */
class SimScenariosIT {
  private static SimRecorder run(String name) throws Exception {
    Scenario s = ScenarioLoader.load(Path.of("src/test/resources/scenarios", name + ".yaml"));
    SimRecorder r = new SimRecorder();
    Simulator.run(s, r);
    return r;
  }

  private static Map<Cause, Long> causes(SimRecorder r) {
    return r.labels.stream()
        .collect(Collectors.groupingBy(Label::cause, TreeMap::new, Collectors.counting()));
  }

  private static Map<String, Long> keptPerObject(SimRecorder r) {
    return r.labels.stream()
        .filter(Label::kept)
        .collect(Collectors.groupingBy(Label::object, TreeMap::new, Collectors.counting()));
  }

  private static void assertRatio(double ratio, SimRecorder r) {
    long n = r.labels.size();
    long kept = r.labels.stream().filter(Label::kept).count();
    assertEquals(n * ratio, kept, 4 * Math.sqrt(n * ratio * (1 - ratio)), kept + " of " + n);
  }

  @Test
  void sampledPercona_keepsTheRatio_andAtLeast100ReconcilesPerObjectAt10Percent() throws Exception {
    assertRatio(0.5, run("percona-sampled-50"));
    assertRatio(0.5, run("percona-sampled-50-jaeger"));
    for (String name : List.of("percona-sampled-10", "percona-sampled-10-tracestate")) {
      SimRecorder r = run(name);
      assertRatio(0.1, r);
      Map<String, Long> perObject = keptPerObject(r);
      assertEquals(3, perObject.size());
      perObject.values().forEach(k -> assertTrue(k >= 100, name + " " + perObject));
    }
  }

  @Test
  void sampledPoisson_isEventDrivenOnly() throws Exception {
    SimRecorder r = run("poisson-sampled-10");
    assertRatio(0.1, r);
    assertTrue(r.labels.stream().allMatch(l -> l.truth() == Trigger.EVENT));
  }

  @Test
  void spanLoss_leavesReconcileFragments() throws Exception {
    SimRecorder r = run("percona-span-loss-5");
    long fragments = 0;
    for (int i = 0; i < r.labels.size(); i++) {
      if (!r.labels.get(i).kept() && !r.reconcileTraces.get(i).isEmpty()) {
        fragments++;
      }
    }
    assertRatio(0.95, r);
    assertTrue(fragments > 20, "fragments " + fragments);
  }

  @Test
  void skewedApiserver_recordsServerSpansUnderTheOperatorsCalls() throws Exception {
    for (String name : List.of("percona-skew-plus20", "percona-skew-minus20")) {
      SimRecorder r = run(name);
      long servers =
          r.reconcileTraces.stream()
              .flatMap(List::stream)
              .filter(s -> s.service().equals("kube-apiserver"))
              .count();
      assertTrue(servers > r.labels.size(), name + " " + servers);
      assertTrue(r.others.size() > 40, name + ": visible edits " + r.others.size());
    }
  }

  @Test
  void shortWindow_holdsAboutFifteenReconcilesPerObject() throws Exception {
    Map<String, Long> perObject = keptPerObject(run("percona-90s"));
    perObject.values().forEach(k -> assertTrue(k >= 14 && k <= 20, perObject.toString()));
  }

  @Test
  void josdkScenarios_haveTheirTimers() throws Exception {
    Map<Cause, Long> reschedule = causes(run("josdk-reschedule-2s"));
    assertTrue(reschedule.get(Cause.REQUEUE) > 2000, reschedule.toString());
    Map<Cause, Long> retry = causes(run("josdk-generic-retry"));
    assertTrue(retry.get(Cause.ERROR_RETRY) > 20, retry.toString());
    assertTrue(retry.get(Cause.EXTERNAL_EVENT) > 200, retry.toString());
    Map<Cause, Long> max = causes(run("josdk-max-interval"));
    assertTrue(max.get(Cause.MAX_INTERVAL) > 300, max.toString());
    assertEquals(null, max.get(Cause.REQUEUE));
  }

  @Test
  void resyncThroughOneWorker_resyncsEveryObjectInEachBurst() throws Exception {
    Map<Cause, Long> c = causes(run("resync-one-worker"));
    assertEquals(0, c.get(Cause.RESYNC) % 200, c.toString());
    assertTrue(c.get(Cause.RESYNC) >= 1000, c.toString());
  }

  @Test
  void kubeRsBulk_labelsBulkRunsAsResyncWithTheirReason() throws Exception {
    for (String name : List.of("kube-rs-bulk", "kube-rs-bulk-no-reason")) {
      SimRecorder r = run(name);
      List<Label> bulk = r.labels.stream().filter(l -> l.cause() == Cause.RESYNC).toList();
      assertTrue(bulk.size() > 150, name + " " + bulk.size());
      assertTrue(bulk.stream().allMatch(l -> Wake.BULK.equals(l.reason())));
      boolean onSpans =
          r.reconcileTraces.stream()
              .flatMap(List::stream)
              .anyMatch(s -> s.attributes().contains(SimSpan.Attr.of("object.reason", Wake.BULK)));
      assertEquals(name.equals("kube-rs-bulk"), onSpans, name);
    }
  }
}
