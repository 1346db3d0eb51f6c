package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.simulate.Scenario.SamplingRecord;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each sampler's decision from the trace id, and what it writes, against known answers and laws.
 */
class SimHeadSamplerTest {

  @ParameterizedTest
  @CsvSource({
    "1, 0",
    "0.5, 8",
    "0.25, c",
    "0.125, e",
    "0.1, e666",
    "0.01, fd70a",
    "0.001, ffbe77",
    "0.3333333333333333, aaab"
  })
  void threshold_isEncodedAsTheCollectorDoes(double ratio, String th) {
    assertEquals(th, HeadSampler.encode(HeadSampler.threshold(ratio)));
  }

  @Test
  void threshold_probabilityIsCloseToTheRatio() {
    assertEquals(0.100006, HeadSampler.probability(HeadSampler.threshold(0.1)), 1e-6);
    assertEquals(0.0100002, HeadSampler.probability(HeadSampler.threshold(0.01)), 1e-7);
  }

  @Test
  void traceIdRatioBased_keepsSmallMagnitudesOfTheLow64Bits() {
    assertTrue(HeadSampler.traceIdRatioBased(0.5, 0));
    assertTrue(HeadSampler.traceIdRatioBased(0.5, -(long) (0.4 * Long.MAX_VALUE)));
    assertFalse(HeadSampler.traceIdRatioBased(0.5, (long) (0.6 * Long.MAX_VALUE)));
    assertTrue(HeadSampler.traceIdRatioBased(1, Long.MAX_VALUE));
  }

  @Test
  void tracestateSampler_keepsHighValuesOfTheLow56Bits() {
    long t = HeadSampler.threshold(0.5); // 0x80000000000000
    HeadSampler.Decision keep = HeadSampler.decide(SamplingRecord.TRACESTATE, 0.5, 0, t);
    HeadSampler.Decision drop = HeadSampler.decide(SamplingRecord.TRACESTATE, 0.5, 0, t - 1);
    assertEquals(new HeadSampler.Decision(true, "ot=th:8"), keep);
    assertFalse(drop.sampled());
    // the high byte of the low half is not randomness: it does not change the decision
    assertTrue(
        HeadSampler.decide(SamplingRecord.TRACESTATE, 0.5, 0, t | 0xff00000000000000L).sampled());
  }

  @Test
  void olderConsistentSampler_writesRandomnessAndExponent() {
    // low 62 bits with two leading zeros: r = 2; a quarter is p = 2, kept
    long low = 1L << 59;
    assertEquals(
        new HeadSampler.Decision(true, "ot=r:2;p:2"),
        HeadSampler.decide(SamplingRecord.TRACESTATE_P, 0.25, 0, low));
    assertFalse(HeadSampler.decide(SamplingRecord.TRACESTATE_P, 0.125, 0, low).sampled());
  }

  @ParameterizedTest
  @EnumSource(SamplingRecord.class)
  void everySampler_keepsTheRatioOfRandomTraces(SamplingRecord record) {
    for (double ratio : new double[] {0.5, 0.1, 0.03}) {
      SplittableRandom r = new SplittableRandom(42);
      int n = 40_000;
      int kept = 0;
      for (int i = 0; i < n; i++) {
        kept += HeadSampler.decide(record, ratio, r.nextLong(), r.nextLong()).sampled() ? 1 : 0;
      }
      double sd = Math.sqrt(n * ratio * (1 - ratio));
      assertEquals(n * ratio, kept, 4 * sd, record + " at " + ratio);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SamplingRecord.class,
      names = {"NONE", "TRACESTATE", "JAEGER_TAGS"})
  void thresholdSamplers_areConsistent_aTraceKeptAtASmallRatioIsKeptAtALargerOne(
      SamplingRecord record) {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      long high = r.nextLong();
      long low = r.nextLong();
      if (HeadSampler.decide(record, 0.1, high, low).sampled()) {
        assertTrue(HeadSampler.decide(record, 0.5, high, low).sampled(), record + " " + low);
      }
    }
  }
}
