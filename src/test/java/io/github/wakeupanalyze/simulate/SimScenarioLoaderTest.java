package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  private static final String OP =
      """
      operators:
        - service: op
          %s
          controllers:
            - {name: c, objects: 1, %s}
      """;

  private static String errorOf(String operatorKeys, String controllerKeys) {
    return error(OP.formatted(operatorKeys, controllerKeys));
  }

  @Test
  void wrongShape_namesThePathAndWhatWasFound() {
    assertEquals(
        "s.yaml: operators[0].controllers: expected a list, found a mapping",
        error(
            """
        operators:
          - service: op
            controllers: {name: c}
        """));
    assertEquals(
        "s.yaml: operators[0].controllers[0].maxConcurrentReconciles: expected a whole number, "
            + "found \"1.5\"",
        errorOf("", "maxConcurrentReconciles: 1.5"));
    assertEquals(
        "s.yaml: operators[0].controllers[0].generationChangedPredicate: expected true or false, "
            + "found \"maybe\"",
        errorOf("", "generationChangedPredicate: maybe"));
  }

  @Test
  void unknownKeyInsideADistribution_isNamedWithItsPath() {
    assertEquals(
        "s.yaml: operators[0].controllers[0].duration: unknown key mean; expected one of "
            + "[fixed, max, median, min, sigma]",
        errorOf("", "duration: {mean: 1ms}"));
  }

  @Test
  void badChoice_listsTheChoices() {
    assertEquals(
        "s.yaml: operators[0].framework: expected one of [controller-runtime, kube-rs, "
            + "java-operator-sdk], found \"spring\"",
        errorOf("framework: spring", ""));
  }

  @Test
  void duplicateKey_isAnError() {
    String m = errorOf("service: op2", "");
    assertTrue(m.startsWith("s.yaml: not valid YAML or JSON: "), m);
    assertTrue(m.contains("service"), m);
  }

  @Test
  void yamlSyntaxError_saysLineAndColumn() {
    assertEquals(
        "s.yaml: not valid YAML or JSON: line 2, column 1: expected the node content, but found "
            + "'<stream end>'",
        error("operators: [\n"));
  }

  @Test
  void josdk_getsTheSdksDefaults() throws Exception {
    Scenario s =
        parse(
            """
        operators:
          - service: op
            framework: java-operator-sdk
            controllers:
              - {name: c, kind: WebPage, objects: 1}
        """);
    Scenario.Operator op = s.operators().get(0);
    assertEquals("io.opentelemetry.opentelemetry-instrumentation-annotations-1.16", op.scope());
    Scenario.Controller c = op.controllers().get(0);
    assertEquals(50, c.maxConcurrentReconciles());
    assertTrue(c.generationChangedPredicate(), "generation-aware by default");
    assertEquals(0, c.syncPeriodNanos());
    assertEquals("com.example.operator.WebPageReconciler", c.josdk().reconciler());
    assertEquals(10L * 3600 * 1_000_000_000L, c.josdk().maxReconciliationIntervalNanos());
    assertEquals(new Scenario.Retry(2_000_000_000L, 1.5, 5, 15_187_000_000L), c.josdk().retry());
  }

  @Test
  void josdkOnlyKeys_areRejectedElsewhere_andResyncIsRejectedForJosdk() {
    assertEquals(
        "s.yaml: operators[0].controllers[0].retry: only for framework java-operator-sdk",
        errorOf("", "retry: {maxAttempts: 3}"));
    assertEquals(
        "s.yaml: operators[0].controllers[0].syncPeriod: the Java Operator SDK's informers do not "
            + "resync; use maxReconciliationInterval",
        errorOf("framework: java-operator-sdk", "syncPeriod: 1h"));
    assertEquals(
        "s.yaml: operators[0].timerLatency: only for framework java-operator-sdk",
        errorOf("timerLatency: 1ms", ""));
  }

  @Test
  void productionKeys_read() throws Exception {
    Scenario s =
        parse(
            """
        sampling: {ratio: 0.1, parentBased: false, record: tracestate-p,
                   services: {kube-apiserver: 1}}
        spanLoss: 0.05
        clockOffsets: {kube-apiserver: -20ms, op: 1.5}
        operators:
          - service: op
            controllers:
              - {name: c, objects: 1}
        """);
    Scenario.Production p = s.production();
    assertEquals(
        new Scenario.Sampling(
            0.1,
            false,
            Scenario.SamplingRecord.TRACESTATE_P,
            java.util.Map.of("kube-apiserver", 1.0)),
        p.sampling());
    assertEquals(0.05, p.spanLoss());
    assertEquals(-20_000_000L, p.offset("kube-apiserver"));
    assertEquals(1_500_000_000L, p.offset("op"));
    assertTrue(parse(OP.formatted("", "")).production().isNone());
  }

  @Test
  void productionKeys_checkTheirRanges() {
    assertEquals(
        "s.yaml: sampling.ratio: expected a probability in (0, 1], found 1.5",
        error("sampling: {ratio: 1.5}\n" + OP.formatted("", "")));
    assertEquals(
        "s.yaml: sampling.record: expected one of [tracestate, tracestate-p, jaeger-tags, none], "
            + "found \"b3\"",
        error("sampling: {ratio: 0.5, record: b3}\n" + OP.formatted("", "")));
    assertEquals(
        "s.yaml: spanLoss: expected a number in [0.0, 0.99], found 1.0",
        error("spanLoss: 1\n" + OP.formatted("", "")));
  }
}
