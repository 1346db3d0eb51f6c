package io.github.wakeupanalyze.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.ingest.core.KubeletTime;
import io.github.wakeupanalyze.ingest.core.Timestamps;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each framework's sample log, in each of its formats, gives the same reconciles: sniffed by
 * content, paired by reconcileID, thread or object, with what the lines say about each.
 */
class LogReaderTest {
  /** The controller-runtime samples: four reconciles of default/m1, one of default/m2. */
  private static List<String> controllerRuntime(String operator) {
    return List.of(
        "100..180 " + operator + " default/m1 memcached requeue=5000",
        "5190..5250 " + operator + " default/m1 memcached requeue=5000",
        "5200..5220 " + operator + " default/m2 memcached",
        "10260..10300 " + operator + " default/m1 memcached error",
        "10306..10350 " + operator + " default/m1 memcached");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zap-json-kubectl", "zap-console", "klog-json"})
  void controllerRuntime_v5Lines_pairedByReconcileId(String name) {
    LogSamples.Read r = LogSamples.sample("controller-runtime/" + name + ".log");
    assertNull(r.report().error(), r.report().error());
    assertEquals(TraceFormat.LOG, r.report().format());
    assertEquals(List.of(), r.report().warnings());
    assertEquals(controllerRuntime(name), r.described(LogSamples.T0));
  }

  @Test
  void aBrokenOtlpLogsDocument_isOneLine_namingItsPlace() {
    LogSamples.Read r =
        LogSamples.stdin(
            "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[\n{\"body\":{\"stringValue\":]}",
            ReadOptions.AUTO);
    assertEquals(TraceFormat.LOG, r.report().format());
    String error = r.report().error();
    assertTrue(error != null && error.startsWith("-:2:"), error);
    assertTrue(error.contains("not valid OTLP JSON logs"), error);
  }

  @Test
  void aBrokenGrafanaJsonDownload_isOneLine_namingItsPlace() {
    LogSamples.Read r =
        LogSamples.stdin("[{\"line\":\"a\",\"timestamp\":\"1\"},\n{\"line\":]", ReadOptions.AUTO);
    assertEquals(TraceFormat.LOG, r.report().format());
    String error = r.report().error();
    assertTrue(error != null && error.startsWith("-:2:"), error);
    assertTrue(error.contains("not valid JSON of a Grafana logs download"), error);
  }

  /** Kibana exports every field it has a column for: a header of kilobytes is still a header. */
  @Test
  void aLogCsv_withAHeaderOfManyColumns_readsItsLines() {
    StringBuilder csv = new StringBuilder("@timestamp");
    for (int i = 0; i < 300; i++) {
      csv.append(",kubernetes.labels.label_number_").append(i);
    }
    csv.append(",message\n");
    for (int i = 0; i < 3; i++) {
      csv.append("2024-05-01T12:00:0").append(i).append(".000Z").append(",x".repeat(300));
      csv.append(",\"{\"\"level\"\":\"\"info\"\",\"\"msg\"\":\"\"Reconciling\"\",");
      csv.append("\"\"controller\"\":\"\"m\"\",\"\"reconcileID\"\":\"\"r").append(i);
      csv.append("\"\"}\"\n");
    }
    assertTrue(csv.indexOf("\n") > 8192, "the header is longer than 8 KiB");
    LogSamples.Read r = LogSamples.stdin(csv.toString(), ReadOptions.AUTO);
    assertNull(r.report().error(), r.report().error());
    assertEquals(TraceFormat.LOG, r.report().format());
    assertEquals(3, r.spans().size());
  }

  @Test
  void aBrokenLogCsv_isOneLine_namingItsPlace() {
    LogSamples.Read r =
        LogSamples.stdin("@timestamp,message\nx,\"a\"\ny,\"unclosed\n", ReadOptions.AUTO);
    assertEquals(TraceFormat.LOG, r.report().format());
    String error = r.report().error();
    assertTrue(error != null && error.startsWith("-:"), error);
    assertTrue(error.contains("not valid CSV of a log export"), error);
  }

  /**
   * A log listed newest first (logcli's default direction, a log view's download) would pair each
   * reconcile's end with the next one's start: it is read from its end instead, through a temporary
   * copy, and gives what the same log oldest first gives, with a warning saying so.
   */
  @Test
  void aLogListedNewestFirst_readsFromItsEnd_asTheSameLogOldestFirst() throws Exception {
    List<String> sample =
        Files.readAllLines(LogSamples.DIR.resolve("controller-runtime/zap-json-kubectl.log"));
    List<String> longer = new ArrayList<>(); // past the order's decision: 20 copies, 5 s apart
    for (int copy = 0; copy < 20; copy++) {
      for (String line : sample) {
        Instant t = Instant.parse(line.substring(0, line.indexOf(' '))).plusSeconds(5L * copy);
        longer.add(KubeletTime.ofNanos(Timestamps.parse(t.toString())) + line.substring(30));
      }
    }
    for (List<String> oldestFirst : List.of(sample, longer)) {
      List<String> newestFirst = new ArrayList<>(oldestFirst);
      Collections.reverse(newestFirst);
      LogSamples.Read forward = LogSamples.stdin(String.join("\n", oldestFirst), ReadOptions.AUTO);
      LogSamples.Read r = LogSamples.stdin(String.join("\n", newestFirst) + "\n", ReadOptions.AUTO);
      assertNull(r.report().error(), r.report().error());
      assertEquals(forward.described(LogSamples.T0), r.described(LogSamples.T0));
      assertEquals(1, r.report().warnings().size(), r.report().warnings().toString());
      String warning = r.report().warnings().get(0);
      assertTrue(warning.contains("the log lists its newest line first"), warning);
      assertTrue(warning.contains("read from its end instead"), warning);
    }
    assertTrue(longer.size() > 2 * LogOrder.STEPS, "the longer log is past the decision");
  }

  /** A log newest first at its start and at its end has no order to read: one line says so. */
  @Test
  void aLogInNoTimeOrder_failsInOneLine_withNoReconcile() {
    StringBuilder log = new StringBuilder();
    for (int i = 200; i > 100; i--) { // newest first ...
      log.append(line(i));
    }
    for (int i = 1; i <= 100; i++) { // ... then oldest first: from its end, newest first again
      log.append(line(i));
    }
    LogSamples.Read r = LogSamples.stdin(log.toString(), ReadOptions.AUTO);
    assertEquals(List.of(), r.spans());
    String error = r.report().error();
    assertTrue(error != null && error.contains("in no time order"), error);
    assertTrue(error.contains("64 of 64 steps between records go back in time"), error);
  }

  private static String line(int second) {
    return String.format(
        Locale.ROOT,
        "2024-05-01T12:%02d:%02d.000000000Z {\"level\":\"info\",\"msg\":\"Reconciling\","
            + "\"controller\":\"m\",\"reconcileID\":\"r%d\"}%n",
        second / 60,
        second % 60,
        second);
  }

  @Test
  void klogText_hasNoYear_readAsYear2000_withAWarning() {
    LogSamples.Read r = LogSamples.sample("controller-runtime/klog.log");
    assertEquals(TraceFormat.LOG, r.report().format());
    long t2000 = 957_182_400_000_000_000L; // 2000-05-01T12:00:00Z
    assertEquals(controllerRuntime("klog"), r.described(t2000));
    assertEquals(1, r.report().warnings().size(), r.report().warnings().toString());
    assertTrue(r.report().warnings().get(0).contains("no date"), r.report().warnings().get(0));
  }

  @Test
  void kubectlPrefix_podNamesTheOperator_andTimestampsGiveTheDate() {
    LogSamples.Read r = LogSamples.sample("controller-runtime/klog-kubectl-prefix.log");
    assertEquals(List.of(), r.report().warnings());
    assertEquals(
        List.of(
            "100..180 memcached-operator default/m1 memcached requeue=5000",
            "5190..5250 memcached-operator default/m1 memcached requeue=5000",
            "5200..5220 memcached-operator default/m2 memcached",
            "10260..10300 memcached-operator default/m1 memcached error",
            "10306..10350 memcached-operator default/m1 memcached"),
        r.described(LogSamples.T0));
  }

  @Test
  void kubectlPrefix_twoPodsInOneStream_twoOperators() {
    LogSamples.Read r = LogSamples.sample("other/two-pods-prefix.log");
    assertEquals(
        List.of(
            "100..150 alpha-operator default/a1 alpha",
            "120..190 beta-operator default/b1 beta requeue=90000"),
        r.described(LogSamples.T0));
    LogSamples.Read named =
        LogSamples.sample("other/two-pods-prefix.log", new ReadOptions(null, "fleet"));
    assertTrue(named.described(LogSamples.T0).get(1).startsWith("120..190 fleet "));
  }

  @Test
  void controllerRuntime_defaultVerbosity_eachReconcilerErrorIsAReconcile() {
    LogSamples.Read r = LogSamples.sample("controller-runtime/errors-only.log");
    assertNull(r.report().error());
    assertEquals(
        List.of(
            "10300..10300 errors-only mongo/c1 psmdb-controller error",
            "10900..10900 errors-only mongo/c1 psmdb-controller error"),
        r.described(LogSamples.T0));
  }

  @Test
  void operatorSdkV0_reconcilingLineWithRequest_isAReconcile() {
    LogSamples.Read r = LogSamples.sample("controller-runtime/operator-sdk-v0.log");
    long t = 1_588_334_400_000_000_000L; // 2020-05-01T12:00:00Z
    assertEquals(
        List.of(
            "100..100 operator-sdk-v0 default/m1 memcached",
            "5190..5190 operator-sdk-v0 default/m1 memcached",
            "5200..5200 operator-sdk-v0 default/m2 memcached"),
        r.described(t).stream().map(s -> s.replace(".000", "")).toList(),
        "zap's epoch floats (1588334400.1000001) are read to the nanosecond; compared in ms here");
  }

  /** The kube-rs samples without span events: one run of lines per reconcile. */
  private static List<String> kubeRs(String operator) {
    String ref = " Document.v1.kube.rs/samuel.default Document reason=";
    return List.of(
        "100..150 " + operator + ref + "object updated",
        "5200..5200 " + operator + ref + "reconciler requested retry",
        "10300..10340 " + operator + ref + "reconciler requested retry error",
        "10400..10450 " + operator + ref + "error policy requested retry error",
        "12000..12000 " + operator + ref + "related object updated: ConfigMap.v1./cm.default");
  }

  @ParameterizedTest
  @ValueSource(strings = {"full-ansi", "compact", "json"})
  void kubeRs_spanFieldsOnEveryLine_reconcileOpensWithItsFirstMessage(String name) {
    LogSamples.Read r = LogSamples.sample("kube-rs/" + name + ".log");
    assertNull(r.report().error(), r.report().error());
    assertEquals(TraceFormat.LOG, r.report().format());
    assertEquals(kubeRs(name), r.described(LogSamples.T0));
  }

  @Test
  void kubeRs_spanEvents_newAndCloseBoundReconciles_closeAloneGivesTheStart() {
    LogSamples.Read r = LogSamples.sample("kube-rs/span-events.log");
    String ref = " Document.v1.kube.rs/samuel.default Document reason=";
    assertEquals(
        List.of(
            "100..180 span-events" + ref + "object updated",
            "5200..5260 span-events" + ref + "reconciler requested retry",
            "10300..10380 span-events" + ref + "reconciler requested retry"),
        r.described(LogSamples.T0));
  }

  @Test
  void kubeRs_logMatch_decidesWhereAReconcileOpens_elseTheReasonChanges() {
    LogSamples.Read same =
        LogSamples.sample(
            "kube-rs/compact.log",
            new ReadOptions(null, null, Pattern.compile("^Reconciling Document")));
    assertEquals(kubeRs("compact"), same.described(LogSamples.T0));
    LogSamples.Read never =
        LogSamples.sample(
            "kube-rs/compact.log", new ReadOptions(null, null, Pattern.compile("no such line")));
    String ref = " Document.v1.kube.rs/samuel.default Document reason=";
    assertEquals(
        List.of(
            "100..150 compact" + ref + "object updated",
            "5200..10340 compact" + ref + "reconciler requested retry error",
            "10400..10450 compact" + ref + "error policy requested retry error",
            "12000..12000 compact" + ref + "related object updated: ConfigMap.v1./cm.default"),
        never.described(LogSamples.T0));
  }

  /** The JOSDK samples: what each reconcile's lines say about its trigger and requeue. */
  private static List<String> josdk(String operator, String controller) {
    return List.of(
        "100..160 " + operator + " demo/web-1 " + controller + " event requeue=5000",
        "5190..5250 " + operator + " demo/web-1 " + controller + " timer requeue=5000",
        "5200..5260 " + operator + " demo/web-2 " + controller + " event",
        "10260..10300 " + operator + " demo/web-1 " + controller + " timer requeue=2000 error",
        "12306..12366 " + operator + " demo/web-1 " + controller + " retry",
        "13000..13060 " + operator + " demo/web-1 " + controller + " event");
  }

  @ParameterizedTest
  @ValueSource(strings = {"slf4j-simple.log", "logstash.json"})
  void josdk_oneReconcilePerDispatch_triggerFromTheEventSourceLines(String name) {
    LogSamples.Read r = LogSamples.sample("josdk/" + name);
    assertNull(r.report().error(), r.report().error());
    assertEquals(TraceFormat.LOG, r.report().format());
    String operator = name.substring(0, name.indexOf('.'));
    assertEquals(josdk(operator, "webpagereconciler"), r.described(LogSamples.T0));
  }

  @Test
  void josdk_log4j2Pattern_threadIdsOnly_pairedByResourceAndThread() {
    LogSamples.Read r = LogSamples.sample("josdk/log4j2.log");
    assertEquals(josdk("log4j2", "-"), r.described(LogSamples.T0));
  }

  @Test
  void josdk_logbackDefaultLayout_timeOfDayOnly_newestMessages() {
    LogSamples.Read r = LogSamples.sample("josdk/logback-ttll.log");
    long t2000 = 946_728_000_000_000_000L; // 2000-01-01T12:00:00Z
    assertEquals(josdk("logback-ttll", "webpagereconciler"), r.described(t2000));
    assertTrue(r.report().warnings().get(0).contains("no date"));
  }

  @Test
  void josdk_aDelayTooLongToBeOne_isNoRequeue_notAnError() throws Exception {
    String log =
        Files.readString(LogSamples.DIR.resolve("josdk/logback-ttll.log"))
            .replace("delay: 5000", "delay: 99999999999999999999999999999");
    LogSamples.Read r = LogSamples.stdin(log, ReadOptions.AUTO);
    assertNull(r.report().error(), r.report().error());
    long t2000 = 946_728_000_000_000_000L;
    List<String> expected =
        josdk("stdin", "webpagereconciler").stream()
            .map(line -> line.replace(" requeue=5000", ""))
            .toList();
    assertEquals(expected, r.described(t2000));
  }

  @Test
  void logMatch_onTheMessage_oneReconcilePerMatchingLine() {
    LogSamples.Read r =
        LogSamples.sample(
            "other/logfmt.log", new ReadOptions(null, null, Pattern.compile("reconcile started")));
    assertEquals(
        List.of(
            "100..100 logfmt default/b1 backup",
            "30100..30100 logfmt default/b1 backup",
            "60100..60100 logfmt default/b1 backup"),
        r.described(LogSamples.T0));
    LogSamples.Read none = LogSamples.sample("other/logfmt.log");
    assertEquals(List.of(), none.spans());
    assertTrue(
        none.report().warnings().get(0).contains("no reconcile found"),
        none.report().warnings().toString());
  }

  @Test
  void logMatch_isTriedOnTheMessage_notTheLogger() {
    LogSamples.Read r =
        LogSamples.sample(
            "josdk/slf4j-simple.log",
            new ReadOptions(null, null, Pattern.compile("WebPageReconciler")));
    assertEquals(6, r.spans().size(), "the JOSDK lines decide; the logger name matches nothing");
  }

  @Test
  void apiServerOutput_auditEventsAfterItsOwnLog_theWarningNamesTheAuditFormat() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      out.append(
          String.format(
              "I1203 09:59:%02d.000000       1 flags.go:64] FLAG: --flag-%d=\"value\"%n",
              i % 60, i));
    }
    String event =
        "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
            + "\"auditID\":\"a%d\",\"stage\":\"ResponseComplete\",\"verb\":\"update\"}%n";
    out.append(String.format(event, 1)).append(String.format(event, 2));
    LogSamples.Read r = LogSamples.stdin(out.toString(), ReadOptions.AUTO);
    assertEquals(List.of(), r.spans());
    String warning = noReconcileWarning(r);
    assertTrue(warning.contains("1000 log lines but no reconcile found"), warning);
    assertTrue(
        warning.endsWith(
            "2 lines hold Kubernetes audit events (an API server's output"
                + " with its audit log in it): --format k8s-audit reads them"),
        warning);

    LogSamples.Read plain = LogSamples.stdin(out.substring(0, out.indexOf("{")), ReadOptions.AUTO);
    assertTrue(
        noReconcileWarning(plain).endsWith("(see docs/logs.md)"),
        "no audit event, no hint: " + plain.report().warnings());
  }

  private static String noReconcileWarning(LogSamples.Read r) {
    return r.report().warnings().stream()
        .filter(w -> w.contains("no reconcile found"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no such warning: " + r.report().warnings()));
  }
}
