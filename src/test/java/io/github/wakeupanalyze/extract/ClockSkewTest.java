package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClockSkewTest {
  static final long MS = SyntheticTraces.MS;

  /** Another client's write, recorded by the API server (a root span) at true time {@code t}. */
  static Span externalWrite(long trace, long t, long skew) {
    return SyntheticTraces.span(
            SyntheticTraces.APISERVER, trace, 1, 0, "PATCH", 2, t - MS + skew, t + skew)
        .attribute("http.request.method", "PATCH")
        .attribute(
            "url.path",
            "/apis/psmdb.percona.com/v1/namespaces/mongodb/perconaservermongodbs/cluster-0")
        .attribute("user_agent.original", "kubectl/v1.31")
        .build();
  }

  static ExtractResult extract(List<Span> spans) {
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    x.startSource(0, "t");
    spans.forEach(x::accept);
    return x.finish();
  }

  @ParameterizedTest
  @ValueSource(longs = {-20_000_000L, 0, 7_300_000L, 20_000_000L})
  void apiServerAhead_offsetIsEstimated_andWritesMovedOntoTheOperatorsClock(long skew) {
    List<SyntheticTraces.Trace> traces =
        SyntheticTraces.generate(4, 200, 2, 0, 5_000_000_000L, skew);
    List<Span> spans = new ArrayList<>(SyntheticTraces.spans(traces));
    long trueTime = 1_000_000_000_123L;
    spans.add(externalWrite(777, trueTime, skew));
    ExtractResult r = extract(spans);
    assertEquals(1, r.clockOffsets().size());
    ClockOffset o = r.clockOffsets().get(0);
    assertEquals(SyntheticTraces.APISERVER, o.service());
    assertEquals(SyntheticTraces.OPERATOR, o.reference(), "the service with the reconciles");
    assertEquals(400, o.pairs());
    assertTrue(o.applied());
    assertEquals(skew, o.offsetNanos(), 1_000, "symmetric delays: the midpoints agree");
    assertTrue(o.lowNanos() <= skew && skew <= o.highNanos(), o.toString());
    assertTrue(o.highNanos() - o.lowNanos() <= 2 * MS, "bounded by the network delays: " + o);
    ObjectWrite w = r.evidence().writes().get(0);
    assertEquals(trueTime, w.timeNanos(), 1_000);
    assertEquals(200, r.reconciles().size());
    assertEquals(traces.get(0).start(), r.reconciles().get(0).startNanos(), "reconciles untouched");
  }

  @Test
  void estimate_shiftingTheServerClock_shiftsTheOffsetByTheSame() {
    Random rnd = new Random(5);
    long[] samples = new long[301];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = 3 * MS + (long) (rnd.nextGaussian() * 0.2 * MS);
    }
    ClockSkew.Estimate e =
        ClockSkew.estimate(samples, samples.length, samples.length, Long.MIN_VALUE, Long.MAX_VALUE);
    long[] shifted = samples.clone();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] += 11 * MS;
    }
    ClockSkew.Estimate f =
        ClockSkew.estimate(shifted, shifted.length, shifted.length, Long.MIN_VALUE, Long.MAX_VALUE);
    assertEquals(e.offset() + 11 * MS, f.offset());
    assertEquals(e.spread(), f.spread());
    assertEquals(0.2 * MS, e.spread(), 0.05 * MS, "1.4826 × MAD estimates the normal sigma");
  }

  @Test
  void contradictoryBounds_fallBackToTheMedianWithItsStandardError() {
    long[] samples = {1 * MS, 2 * MS, 3 * MS, 4 * MS, 5 * MS};
    ClockSkew.Estimate e = ClockSkew.estimate(samples, 5, 5, 4 * MS, 2 * MS);
    assertEquals(3 * MS, e.offset());
    assertTrue(e.low() < e.offset() && e.offset() < e.high());
    ClockSkew.Estimate bounded = ClockSkew.estimate(samples, 5, 5, 3_500_000, 3_600_000);
    assertEquals(3_500_000, bounded.offset(), "the median clamped into the bounds");
  }

  @Test
  void fewPairs_areReported_butNotApplied() {
    List<Span> spans =
        new ArrayList<>(
            SyntheticTraces.spans(SyntheticTraces.generate(4, 1, 1, 0, 5_000_000_000L, 50 * MS)));
    long t = 2_000_000_000_000L;
    spans.add(externalWrite(777, t, 50 * MS));
    ExtractResult r = extract(spans);
    ClockOffset o = r.clockOffsets().get(0);
    assertEquals(2, o.pairs());
    assertFalse(o.applied());
    assertEquals(t + 50 * MS, r.evidence().writes().get(0).timeNanos(), "left as recorded");
  }

  @Test
  void secondOperator_isPutOnTheReferenceClock_throughTheApiServer() {
    List<Span> a = SyntheticTraces.spans(SyntheticTraces.generate(4, 50, 1, 0, 5_000_000_000L, 0));
    // operator b's clock is 30 ms behind the API server's, which agrees with operator a's
    List<Span> b = new ArrayList<>();
    for (Span s :
        SyntheticTraces.spans(SyntheticTraces.generate(9, 20, 1, 0, 5_000_000_000L, 30 * MS))) {
      b.add(s.service().equals(SyntheticTraces.OPERATOR) ? s.withService("op-b") : s);
    }
    List<Span> all = new ArrayList<>(a);
    all.addAll(b);
    ExtractResult r = extract(all);
    ClockOffset ob =
        r.clockOffsets().stream().filter(o -> o.service().equals("op-b")).findFirst().orElseThrow();
    assertEquals(SyntheticTraces.OPERATOR, ob.reference());
    assertEquals(-30 * MS, ob.offsetNanos(), 1_000);
    long firstB =
        r.reconciles().stream()
            .filter(x -> x.key().operator().equals("op-b"))
            .mapToLong(x -> x.startNanos())
            .min()
            .orElseThrow();
    assertEquals(30 * MS, firstB, 1_000, "op-b's reconciles moved onto the reference clock");
  }
}
