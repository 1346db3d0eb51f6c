package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.sampling.Comb;
import io.github.wakeupanalyze.analyze.sampling.WriteReturn;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.SamplingSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller's sampling step on head-sampled timelines with known truth. */
class SamplingStepTest {
  private static final Timelines.Spec PERCONA =
      Timelines.spec()
          .queue(Timelines.Queue.EARLIEST)
          .durations(0.15, 0.5)
          .poisson(1 / 120.0)
          .selfWrites(0.2, 0.01)
          .n(900);

  private static Analysis analyze(Scenarios.Data d) {
    return new Analyzer(AnalysisParameters.defaults())
        .analyze(
            d.reconciles(),
            new long[0],
            d.traceEvidence(),
            d.reconciles().stream().mapToLong(Reconcile::startNanos).min().orElse(0),
            d.reconciles().stream().mapToLong(Reconcile::endNanos).max().orElse(0));
  }

  private static Scenarios.Data percona(double p, boolean stated) {
    return Scenarios.thinned(
        Scenarios.streams("Percona-like earliest", false, PERCONA, 10, 1, false), p, stated, 7);
  }

  @Test
  void completeTimerTrace_isCheckedAndNotSampled() {
    SamplingEstimate s = analyze(percona(1, false)).controllers().get(0).sampling();
    assertFalse(s.sampled(), s.toString());
    assertEquals(1, s.probability(), 0.02);
    assertEquals("", s.mark());
  }

  /**
   * 800 objects whose gaps are their turns in a busy queue (log-normal around 45 s, spread 0.3,
   * eight reconciles each), and one object that requeues itself every 7.3 s.
   */
  private static List<List<Reconcile>> oneTimerAmongQueuedObjects(long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    List<List<Reconcile>> out = new java.util.ArrayList<>();
    for (int o = 0; o < 800; o++) {
      Streams.Builder b = Streams.of("ns/o-" + o);
      double s = 45 * rnd.nextDouble();
      for (int i = 0; i < 8; i++) {
        b.at(s, s + 0.06);
        s += 0.06 + 45 * Math.exp(0.3 * rnd.nextGaussian());
      }
      out.add(b.build());
    }
    Streams.Builder own = Streams.of("ns/requeueing");
    own.at(3, 3.08).every(7.3, 0.08, 14);
    out.add(own.build());
    return out;
  }

  @Test
  void oneObjectsTimer_amongObjectsWithoutIt_doesNotMakeTheTraceLookSampled() {
    // only objects with a gap on the timer's first tooth testify to its lost fires: the others'
    // gaps fall on its far teeth by chance, and 5,600 of them made thinning show on 2 of 12 seeds
    // (p inferred 0.06) when every object was pooled
    Engine engine = new Engine(AnalysisParameters.defaults());
    for (long seed = 1; seed <= 12; seed++) {
      Engine.ControllerOutcome o =
          engine.analyzeController(oneTimerAmongQueuedObjects(seed), EvidenceIndex.NONE);
      SamplingEstimate s = o.controller().sampling();
      assertFalse(s.sampled(), "seed " + seed + ": " + s);
      assertTrue(
          o.streams().stream()
              .anyMatch(r -> r.key().object().equals("ns/requeueing") && r.timerDriven() == 14),
          "seed " + seed + ": the 7.3 s timer's 14 reconciles");
    }
  }

  @Test
  void headSampledAtHalf_probabilityIsInferred_andTheTimerStillClassifies() {
    Scenarios.Data d = percona(0.5, false);
    Analysis a = analyze(d);
    SamplingEstimate s = a.controllers().get(0).sampling();
    assertEquals(SamplingSource.INFERRED, s.source());
    assertTrue(s.sampled());
    assertEquals(0.5, s.probability(), 0.1, "within ±20 %");
    assertTrue(s.mark().startsWith("sampled p≈0.4") || s.mark().startsWith("sampled p≈0.5"));
    assertTrue(AccuracyTest.measure(d, a).macroF1() >= 0.88);
  }

  @Test
  void headSampledAtTenth_estimatesTheTrueWakeupRate() {
    Scenarios.Data full = percona(1, false);
    Analysis a = analyze(percona(0.1, false));
    ControllerResult c = a.controllers().get(0);
    assertTrue(c.sampling().sampled());
    double truth = full.reconciles().size() / analyze(full).hours();
    SamplingEstimate.Interval rate = c.sampling().fullStreamRate(c.reconciles(), a.hours());
    assertEquals(truth, rate.estimate(), 0.15 * truth, "wake-ups/h within 15 %");
    assertTrue(rate.low() <= truth && truth <= rate.high(), "the interval covers it: " + rate);
  }

  @Test
  void statedProbability_isUsed_evenWhereTheCombCouldInferIt() {
    SamplingEstimate s = analyze(percona(0.5, true)).controllers().get(0).sampling();
    assertTrue(s.stated());
    assertEquals(0.5, s.probability(), 1e-12);
  }

  @Test
  void sampledPoissonStreams_getNoTimerAndNoSamplingClaim() {
    Timelines.Spec poisson = Timelines.spec().period(0).poisson(1 / 4.0).n(600);
    Scenarios.Data d =
        Scenarios.thinned(
            Scenarios.streams("Poisson", false, poisson, 20, 3, false), 0.1, false, 5);
    Analysis a = analyze(d);
    for (StreamResult r : a.streams()) {
      assertTrue(r.timers().isEmpty(), r.toString());
    }
    assertFalse(a.controllers().get(0).sampling().sampled());
  }

  @Test
  void headSampledQueue_isReadOnTheComb_earliestStaysEarliest_resetStaysReset() {
    for (Timelines.Queue queue : Timelines.Queue.values()) {
      Timelines.Spec spec = Timelines.spec().queue(queue).durations(0.15, 0.5).poisson(1 / 60.0);
      Scenarios.Data d =
          Scenarios.thinned(
              Scenarios.streams("queue " + queue, false, spec.n(900), 10, 1, false), 0.3, false, 3);
      ControllerResult c = analyze(d).controllers().get(0);
      assertTrue(c.sampling().sampled(), c.sampling().toString());
      Queue expected = queue == Timelines.Queue.EARLIEST ? Queue.EARLIEST : Queue.RESET;
      assertEquals(expected, c.timers().get(0).queue(), queue + ": " + c.timers());
    }
  }

  @Test
  void queueCounts_offCombReconcileOnTheCombFromTheEndBefore_countsOnlyUnderEarliest() {
    // 5 s timer, 0.1 s reconciles: 0 → 5.1 (timer), an event at 7, the timer again 5 s after 5.2
    StreamTimes earliest =
        Streams.of("ns/a").at(0, 0.1).at(5.1, 5.2).at(7, 7.1).at(10.2, 10.3).times();
    // a reset queue: the timer runs from the event's end instead
    StreamTimes reset =
        Streams.of("ns/a").at(0, 0.1).at(5.1, 5.2).at(7, 7.1).at(12.1, 12.2).times();
    Comb comb = new Comb(5, 0, 0.1, 0.01, 0.0025);
    assertEquals(1, SamplingStep.queueCounts(List.of(work(earliest)), comb).any());
    assertEquals(0, SamplingStep.queueCounts(List.of(work(reset)), comb).any());
    assertTrue(SamplingStep.queueCounts(List.of(work(reset)), comb).chance() > 0);
  }

  /**
   * Own writes are read from the writers a thinned trace keeps: 140 kept reconciles, 7 of them
   * writing their own object, p = 0.1. Without a follow-up the share is 7/140 times the posterior
   * return share f̂ (the follow-ups alone said 0); writes to another object do not count; a quick
   * follow-up of a reconcile that wrote nothing of its own object counts over n·p as before.
   */
  @Test
  void ownWrites_restOnTheKeptWriters() {
    double[] silent = SamplingStep.ownWrites(List.of(work(writers("ns/x", false))), 0.1);
    assertEquals(7.0 / 140 * WriteReturn.posteriorMean(7, 0, 0.1), silent[0], 1e-12);
    assertEquals(0, silent[1], "no follow-up: the event waits for the writer's end");

    double[] followed = SamplingStep.ownWrites(List.of(work(writers("ns/x", true))), 0.1);
    assertEquals(7.0 / 141 * WriteReturn.posteriorMean(7, 1, 0.1), followed[0], 1e-12);
    assertEquals(0.003, followed[1], 1e-6);

    double[] elsewhere = SamplingStep.ownWrites(List.of(work(writers("ns/y", true))), 0.1);
    assertEquals(1 / (141 * 0.1), elsewhere[0], 1e-12);
  }

  /**
   * 140 reconciles 50 s apart, every 20th writing ns/x; with a follow-up 3 ms after the first's
   * end.
   */
  private static StreamTimes writers(String object, boolean followUp) {
    Streams.Builder b = Streams.of(object);
    for (int i = 0; i < 140; i++) {
      double s = i * 50.0;
      if (i % 20 == 0) {
        b.writing(s, s + 0.04, 1);
      } else {
        b.at(s, s + 0.04);
      }
      if (i == 0 && followUp) {
        b.at(0.043, 0.08);
      }
    }
    return b.times();
  }

  private static StreamWork work(StreamTimes t) {
    return new StreamWork(t);
  }
}
