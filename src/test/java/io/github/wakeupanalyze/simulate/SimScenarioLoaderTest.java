package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wakeupanalyze.text.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario files: defaults, JSON as well as YAML, and errors that name the key. */
class SimScenarioLoaderTest {
  @TempDir Path dir;

  private static Scenario parse(String text) throws ScenarioException {
    return ScenarioLoader.parse(text, "s.yaml", "s", null);
  }

  private static String error(String text) {
    return assertThrows(ScenarioException.class, () -> parse(text)).getMessage();
  }

  @Test
  void minimalScenario_getsDocumentedDefaults() throws Exception {
    Scenario s =
        parse(
            """
        operators:
          - service: op
            controllers:
              - {name: c, objects: 2}
        """);
    assertEquals("s", s.name());
    assertEquals(30L * 60 * 1_000_000_000L, s.durationNanos());
    assertEquals(Scenario.DEFAULT_START, s.startEpochNanos());
    Scenario.Operator op = s.operators().get(0);
    assertEquals(Scenario.QueueFlavor.PRIORITY, op.queue());
    Scenario.Controller c = op.controllers().get(0);
    assertEquals(List.of("default/widget-0", "default/widget-1"), c.objects());
    assertEquals(1, c.maxConcurrentReconciles());
    assertEquals(10L * 3600 * 1_000_000_000L, c.syncPeriodNanos());
    assertEquals(0, c.requeueAfterNanos());
    assertEquals(List.of(new Scenario.Call("GET", "self", 1, false)), c.calls());
  }

  @Test
  void jsonScenario_readsLikeYaml() throws Exception {
    Scenario s =
        parse(
            """
        {"duration": "90s", "operators": [{"service": "op", "framework": "kube-rs",
          "controllers": [{"name": "c", "objects": ["ns/a"], "requeueAfter": 5}]}]}
        """);
    assertEquals(90_000_000_000L, s.durationNanos());
    assertEquals(5_000_000_000L, s.operators().get(0).controllers().get(0).requeueAfterNanos());
  }

  @Test
  void unknownKey_isAnErrorNamingItsPath() {
    assertEquals(
        "s.yaml: operators[0].controllers[0]: unknown key requeueAftr; expected one of "
            + "[bulkReconcileEvery, calls, duration, edits, errorPolicyRequeue, errors, "
            + "generationChangedPredicate, group, helper, kind, maxConcurrentReconciles, "
            + "maxReconciliationInterval, name, objects, omitReason, patchStatus, reconciler, "
            + "requeueAfter, requeueJitter, resource, retry, syncPeriod, version, whenReady]",
        error(
            """
        operators:
          - service: op
            controllers:
              - {name: c, objects: 1, requeueAftr: 5s}
        """));
  }

  @Test
  void badDuration_saysWhatWasExpected() {
    assertEquals(
        "s.yaml: operators[0].controllers[0].requeueAfter: expected a duration like 5s, "
            + "150ms, 1m30s or a number of seconds, found \"5 secs\"",
        error(
            """
        operators:
          - service: op
            controllers:
              - {name: c, objects: 1, requeueAfter: 5 secs}
        """));
  }

  @Test
  void frameworkOnlyKeys_areRejectedElsewhere() {
    assertEquals(
        "s.yaml: operators[0].controllers[0].syncPeriod: kube-rs has no informer "
            + "resync; use bulkReconcileEvery",
        error(
            """
        operators:
          - service: op
            framework: kube-rs
            controllers:
              - {name: c, objects: 1, syncPeriod: 1h}
        """));
    assertEquals(
        "s.yaml: operators[0].controllers[0].omitReason: only for framework kube-rs",
        error(
            """
        operators:
          - service: op
            controllers:
              - {name: c, objects: 1, omitReason: true}
        """));
  }

  @Test
  void brokenYaml_isOneLineError() {
    String m = error("operators: [\n");
    assertEquals(true, m.startsWith("s.yaml: not valid YAML or JSON: "), m);
    assertEquals(-1, m.indexOf('\n'));
  }

  @Test
  void editTimesFromCsv_acceptOffsetsUnixTimesAndInstants() throws Exception {
    Files.writeString(
        dir.resolve("edits.csv"),
        """
        time
        90s
        12.5
        1767225700
        2026-01-01T00:03:00Z
        """);
    Path file = dir.resolve("s.yaml");
    Files.writeString(
        file,
        """
        operators:
          - service: op
            controllers:
              - name: c
                objects: 1
                edits:
                  - {type: times, file: edits.csv}
        """);
    Scenario s = ScenarioLoader.load(file);
    assertEquals(
        List.of(12_500_000_000L, 90_000_000_000L, 100_000_000_000L, 180_000_000_000L),
        s.operators().get(0).controllers().get(0).edits().get(0).timesNanos());
  }

  @Test
  void durations_parseGoStyle() {
    assertEquals(90_000_000_000L, Durations.parseNanos("1m30s", true));
    assertEquals(150_000_000L, Durations.parseNanos("150ms", true));
    assertEquals(1_500_000_000L, Durations.parseNanos("1.5", true));
    assertEquals("0.005", Durations.plainSeconds(5_000_000L));
    assertEquals("36000", Durations.plainSeconds(36_000_000_000_000L));
  }
}
