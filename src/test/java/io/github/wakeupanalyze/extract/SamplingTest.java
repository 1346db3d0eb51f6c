package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.SamplingSource;
import io.github.wakeupanalyze.model.Span;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplingTest {
  /** The thresholds and probabilities the OpenTelemetry probability-sampling tables list. */
  @ParameterizedTest
  @CsvSource({
    "0, 1.0, 1e-15",
    "8, 0.5, 1e-15",
    "c, 0.25, 1e-15",
    "e, 0.125, 1e-15",
    "f, 0.0625, 1e-15",
    "aaab, 0.33333, 1e-5",
    "e666, 0.100006, 1e-6",
    "fd70a, 0.0100002, 1e-7",
    "fd70a4, 0.0099999, 1e-7",
    "ffbe77, 0.0009999, 1e-7",
  })
  void threshold_decodesTheSpecsCheckedValues(String th, double p, double tolerance) {
    assertEquals(p, Sampling.threshold(th), tolerance);
    Sampling.Stated s = Sampling.ofTraceState("ot=th:" + th);
    assertEquals(p, s.probability(), tolerance);
    assertEquals(SamplingSource.TRACESTATE, s.source());
  }

  @Test
  void threshold_trailingZerosChangeNothing_andMoreRejectionMeansLessProbability() {
    Random rnd = new Random(11);
    for (int i = 0; i < 1000; i++) {
      int digits = 1 + rnd.nextInt(13);
      StringBuilder th = new StringBuilder();
      for (int d = 0; d < digits; d++) {
        th.append(Character.forDigit(rnd.nextInt(16), 16));
      }
      double p = Sampling.threshold(th.toString());
      assertEquals(p, Sampling.threshold(th + "0"), 0.0, th.toString());
      assertTrue(p > 0 && p <= 1, th.toString());
      String bigger = th.toString().replace('0', '1');
      assertTrue(Sampling.threshold(bigger) <= p, th + " vs " + bigger);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ot=th:c;rv:0123456789abcd | 0.25",
        "vendor=x,ot=th:8 | 0.5",
        "ot=rv:0123456789abcd;th:e , other=1 | 0.125",
        "ot=r:3;p:2 | 0.25",
        "ot=r:0a;p:03 | 0.125",
        "ot=p:0a | 0.0009765625",
      })
  void traceState_readsTheOtMember(String tracestate, double p) {
    assertEquals(p, Sampling.ofTraceState(tracestate).probability(), 1e-12);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''",
        "vendor=x",
        "ot=rv:0123456789abcd",
        "ot=th:",
        "ot=th:0123456789abcde",
        "ot=th:xyz",
        "ot=p:99"
      })
  void traceState_withoutAValidProbability_statesNothing(String tracestate) {
    assertNull(Sampling.ofTraceState(tracestate));
  }

  @Test
  void oldP63_isAnAdjustedCountOfZero_notAProbability() {
    Sampling.Stated s = Sampling.ofTraceState("ot=r:62;p:63");
    assertFalse(s.isProbability());
    assertEquals("p:63", s.sampler());
  }

  @Test
  void jaegerTags_probabilisticIsAProbability_rateLimitersAreNot() {
    assertEquals(0.1, Sampling.ofJaeger("probabilistic", "0.1").probability());
    assertEquals(SamplingSource.TAG, Sampling.ofJaeger("probabilistic", "0.1").source());
    assertEquals(1.0, Sampling.ofJaeger("const", "1").probability());
    assertEquals(1.0, Sampling.ofJaeger("const", "true").probability());
    assertNull(Sampling.ofJaeger("const", "0"));
    assertNull(Sampling.ofJaeger("probabilistic", "1.5"));
    assertNull(Sampling.ofJaeger("probabilistic", "nope"));
    assertNull(Sampling.ofJaeger("remote", "0.5"));
    for (String type : new String[] {"ratelimiting", "lowerbound"}) {
      Sampling.Stated s = Sampling.ofJaeger(type, "2.0");
      assertFalse(s.isProbability(), type);
      assertEquals(type, s.sampler());
    }
  }

  @Test
  void span_tracestateBeatsTheTranslatedTag_whichBeatsJaegerTags() {
    Span.Builder b =
        Span.builder()
            .spanId(1)
            .attribute("sampler.type", "probabilistic")
            .attribute("sampler.param", "0.5");
    assertEquals(0.5, Sampling.of(b.build()).probability());
    b.spanId(1).attribute(Sampling.TRACESTATE_TAG, "ot=th:c");
    assertEquals(0.25, Sampling.of(b.build()).probability());
    b.spanId(1)
        .attribute("sampler.type", "probabilistic")
        .attribute("sampler.param", "0.5")
        .attribute(Sampling.TRACESTATE_TAG, "ot=th:c")
        .traceState("ot=th:e");
    assertEquals(0.125, Sampling.of(b.build()).probability());
    assertNull(Sampling.of(Span.builder().spanId(1).build()));
  }
}
