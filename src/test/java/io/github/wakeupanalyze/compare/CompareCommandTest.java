package io.github.wakeupanalyze.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.cli.Cli;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wakeup-analyze compare} run in-process: exit codes, verdicts and what is printed. */
class CompareCommandTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Cli.execute(
            args, new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream());
    return new Run(exit, out.toString(), err.toString());
  }

  Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  /** Watch-only: 60 event-driven reconciles in 10 minutes. */
  Path watchOnly() throws Exception {
    return write(
        "watch.json", CompareTraces.operator("shop-operator").events(600, 60, 1, true).toJson());
  }

  Path compareOut() {
    return dir.resolve("cmp");
  }

  @Test
  void identicalInputs_noRegression_exit0() throws Exception {
    Path t = watchOnly();
    Run r =
        run(
            "compare",
            t.toString(),
            t.toString(),
            "--out",
            compareOut().toString(),
            "--fail-on",
            "wakeups-per-hour:+10%,timer-share:+5pp,writes-per-wakeup:+20%",
            "--fail-on",
            "new-timer",
            "--fail-on",
            "unloaded-share:-10pp");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "PASS  wakeups-per-hour:+10%  shop-operator: 360.0 → 360.0 "
                    + "(+0.0, +0.0 %) within +10 %"),
        r.out());
    assertTrue(r.out().contains("PASS  new-timer"), r.out());
    assertTrue(
        r.out().contains("PASS  unloaded-share:-10pp  shop-operator, unload after 5 s"), r.out());
    assertFalse(r.out().contains("FAIL"), r.out());
    assertTrue(r.out().contains("verdict: PASS"), r.out());
    String md = Files.readString(compareOut().resolve("compare.md"));
    assertTrue(md.startsWith("# wakeup-analyze compare: PASS\n"), md);
    String json = Files.readString(compareOut().resolve("compare.json"));
    assertTrue(json.contains("\"schema\" : 1"), json);
    assertTrue(json.contains("\"verdict\" : \"pass\""), json);
  }

  @Test
  void twoRunsOfATimerFreeOperatorWithManyObjects_passNewTimer_eitherWayRound() throws Exception {
    // 800 objects behind one busy worker, no timer, simulated twice: each object's own test at α
    // once gave one run a 36.2 s "timer" on 2 objects and the other a 43.5 s one, and CI failed
    String scenario = "src/test/resources/scenarios/saturated-edits.yaml";
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(0, run("simulate", scenario, "--out", a.toString()).exit());
    assertEquals(0, run("simulate", scenario, "--out", b.toString(), "--seed", "7").exit());
    Path ta = a.resolve("trace.otlp.json");
    Path tb = b.resolve("trace.otlp.json");
    for (Path[] sides : new Path[][] {{ta, tb}, {tb, ta}}) {
      Run r =
          run(
              "compare",
              sides[0].toString(),
              sides[1].toString(),
              "--out",
              compareOut().toString(),
              "--fail-on",
              "new-timer");
      assertEquals(0, r.exit(), r.out() + r.err());
      assertTrue(
          r.out().contains("PASS  new-timer  all controllers: every candidate timer matches"),
          r.out());
    }
  }

  @Test
  void newFiveSecondTimer_failsExit1_andNamesTheThreshold() throws Exception {
    Path base = watchOnly();
    Path cand =
        write(
            "requeue.json",
            CompareTraces.operator("shop-operator")
                .events(600, 60, 1, true)
                .timer(600, 5)
                .toJson());
    Run r =
        run(
            "compare",
            base.toString(),
            cand.toString(),
            "--out",
            compareOut().toString(),
            "--fail-on",
            "new-timer",
            "--fail-on",
            "wakeups-per-hour:+1000%");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(
        r.out().contains("FAIL  new-timer  shop-operator / app-controller: new 5 s timer"),
        r.out());
    assertTrue(r.out().contains("PASS  wakeups-per-hour:+1000%"), "every threshold is printed");
    assertTrue(r.out().contains("verdict: FAIL"), r.out());
    String md = Files.readString(compareOut().resolve("compare.md"));
    assertTrue(
        md.contains(
            "| **FAIL** | `new-timer` | shop-operator / app-controller | new 5 s " + "timer"),
        md);
    assertTrue(md.contains("| shop-operator | app-controller | **added** | — → 5 s |"), md);
    String json = Files.readString(compareOut().resolve("compare.json"));
    assertTrue(json.contains("\"verdict\" : \"fail\""), json);
  }

  @Test
  void newTimer_costsUnloadedTime_unloadedShareRuleFails() throws Exception {
    Path base = watchOnly();
    Path cand =
        write(
            "requeue.json",
            CompareTraces.operator("shop-operator")
                .events(600, 60, 1, true)
                .timer(600, 5)
                .toJson());
    Run r =
        run(
            "compare",
            base.toString(),
            cand.toString(),
            "--out",
            compareOut().toString(),
            "--fail-on",
            "unloaded-share:-10pp",
            "--unload-after",
            "10s");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(
        r.out().contains("FAIL  unloaded-share:-10pp  shop-operator, unload after 10 s"), r.out());
  }

  @Test
  void twentyPercentMoreWakeupsPerHour_failsTenPercent_passesTwentyFive() throws Exception {
    Path base = watchOnly();
    Path cand =
        write(
            "more.json",
            CompareTraces.operator("shop-operator")
                .events(600, 60, 1, true)
                .moreEvents(600, 12, 2)
                .toJson());
    Run r =
        run(
            "compare",
            base.toString(),
            cand.toString(),
            "--out",
            compareOut().toString(),
            "--fail-on",
            "wakeups-per-hour:+10%");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "FAIL  wakeups-per-hour:+10%  shop-operator: 360.0 → 432.0 "
                    + "(+72.0, +20.0 %) exceeds +10 %"),
        r.out());
    Run loose =
        run(
            "compare",
            base.toString(),
            cand.toString(),
            "--out",
            compareOut().toString(),
            "--fail-on",
            "wakeups-per-hour:+25%");
    assertEquals(0, loose.exit(), loose.out());
    Run exact =
        run(
            "compare",
            base.toString(),
            cand.toString(),
            "--out",
            compareOut().toString(),
            "--fail-on",
            "wakeups-per-hour:+20%");
    assertEquals(0, exact.exit(), "a change of exactly the threshold passes: " + exact.out());
  }

  @Test
  void tracesOfDifferentLengths_compareByRate() throws Exception {
    Path base = watchOnly();
    Path cand =
        write(
            "long.json",
            CompareTraces.operator("shop-operator").events(1800, 180, 3, true).toJson());
    Run r =
        run(
            "compare",
            base.toString(),
            cand.toString(),
            "--out",
            compareOut().toString(),
            "--fail-on",
            "wakeups-per-hour:+1%",
            "--fail-on",
            "wakeups-per-hour:-1%");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("shop-operator: 360.0 → 360.0 (+0.0, +0.0 %)"), r.out());
    assertTrue(
        r.out().contains("baseline " + base + ", 10 min; candidate " + cand + ", 30 min"), r.out());
  }

  @Test
  void summaryJsonSide_readAsTheTraceItCameFrom() throws Exception {
    Path t =
        write(
            "requeue.json",
            CompareTraces.operator("shop-operator")
                .events(600, 60, 1, true)
                .timer(600, 5)
                .toJson());
    Path analyzed = dir.resolve("analyzed");
    assertEquals(0, run(t.toString(), "--out", analyzed.toString(), "--quiet").exit());
    Path summary = analyzed.resolve("summary.json");
    for (String side : new String[] {summary.toString(), analyzed.toString()}) {
      // counts and windows are exact; unloaded_s is rounded to 6 significant digits in JSON
      Run r =
          run(
              "compare",
              t.toString(),
              side,
              "--out",
              compareOut().toString(),
              "--fail-on",
              "wakeups-per-hour:+0%,wakeups-per-hour:-0%,timer-share:+0pp,timer-share:-0pp,"
                  + "writes-per-wakeup:+0%,error-share:+0pp,new-timer,reloads-per-hour:+0%,"
                  + "unloaded-share:-0.0001pp,unloaded-share:+0.0001pp");
      assertEquals(0, r.exit(), r.out() + r.err());
      assertFalse(r.out().contains("SKIPPED"), "summary.json carries every metric: " + r.out());
      String json = Files.readString(compareOut().resolve("compare.json"));
      assertTrue(json.contains("\"kind\" : \"summary\""), json);
    }
  }

  @Test
  void summaryJsonOfANewerSchema_refusedInOneLine_exit3() throws Exception {
    Path t = watchOnly();
    Path analyzed = dir.resolve("analyzed");
    run(t.toString(), "--out", analyzed.toString(), "--quiet");
    String current = Files.readString(analyzed.resolve("summary.json"));
    Path future = write("future.json", current.replace("\"schema\" : 1", "\"schema\" : 2"));
    Run r = run("compare", t.toString(), future.toString(), "--out", compareOut().toString());
    assertEquals(3, r.exit(), r.out() + r.err());
    assertEquals(
        "error: candidate: "
            + future
            + ": summary.json schema 2 is newer than this "
            + "wakeup-analyze reads (schema 1); use a newer wakeup-analyze, or compare the traces "
            + "themselves\n",
        r.err());
    assertFalse(Files.exists(compareOut().resolve("compare.md")));
    Path old = write("old.json", current.replace("\"schema\" : 1", "\"schema\" : 0"));
    Run o = run("compare", old.toString(), t.toString(), "--out", compareOut().toString());
    assertEquals(3, o.exit());
    assertTrue(
        o.err().startsWith("error: baseline: " + old + ": summary.json schema 0 is not one"),
        o.err());
  }

  @Test
  void unreadableSide_exit3_withTheTraceReadersMessage() throws Exception {
    Path bad = write("bad.json", "{\"resourceSpans\":[{\"scopeSpans\":[");
    Run r =
        run("compare", watchOnly().toString(), bad.toString(), "--out", compareOut().toString());
    assertEquals(3, r.exit());
    assertTrue(r.err().startsWith("error: candidate: " + bad + ":1:"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void malformedRules_usageErrorExit2_withAClearMessage() throws Exception {
    Path t = watchOnly();
    Run noSign = run("compare", t.toString(), t.toString(), "--fail-on", "wakeups-per-hour:10%");
    assertEquals(2, noSign.exit());
    assertTrue(noSign.err().contains("malformed rule \"wakeups-per-hour:10%\""), noSign.err());
    Run unknown = run("compare", t.toString(), t.toString(), "--fail-on", "wakeups:+10%");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("unknown metric \"wakeups\""), unknown.err());
    Run pp = run("compare", t.toString(), t.toString(), "--fail-on", "wakeups-per-hour:+5pp");
    assertEquals(2, pp.exit());
    assertTrue(pp.err().contains("pp (percentage points) applies to shares only"), pp.err());
    assertEquals(2, run("compare", t.toString(), t.toString(), "--timer-tolerance", "x").exit());
    assertEquals(2, run("compare", t.toString(), t.toString(), "--unload-after", "5").exit());
    assertEquals(2, run("compare", t.toString()).exit(), "CANDIDATE is required");
  }

  @Test
  void output_isDeterministic() throws Exception {
    Path base = watchOnly();
    Path cand =
        write(
            "requeue.json",
            CompareTraces.operator("shop-operator")
                .events(600, 60, 1, true)
                .timer(600, 5)
                .and("other-operator")
                .events(300, 10, 4, false)
                .toJson());
    Run a = run("compare", base.toString(), cand.toString(), "--out", dir.resolve("a").toString());
    Run b = run("compare", base.toString(), cand.toString(), "--out", dir.resolve("b").toString());
    assertEquals(a.out(), b.out());
    for (String f : new String[] {"compare.md", "compare.json"}) {
      assertEquals(
          Files.readString(dir.resolve("a").resolve(f)),
          Files.readString(dir.resolve("b").resolve(f)),
          f);
    }
    assertEquals(0, a.exit(), "no --fail-on: a report, never a failure");
    assertTrue(a.out().contains("other-operator  *               added"), a.out());
  }

  @Test
  void helpListsTheRuleGrammarAndExitCodes() {
    Run r = run("compare", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("new-timer | METRIC:+N%"), r.out());
    assertTrue(r.out().contains("1   the candidate regressed past a --fail-on threshold"), r.out());
    assertTrue(run("--help").out().contains("compare"), "registered as a subcommand");
  }

  @Test
  void thresholdOutsideTheMetricsRange_isAUsageError_exit2() throws Exception {
    Path t = watchOnly();
    Run r =
        run(
            "compare",
            t.toString(),
            t.toString(),
            "--out",
            compareOut().toString(),
            "--fail-on",
            "timer-share:+10");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("timer-share is a share between 0 and 1"), r.err());
    assertTrue(r.err().contains("write +10pp"), r.err());
    assertFalse(Files.exists(compareOut()), "nothing is read or written on a usage error");
  }

  @Test
  void ruleThatMatchesNoOperator_failsWithWhatEachSideHas_exit1() throws Exception {
    Path base = watchOnly();
    Path cand =
        write(
            "renamed.json",
            CompareTraces.operator("shop-operator-v2").events(600, 60, 1, true).toJson());
    String[] args = {
      "compare",
      base.toString(),
      cand.toString(),
      "--out",
      compareOut().toString(),
      "--fail-on",
      "wakeups-per-hour:+10%"
    };
    Run r = run(args);
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "FAIL  wakeups-per-hour:+10%  baseline: shop-operator; candidate: shop-operator-v2:"
                    + " no operator on both sides"),
        r.out());
    String md = Files.readString(compareOut().resolve("compare.md"));
    assertTrue(md.contains("**Regression**: 1 of 1 check failed (1 threshold)."), md);

    String[] allowed = java.util.Arrays.copyOf(args, args.length + 1);
    allowed[args.length] = "--allow-missing";
    Run lenient = run(allowed);
    assertEquals(0, lenient.exit(), lenient.out() + lenient.err());
    assertTrue(lenient.out().contains("SKIPPED  wakeups-per-hour:+10%"), lenient.out());
  }
}
