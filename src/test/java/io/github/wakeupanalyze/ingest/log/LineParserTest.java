package io.github.wakeupanalyze.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One line in each format the reader knows, and the parts taken from it. */
class LineParserTest {
  private static final long T = 1_714_564_800_000_000_000L; // 2024-05-01T12:00:00Z

  private static LogRecord parse(String line) {
    LogRecord r = new LogRecord();
    assertTrue(LineParser.parse(line, r), "a record: " + line);
    return r;
  }

  private static String parts(LogRecord r) {
    return r.level + "|" + r.logger + "|" + r.thread + "|" + r.message;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '§',
      value = {
        // logback's default layout (TTLL, 1.4.6+), time of day only
        "12:00:00.123 [main] DEBUG io.x.Foo -- Handling dispatch§DEBUG|io.x.Foo|main|Handling dispatch",
        // logback before 1.4.6
        "12:00:00.123 [main] INFO io.x.Foo - started§INFO|io.x.Foo|main|started",
        // slf4j-simple with an ISO date-time
        "2024-05-01T12:00:00.123Z [Timer-0] DEBUG io.x.TimerEventSource - Producing event§DEBUG|io.x.TimerEventSource|Timer-0|Producing event",
        // JOSDK's generated log4j2 pattern: %d %threadId %-30c{1.} [%-5level] %msg
        "2024-05-01 12:00:00,123 57 i.j.o.p.e.ReconciliationDispatcher [DEBUG] Handling dispatch§DEBUG|i.j.o.p.e.ReconciliationDispatcher|57|Handling dispatch",
        // Spring Boot 3
        "2024-05-01T12:00:00.123Z  INFO 1 --- [           main] o.s.b.w.e.tomcat.TomcatWebServer         : Tomcat started§INFO|o.s.b.w.e.tomcat.TomcatWebServer|main|Tomcat started",
        // Quarkus
        "2024-05-01 12:00:00,123 DEBUG [io.jav.ope.pro.eve.ReconciliationDispatcher] (ReconcilerExecutor-web-57) Handling dispatch§DEBUG|io.jav.ope.pro.eve.ReconciliationDispatcher|ReconcilerExecutor-web-57|Handling dispatch",
        // a bracketed thread with a dot is not the logger
        "12:00:00.123 [vert.x-eventloop-thread-0] WARN io.x.Foo -- slow§WARN|io.x.Foo|vert.x-eventloop-thread-0|slow",
        // zap console, development: logger and caller before the message
        "2024-05-01T12:00:00.123Z\tINFO\tcontroller-runtime.metrics\tmetrics.go:21\tStarting metrics server§INFO|controller-runtime.metrics||Starting metrics server",
        // klog with a printf message
        "W0501 12:00:00.123456       7 reflector.go:533] watch ended: too old§WARN||7|watch ended: too old",
        // logfmt
        "time=2024-05-01T12:00:00.123Z level=info msg=\"reconcile started\" name=b1§INFO|||reconcile started",
        // tracing full without spans
        "2024-05-01T12:00:00.123456Z  INFO kube_runtime::controller: starting§INFO|kube_runtime::controller||starting",
      })
  void eachFormat_givesLevelLoggerThreadAndMessage(String line, String expected) {
    assertEquals(expected, parts(parse(line)));
  }

  @Test
  void json_logbackJsonLayout_log4jJsonLayoutInstant_andEcs() {
    LogRecord logback =
        parse(
            "{\"timestamp\":\"2024-05-01T12:00:00.123Z\",\"level\":\"DEBUG\",\"thread\":\"main\","
                + "\"mdc\":{\"resource.name\":\"w1\"},\"logger\":\"io.x.Foo\",\"message\":\"hi\"}");
    assertEquals("DEBUG|io.x.Foo|main|hi", parts(logback));
    assertEquals("w1", logback.field("resource.name"), "the MDC under its own names");
    LogRecord log4j =
        parse(
            "{\"instant\":{\"epochSecond\":1714564800,\"nanoOfSecond\":123000000},\"thread\":"
                + "\"main\",\"level\":\"INFO\",\"loggerName\":\"io.x.Foo\",\"message\":\"hi\","
                + "\"contextMap\":{\"resource.namespace\":\"demo\"}}");
    assertEquals(T + 123_000_000, log4j.ownNanos);
    assertEquals("demo", log4j.field("resource.namespace"));
    LogRecord ecs =
        parse(
            "{\"@timestamp\":\"2024-05-01T12:00:00.123Z\",\"log.level\":\"WARN\",\"message\":"
                + "\"hi\",\"process.thread.name\":\"main\",\"log.logger\":\"io.x.Foo\"}");
    assertEquals("WARN|io.x.Foo|main|hi", parts(ecs));
  }

  @Test
  void json_klogHasNoLevel_errIsErrorAndVIsDebug() {
    assertEquals(
        LogRecord.Level.ERROR,
        parse("{\"ts\":1714564800123.5,\"msg\":\"Reconciler error\",\"err\":\"x\"}").level);
    LogRecord v = parse("{\"ts\":1714564800123.5,\"msg\":\"Reconciling\",\"v\":5}");
    assertEquals(LogRecord.Level.DEBUG, v.level);
    assertEquals(T + 123_500_000, v.ownNanos, "klog JSON: epoch milliseconds");
  }

  @Test
  void json_cutByTheLengthLimit_keepsWhatCameBefore() {
    LogRecord r =
        parse("{\"ts\":1714564800.5,\"msg\":\"Reconciling\",\"reconcileID\":\"ab\",\"x\":\"");
    assertEquals("Reconciling", r.message);
    assertEquals("ab", r.field("reconcileID"));
  }

  @Test
  void kubectlPrefixes_podAndKubeletTime_thenTheLineItself() {
    LogRecord r =
        parse(
            "[pod/op-6d8f7b9c4-x2k9p/manager] 2024-05-01T12:00:00.000000001Z 12:00:00.000"
                + " [main] INFO io.x.Foo -- hi");
    assertEquals("op-6d8f7b9c4-x2k9p", r.pod);
    assertEquals("manager", r.container);
    assertEquals(T + 1, r.prefixNanos);
    assertEquals("hi", r.message);
    assertEquals(LogTime.NO_DATE, r.partial);
    assertEquals("op", LineParser.operatorOfPod(r.pod));
    assertEquals("my-db-0", LineParser.operatorOfPod("my-db-0"), "a StatefulSet pod is kept");
  }

  /** A line over the runtime's 16 KiB limit comes back with a kubelet time where it was split. */
  @Test
  void kubectlTimes_whereTheRuntimeSplitALongLine_areTakenOut() {
    String json =
        "{\"level\":\"error\",\"ts\":1714564800.5,\"msg\":\"Reconciler error\","
            + "\"controller\":\"memcached\",\"errorVerbose\":\""
            + "frame\\n".repeat(3_000)
            + "\"}";
    String whole = parts(parse(json));
    StringBuilder split = new StringBuilder();
    for (int at = 0; at < json.length(); at += 16_384) {
      split
          .append("2024-05-01T12:00:00.00000000")
          .append(at / 16_384)
          .append("Z ")
          .append(json, at, Math.min(json.length(), at + 16_384));
    }
    split.insert(split.indexOf("Reconciler") + 3, "2024-05-01T12:00:00.000000009Z ");
    LogRecord r = parse(split.toString());
    assertEquals(whole, parts(r));
    assertEquals("ERROR|||Reconciler error", parts(r).substring(0, 24));
    assertEquals(T, r.prefixNanos);
  }

  /** stern's default output with {@code --timestamps}: pod, container, time, the line. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '§',
      value = {
        "op-6d8f7b9c4-x2k9p manager 2024-05-01T12:00:00.000000001Z 12:00:00.000 [main] INFO"
            + " io.x.Foo -- hi",
        "ops op-6d8f7b9c4-x2k9p manager 2024-05-01T12:00:00.000000001Z 12:00:00.000 [main] INFO"
            + " io.x.Foo -- hi",
        "op-6d8f7b9c4-x2k9p manager 2024-05-01T14:00:00.000000001+02:00 12:00:00.000 [main] INFO"
            + " io.x.Foo -- hi",
        "{\"message\":\"12:00:00.000 [main] INFO io.x.Foo -- hi\",\"timestamp\":"
            + "\"2024-05-01T12:00:00.000000001Z\",\"nodeName\":\"n1\",\"namespace\":\"ops\","
            + "\"podName\":\"op-6d8f7b9c4-x2k9p\",\"containerName\":\"manager\",\"labels\":{}}",
        "{\"message\":\"2024-05-01T12:00:00.000000001Z 12:00:00.000 [main] INFO io.x.Foo -- hi\","
            + "\"nodeName\":\"n1\",\"namespace\":\"ops\",\"podName\":\"op-6d8f7b9c4-x2k9p\","
            + "\"containerName\":\"manager\"}"
      })
  void stern_defaultOutputWithTimestamps_andJson_giveThePodAndTheKubeletTime(String line) {
    LogRecord r = parse(line);
    assertEquals("op-6d8f7b9c4-x2k9p", r.pod);
    assertEquals("manager", r.container);
    assertEquals(T + 1, r.prefixNanos);
    assertEquals("hi", r.message);
  }

  @Test
  void logcli_jsonlGivesTheNanosecondTime_theDefaultOutputOnlyThePod() {
    LogRecord r =
        parse(
            "{\"labels\":{\"app\":\"op\",\"container\":\"manager\",\"pod\":\"op-6d8f7b9c4-x2k9p\"},"
                + "\"line\":\"12:00:00.000 [main] INFO io.x.Foo -- hi\","
                + "\"timestamp\":\"2024-05-01T14:00:00.000000001+02:00\"}");
    assertEquals("op-6d8f7b9c4-x2k9p", r.pod);
    assertEquals("manager", r.container);
    assertEquals(T + 1, r.prefixNanos);
    assertEquals("hi", r.message);

    LogRecord text =
        parse(
            "2024-05-01T12:00:00Z {app=\"a \\\"quoted\\\" }\", pod_name=\"op-0\"}   "
                + "2024-05-01T12:00:00.250Z\tINFO\tReconciling\t{\"controller\": \"c\"}");
    assertEquals("op-0", text.pod);
    assertEquals("", text.container);
    assertEquals(-1, text.prefixNanos, "whole seconds: the line's own time places it");
    assertEquals("Reconciling", text.message);
  }

  @Test
  void stern_withColours_isReadAfterTheColoursAreRemoved() {
    LogRecord r =
        parse(
            "\u001b[32mop-6d8f7b9c4-x2k9p\u001b[0m \u001b[33mmanager\u001b[0m"
                + " 2024-05-01T12:00:00.000000001Z plain text");
    assertEquals("op-6d8f7b9c4-x2k9p", r.pod);
    assertEquals(T + 1, r.prefixNanos);
    assertEquals("plain text", r.message);
  }

  @Test
  void wordsBeforeALine_withoutTheKubeletsTime_areNotStern() {
    LogRecord r = parse("2024-05-01T12:00:00.000000001Z starting cache 2024-05-01T12:00:00Z");
    assertEquals(null, r.pod);
    LogRecord words = new LogRecord();
    LineParser.parse("op manager 2024-05-01T12:00:00.123Z INFO io.x.Foo -- hi", words);
    assertEquals(null, words.pod, "a time of the line's own, not the kubelet's");
    LogRecord upper = new LogRecord();
    LineParser.parse("Op manager 2024-05-01T12:00:00.000000001Z plain", upper);
    assertEquals(null, upper.pod, "not a Kubernetes name");
  }

  @Test
  void kubectlTime_beforePlainText_isARecordOfItsOwn() {
    LogRecord r = parse("2024-05-01T12:00:00.000000000Z reconciling cluster c1 now");
    assertEquals(T, r.prefixNanos);
    assertEquals("reconciling cluster c1 now", r.message);
  }

  @Test
  void tracing_fullCompactAndAnsi_giveTheKubeSpanFields() {
    String ref = "Document.v1.kube.rs/samuel.default";
    LogRecord full =
        parse(
            "2024-05-01T12:00:00.123456Z  INFO reconciling object{object.ref="
                + ref
                + " object.reason=related object updated: ConfigMap.v1./cm.default}:reconcile:"
                + " controller::controller: applying: step 2");
    assertEquals(ref, full.field(KubeRsLines.REF));
    assertEquals(
        "related object updated: ConfigMap.v1./cm.default", full.field(KubeRsLines.REASON));
    assertEquals("reconcile", full.span);
    assertEquals("applying: step 2", full.message);
    LogRecord compact =
        parse(
            "\u001b[2m2024-05-01T12:00:00.123456Z\u001b[0m \u001b[32m INFO\u001b[0m"
                + " \u001b[1mreconciling object\u001b[0m: kube_runtime::controller: new"
                + " object.ref="
                + ref
                + " object.reason=object updated");
    assertEquals("new", compact.message);
    assertEquals(KubeRsLines.SPAN, compact.span);
    assertEquals("object updated", compact.field(KubeRsLines.REASON));
  }

  @Test
  void continuationLines_areNotRecords() {
    for (String s :
        new String[] {
          "\tat io.x.Foo.bar(Foo.java:42)",
          "java.lang.IllegalStateException: boom",
          "Caused by: java.io.IOException: x",
          "sigs.k8s.io/controller-runtime/pkg/internal/controller.(*Controller[...]).reconcileHandler",
          "\t/go/pkg/mod/sigs.k8s.io/controller-runtime@v0.18.4/pkg/internal/controller/controller.go:316",
          "goroutine 1 [running]:",
          "  key=< multi-line klog value",
          "2024-05-01T12:00:00.000000000Z \tat io.x.Foo.bar(Foo.java:42)",
          "",
        }) {
      assertFalse(LineParser.parse(s, new LogRecord()), "not a record: " + s);
    }
  }

  @Test
  void timeOfDay_andKlogMonthDay_completedByTheClock() {
    LogTime.Clock clock = new LogTime.Clock();
    LogRecord r = new LogRecord();
    clock.saw(T); // 2024-05-01T12:00:00Z, e.g. from a kubectl time
    assertTrue(LogTime.timeOfDay("23:59:59.999", r));
    assertEquals(T + 43_199_999_000_000L, clock.complete(r));
    assertTrue(LogTime.timeOfDay("00:00:00.001", r));
    assertEquals(T + 43_200_001_000_000L, clock.complete(r), "past midnight: the next day");
    LogTime.Clock klog = new LogTime.Clock();
    klog.saw(1_735_689_000_000_000_000L); // 2024-12-31T23:50:00Z
    assertTrue(LogTime.monthDayTime("0101 00:10:00.000000", r));
    assertEquals(1_735_690_200_000_000_000L, klog.complete(r), "January after December: next year");
    assertFalse(klog.assumed());
    LogTime.Clock none = new LogTime.Clock();
    assertTrue(LogTime.monthDayTime("0229 12:00:00.000000", r));
    assertEquals(951_825_600_000_000_000L, none.complete(r), "29 February 2000");
    assertTrue(none.assumed());
  }

  @Test
  void hostileLines_neverThrow() {
    Random random = new Random(42);
    String[] pieces = {
      "{",
      "}",
      "[",
      "]",
      "\"",
      "\\",
      "=",
      ":",
      " ",
      "\t",
      "\u001b[",
      "2024-05-01T12:00:00",
      ".123456789Z",
      "I0501 ",
      "12:00:00.1",
      " INFO ",
      "[pod/",
      "] ",
      "object.ref=",
      "{a=b",
      "Level(-5)",
      "ResourceID{name='",
      "\uD83D",
      "\u0000",
      "-",
      "--"
    };
    LogRecord r = new LogRecord();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(12);
      for (int k = 0; k < n; k++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      LineParser.parse(sb.toString(), r); // must not throw, whatever it makes of it
    }
    assertTrue(LineParser.parse("12:00:00.000 [m] INFO a.B - ok", r), "still parses afterwards");
  }
}
