package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Accuracy;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The accuracy suite on traces as production records them: the scenarios in {@code
 * src/test/resources/scenarios} (head sampling at 50 % and 10 % with and without a stated
 * probability, span loss, clock skew between operator and API server, a 90 s window, the Java
 * Operator SDK, resync through one worker, kube-rs bulk reconciles). Each is simulated, written as
 * OTLP JSON, read back through ingest and extract, analyzed and scored against the simulator's
 * labels of the reconciles that reached the trace. Prints the table; each test asserts one row's
 * targets. Slow (about 60,000 simulated reconciles), hence an integration test.
 */
class ProductionAccuracyIT {
  /** One scenario's figures. */
  record Row(
      String name,
      int scored,
      double macroF1,
      int[][] confusion,
      String timers,
      int requeueTimers,
      SamplingEstimate sampling,
      double truePerHour,
      double estimatedPerHour,
      double estimatedLow,
      double estimatedHigh,
      int reconciles,
      int labelsKept,
      int betweenTeeth,
      double betweenTeethTrueShare,
      double trueTimerShare,
      SamplingEstimate.Interval timerShare) {}

  private static final Map<String, Row> ROWS = new LinkedHashMap<>();

  private static final OutputFormat FORMAT = OutputFormat.OTLP_JSON;

  /**
   * The scenarios whose traces are head-sampled (the others are complete, or lossy by a little).
   */
  static final List<String> SAMPLED =
      List.of(
          "percona-sampled-50",
          "percona-sampled-50-jaeger",
          "percona-sampled-10",
          "percona-sampled-10-tracestate",
          "percona-sampled-10-external",
          "percona-backup-sampled-10",
          "percona-priority-sampled-50",
          "percona-priority-sampled-10");

  /**
   * The sampled scenarios whose API server keeps an audit log beside the trace; each is also scored
   * on its trace alone, as {@code NAME}{@value #TRACE_ALONE}.
   */
  static final List<String> AUDITED =
      List.of(
          "percona-sampled-10-audit",
          "percona-sampled-10-external-audit",
          "percona-backup-sampled-10-audit",
          "percona-backup-sampled-10-audit-sa",
          "percona-priority-sampled-10-audit",
          "percona-priority-sampled-50-audit",
          "percona-skew-sampled-10-audit");

  /** The suffix of a row that scores an audited scenario's trace without its audit log. */
  static final String TRACE_ALONE = " (trace alone)";

  static Row measure(String name) throws Exception {
    Row cached = ROWS.get(name);
    if (cached != null) {
      return cached;
    }
    boolean alone = name.endsWith(TRACE_ALONE);
    String file = alone ? name.substring(0, name.length() - TRACE_ALONE.length()) : name;
    Scenario sc = ScenarioLoader.load(Path.of("src/test/resources/scenarios", file + ".yaml"));
    Accuracy.Simulated sim = Accuracy.simulate(sc, FORMAT);
    List<Label> all = sim.labels();
    Map<String, Label> labels = sim.byId(true);
    Analysis a =
        DemoAnalysis.of(sim.trace(), alone ? null : sim.audit(), AnalysisParameters.defaults())
            .analysis();
    int[][] conf = confusion(a, labels);
    int betweenTeeth = 0;
    int betweenTeethEvents = 0;
    for (ClassifiedReconcile cr : a.reconciles()) {
      Label truth = labels.get(cr.reconcile().traceIdHex() + cr.reconcile().spanIdHex());
      if (truth != null && cr.classification().basis().equals("sampled, between teeth")) {
        assertEquals(0.5, cr.classification().confidence(), 1e-9, "a coin flip says so");
        betweenTeeth++;
        betweenTeethEvents += truth.truth() == Trigger.EVENT ? 1 : 0;
      }
    }
    StringBuilder timers = new StringBuilder();
    int requeue = 0;
    for (ControllerResult c : a.controllers()) {
      for (TimerFinding f : c.timers()) {
        requeue += f.source() == TimerSource.REQUEUE ? 1 : 0;
        timers.append(
            String.format(
                Locale.ROOT,
                "%s %.3fs/%s ",
                f.source().label(),
                f.delaySeconds(),
                f.queue().label()));
      }
    }
    ControllerResult c = a.controllers().get(0);
    double hours = sc.durationNanos() / 3.6e12;
    SamplingEstimate.Interval est = c.sampling().fullStreamRate(c.reconciles(), a.hours());
    Row row =
        new Row(
            name,
            conf[0][0] + conf[0][1] + conf[1][0] + conf[1][1],
            Accuracy.macroF1(conf),
            conf,
            timers.toString().trim(),
            requeue,
            c.sampling(),
            all.size() / hours,
            est.estimate(),
            est.low(),
            est.high(),
            c.reconciles(),
            labels.size(),
            betweenTeeth,
            betweenTeeth == 0 ? Double.NaN : (double) betweenTeethEvents / betweenTeeth,
            (double) all.stream().filter(l -> l.truth() == Trigger.TIMER).count() / all.size(),
            SamplingEstimate.fullStreamShare(a.controllers()));
    ROWS.put(name, row);
    return row;
  }

  private static int[][] confusion(Analysis a, Map<String, Label> labels) {
    int[][] conf = new int[2][2];
    Set<String> seen = new HashSet<>();
    for (ClassifiedReconcile cr : a.reconciles()) {
      Label truth = labels.get(cr.reconcile().traceIdHex() + cr.reconcile().spanIdHex());
      if (!seen.add(cr.reconcile().key().toString()) && truth != null) {
        int t = truth.truth() == Trigger.TIMER ? 1 : 0;
        conf[t][cr.classification().trigger() == Trigger.TIMER ? 1 : 0]++;
      }
    }
    return conf;
  }

  @BeforeAll
  static void measureEverything() throws Exception {
    List<String> names = new ArrayList<>(SAMPLED);
    names.addAll(
        List.of(
            "poisson-sampled-10",
            "percona-span-loss-5",
            "percona-skew-plus20",
            "percona-skew-minus20",
            "percona-90s",
            "josdk-reschedule-2s",
            "josdk-generic-retry",
            "josdk-max-interval",
            "resync-one-worker",
            "kube-rs-bulk",
            "kube-rs-bulk-no-reason"));
    for (String name : AUDITED) {
      names.add(name);
      names.add(name + TRACE_ALONE);
    }
    for (String name : names) {
      measure(name);
    }
    StringBuilder sb = new StringBuilder("\nAccuracy on production-like traces:\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "%-48s %6s %6s %8s %-22s %-24s %-26s %-26s %s%n",
            "scenario",
            "kept",
            "scored",
            "macroF1",
            "[[ee et] [te tt]]",
            "sampling",
            "wake-ups/h true → est.",
            "timer share true → est.",
            "controller timers"));
    for (Row r : ROWS.values()) {
      int[][] k = r.confusion();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-48s %6d %6d %8.4f %-22s %-24s %-26s %-26s %s%n",
              r.name(),
              r.reconciles(),
              r.scored(),
              r.macroF1(),
              String.format(Locale.ROOT, "[[%d %d] [%d %d]]", k[0][0], k[0][1], k[1][0], k[1][1]),
              samplingText(r.sampling()),
              String.format(
                  Locale.ROOT,
                  "%.0f → %.0f [%.0f, %.0f]",
                  r.truePerHour(),
                  r.estimatedPerHour(),
                  r.estimatedLow(),
                  r.estimatedHigh()),
              String.format(
                  Locale.ROOT,
                  "%.3f → %.3f [%.3f, %.3f]",
                  r.trueTimerShare(),
                  r.timerShare().estimate(),
                  r.timerShare().low(),
                  r.timerShare().high()),
              r.timers()));
    }
    System.out.println(sb);
  }

  private static String samplingText(SamplingEstimate s) {
    if (Double.isNaN(s.probability())) {
      return "unknown";
    }
    return String.format(
        Locale.ROOT,
        "%.3f [%.3f, %.3f] %s%s",
        s.probability(),
        s.low(),
        s.high(),
        s.sourceLabel(),
        s.suspected() ? "?" : "");
  }

  private static Row row(String name) throws Exception {
    return measure(name);
  }

  private static void assertFinds5sTimer(Row r) {
    assertTrue(
        r.timers().matches(".*requeue 5\\.0\\d\\ds.*"),
        r.name() + ": 5 s timer, got " + r.timers());
  }

  /** Marked sampled, and kept wake-ups/h over p̂ within 15 % of the simulated rate. */
  private static void assertSampledAndScaledUp(Row r) {
    assertTrue(r.sampling().sampled(), r.name() + " marked sampled: " + r.sampling());
    assertEquals(
        r.truePerHour(),
        r.estimatedPerHour(),
        0.15 * r.truePerHour(),
        r.name() + " wake-ups/h within 15 %");
  }

  /** A complete trace's inferred p̂ is 1 to within 0.005 (a point estimate, not only its bound). */
  private static void assertReadsComplete(Row r) {
    assertTrue(
        !r.sampling().sampled() && r.sampling().probability() >= 0.995,
        r.name() + ": complete trace reads p̂ " + r.sampling());
  }

  @Test
  void sampledAtHalf_classifiesAtTarget_andInfersTheProbability() throws Exception {
    for (String name : List.of("percona-sampled-50", "percona-sampled-50-jaeger")) {
      Row r = row(name);
      assertTrue(r.macroF1() >= 0.95, name + " macro-F1 " + r.macroF1());
      assertTrue(r.timers().contains("/earliest"), name + " queue read on the comb: " + r.timers());
      assertFinds5sTimer(r);
      assertTrue(r.sampling().sampled(), name + " marked sampled: " + r.sampling());
      assertEquals(0.5, r.sampling().probability(), 0.1, name + " p within ±20 %");
      assertTrue(
          r.sampling().low() <= 0.5 && 0.5 <= r.sampling().high(),
          name + " interval covers p: " + r.sampling());
    }
  }

  @Test
  void sampledAtTenth_findsTheTimer_andEstimatesTheTrueWakeupRate() throws Exception {
    for (String name :
        List.of(
            "percona-sampled-10", "percona-sampled-10-tracestate", "percona-sampled-10-external")) {
      Row r = row(name);
      assertTrue(r.reconciles() >= 100, name + " kept " + r.reconciles());
      assertFinds5sTimer(r);
      assertSampledAndScaledUp(r);
      // with other clients' edits at random phases (-external) the target, macro-F1 ≥ 0.90,
      // holds; where the events are the watch events of lost reconciles' own writes it is out of
      // timing's reach: they lie inside comb teeth, and TimingBoundTest bounds macro-F1 at 0.81
      // on these parameters (measured 0.81 and 0.84)
      double target = name.endsWith("-external") ? 0.90 : 0.80;
      assertTrue(r.macroF1() >= target, name + " macro-F1 " + r.macroF1());
    }
  }

  /**
   * The full stream's timer share (`estimated_timer_share`) is a 95 % interval: it covers the true
   * share of every reconcile the simulation ran, lost ones included, on the sampled rows. Own-write
   * events are counted from ŵ rather than from the verdicts, which under thinning miss them one way
   * (on ten more seeds of percona-sampled-10 the verdicts' interval covered the truth once, this
   * one nine times; docs/method.md, "Own writes under thinning"). Eight intervals at 95 %: at least
   * seven are asked to cover.
   */
  @Test
  void sampledRows_timerShareIntervalCoversTheTrueShare() throws Exception {
    int rows = 0;
    int covered = 0;
    StringBuilder seen = new StringBuilder();
    for (String name : SAMPLED) {
      Row r = row(name);
      assertTrue(r.sampling().sampled(), name);
      SamplingEstimate.Interval share = r.timerShare();
      boolean in = share.low() <= r.trueTimerShare() && r.trueTimerShare() <= share.high();
      rows++;
      covered += in ? 1 : 0;
      seen.append(
          String.format(
              Locale.ROOT,
              "%s %.4f in [%.4f, %.4f]: %s; ",
              name,
              r.trueTimerShare(),
              share.low(),
              share.high(),
              in));
    }
    System.out.println("timer share intervals: " + covered + " of " + rows + " cover: " + seen);
    assertTrue(covered >= 7, seen.toString());
  }

  /**
   * Short reconciles (40 ms, one object) keep the thinned timer's teeth at k·5 s as sharp as its
   * first, whose 5 s gaps number only about p of the kept ones. Over the scenario's seed and twelve
   * more (5001–5012, first run after the promotion was written), the 5 s timer is the one timer
   * found on all 13: on 10 with the spike scan alone, 11 once the first tooth was tested against
   * the comb's own family of windows, 13 with the comb scan (on 5005 no window was significant, on
   * 5006 one far tooth at 30.2 s was reported alone).
   */
  @Test
  void sampledAtTenth_shortReconciles_findTheFundamental_onEverySeed() throws Exception {
    Scenario sc =
        ScenarioLoader.load(
            Path.of("src/test/resources/scenarios", "percona-backup-sampled-10.yaml"));
    int found = 0;
    StringBuilder seen = new StringBuilder();
    long[] seeds = new long[13];
    seeds[0] = sc.seed();
    for (int k = 1; k < seeds.length; k++) {
      seeds[k] = 5000L + k;
    }
    for (long seed : seeds) {
      Accuracy.Simulated sim = Accuracy.simulate(sc.withSeed(seed), FORMAT);
      Analysis a = DemoAnalysis.of(sim.trace(), AnalysisParameters.defaults()).analysis();
      List<TimerFinding> ts = a.controllers().get(0).timers();
      boolean five = ts.size() == 1 && Math.abs(ts.get(0).delaySeconds() - 5) < 0.01;
      found += five ? 1 : 0;
      seen.append(seed).append(five ? ": 5 s; " : ": " + ts.size() + " other timers; ");
    }
    System.out.println("percona-backup-sampled-10 over 13 seeds: " + seen);
    assertEquals(13, found, seen.toString());
  }

  /**
   * One seed's macro-F1 at p = 0.1 rests on about 40 kept events: the external-events scenario over
   * five more seeds, pooled. (These seeds were first run after the queue test under thinning was
   * calibrated, on other seeds.)
   */
  @Test
  void sampledAtTenth_externalEvents_holdTheTargetOverSeeds() throws Exception {
    int[][] pooled = overMoreSeeds("percona-sampled-10-external", 5);
    assertTrue(Accuracy.macroF1(pooled) >= 0.90, "pooled macro-F1 " + Accuracy.macroF1(pooled));
  }

  /**
   * The audited rows over three more seeds each (first run when the rows were added): pooled, each
   * holds its target (macro-F1 ≥ 0.90 at p = 0.1, ≥ 0.95 at p = 0.5).
   */
  @Test
  void sampled_withAnAuditLog_holdTheTargetOverSeeds() throws Exception {
    for (String name : AUDITED) {
      int[][] pooled = overMoreSeeds(name, 3);
      double target = name.contains("-sampled-50") ? 0.95 : 0.90;
      assertTrue(Accuracy.macroF1(pooled) >= target, name + " pooled " + Accuracy.macroF1(pooled));
    }
  }

  /**
   * The scenario on {@code seeds} more seeds (with its audit log, if it keeps one), pooled
   * confusion of the kept reconciles; prints the figure.
   */
  private static int[][] overMoreSeeds(String name, int seeds) throws Exception {
    Scenario sc = ScenarioLoader.load(Path.of("src/test/resources/scenarios", name + ".yaml"));
    int[][] pooled = new int[2][2];
    for (long k = 1; k <= seeds; k++) {
      Accuracy.Simulated sim = Accuracy.simulate(sc.withSeed(sc.seed() + 104729 * k), FORMAT);
      int[][] c =
          confusion(
              DemoAnalysis.of(sim.trace(), sim.audit(), AnalysisParameters.defaults()).analysis(),
              sim.byId(true));
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          pooled[a][b] += c[a][b];
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s over %d more seeds: macro-F1 %.4f [[%d %d] [%d %d]]%n",
        name,
        seeds,
        Accuracy.macroF1(pooled),
        pooled[0][0],
        pooled[0][1],
        pooled[1][0],
        pooled[1][1]);
    return pooled;
  }

  /**
   * controller-runtime's priority queue (a reset queue) under sampling: the queue is read as reset
   * and the rate scales up; classification is below target, as timing alone bounds it below target
   * on this process ({@code ResetQueueBoundTest}: 0.87 at p = 0.5, 0.69 at p = 0.1; docs/method.md,
   * "Known failure cases"): floors a little under the measured 0.846 and 0.683 guard it.
   */
  @Test
  void sampledPriorityQueue_isReadAsReset() throws Exception {
    for (String name : List.of("percona-priority-sampled-50", "percona-priority-sampled-10")) {
      Row r = row(name);
      assertTrue(r.timers().matches("requeue 5\\.0\\d\\ds/reset"), name + ": " + r.timers());
      assertSampledAndScaledUp(r);
    }
    Row half = row("percona-priority-sampled-50");
    assertTrue(half.macroF1() >= 0.82, "macro-F1 " + half.macroF1());
    // between teeth 1 and 2 half the kept reconciles are events (ResetQueueBoundTest): the
    // verdict there is an event with confidence 0.5, and about half of them are right
    assertTrue(half.betweenTeeth() >= 20, "between teeth: " + half.betweenTeeth());
    double share = half.betweenTeethTrueShare();
    assertTrue(share > 0.3 && share < 0.7, "true event share between teeth " + share);
    Row tenth = row("percona-priority-sampled-10");
    assertTrue(tenth.macroF1() >= 0.63, "macro-F1 " + tenth.macroF1());
  }

  /**
   * With the API server's audit log beside a sampled trace, every row reaches the target (macro-F1
   * ≥ 0.90 at p = 0.1, ≥ 0.95 at p = 0.5), also the own-write, short-reconcile and priority-queue
   * cases where the trace alone stays at its timing bound; and the log never makes a row worse than
   * its trace alone.
   */
  @Test
  void sampled_withAnAuditLog_holdsTheTarget_everywhere() throws Exception {
    for (String name : AUDITED) {
      Row with = row(name);
      Row alone = row(name + TRACE_ALONE);
      double target = name.contains("-sampled-50") ? 0.95 : 0.90;
      assertEquals(alone.scored(), with.scored(), name + ": the same reconciles scored");
      assertTrue(with.macroF1() >= target, name + " macro-F1 " + with.macroF1());
      assertTrue(
          with.macroF1() >= alone.macroF1(),
          name + ": " + with.macroF1() + " with the log, " + alone.macroF1() + " without");
      assertFinds5sTimer(with);
      assertSampledAndScaledUp(with);
    }
  }

  @Test
  void sampledPoisson_getsNoTimer() throws Exception {
    Row r = row("poisson-sampled-10");
    assertEquals(0, r.requeueTimers(), "false timers: " + r.timers());
    assertEquals(0, r.confusion()[0][1], "event reconciles called timers");
  }

  @Test
  void spanLossAndSkew_keepTheLosslessAccuracy() throws Exception {
    Row loss = row("percona-span-loss-5");
    assertFinds5sTimer(loss);
    // a gap across a lost reconcile (10.16 s) is a harmonic of the 5 s timer, not a timer
    assertEquals(1, loss.requeueTimers(), "span loss timers: " + loss.timers());
    assertTrue(loss.macroF1() >= 0.98, "span loss macro-F1 " + loss.macroF1());
    for (String name : List.of("percona-skew-plus20", "percona-skew-minus20")) {
      Row r = row(name);
      assertFinds5sTimer(r);
      assertTrue(r.macroF1() >= 0.98, name + " macro-F1 " + r.macroF1());
      assertReadsComplete(r);
    }
  }

  @Test
  void ninetySecondWindow_findsThe5sTimer() throws Exception {
    Row r = row("percona-90s");
    assertFinds5sTimer(r);
    assertTrue(r.macroF1() >= 0.99, "macro-F1 " + r.macroF1());
    assertTrue(r.timers().contains("/earliest"), "the controller's queue: " + r.timers());
    assertReadsComplete(r);
  }

  @Test
  void javaOperatorSdk_rescheduleRetryAndMaxInterval() throws Exception {
    Row reschedule = row("josdk-reschedule-2s");
    assertTrue(reschedule.timers().contains("requeue 2.0"), reschedule.timers());
    // the SDK arms its timer after its status patch: counted from the patch's end
    assertTrue(reschedule.macroF1() >= 0.99, "reschedule macro-F1 " + reschedule.macroF1());
    Row retry = row("josdk-generic-retry");
    assertTrue(retry.macroF1() >= 0.99, "generic retry macro-F1 " + retry.macroF1());
    Row max = row("josdk-max-interval");
    assertTrue(max.macroF1() >= 0.99, "max interval macro-F1 " + max.macroF1());
  }

  @Test
  void resyncThroughOneWorker_andKubeRsBulk() throws Exception {
    Row resync = row("resync-one-worker");
    assertTrue(resync.macroF1() >= 0.99, "resync one worker macro-F1 " + resync.macroF1());
    assertEquals(1, resync.timers().split(" ").length / 2, "one timer: " + resync.timers());
    assertTrue(resync.timers().startsWith("resync "), "the informer's clock: " + resync.timers());
    assertReadsComplete(resync);
    Row bulk = row("kube-rs-bulk");
    assertTrue(bulk.macroF1() >= 0.99, "kube-rs bulk macro-F1 " + bulk.macroF1());
    assertReadsComplete(bulk);
    Row noReason = row("kube-rs-bulk-no-reason");
    assertTrue(
        noReason.macroF1() >= 0.99, "kube-rs bulk, no reason, macro-F1 " + noReason.macroF1());
    assertReadsComplete(noReason);
  }
}
