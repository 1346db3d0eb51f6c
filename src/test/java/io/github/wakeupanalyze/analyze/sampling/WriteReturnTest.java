package io.github.wakeupanalyze.analyze.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The share of own writes that come back as watch events, from a thinned trace: the posterior mean
 * of f under the prior ½ at f = 0, ½ uniform on (0, 1], with x ~ Binomial(m, f·p).
 */
class WriteReturnTest {

  /**
   * With no follow-up the posterior mean has a closed form: with a = p, I₀ = ∫₀¹ (1 − af)^m df = (1
   * − (1 − a)^(m+1)) / (a(m + 1)), I₁ = ∫₀¹ f(1 − af)^m df = [(1 − (1 − a)^(m+1))/(m + 1) − (1 − (1
   * − a)^(m+2))/(m + 2)] / a², and f̂ = I₁ / (1 + I₀) (the point mass at 0 has likelihood 1).
   */
  @Test
  void withoutFollowUps_matchesTheClosedForm() {
    for (double p : new double[] {0.05, 0.1, 0.5, 1.0}) {
      for (int m : new int[] {0, 1, 7, 37, 400}) {
        double r1 = Math.pow(1 - p, m + 1);
        double r2 = Math.pow(1 - p, m + 2);
        double i0 = (1 - r1) / (p * (m + 1));
        double i1 = ((1 - r1) / (m + 1) - (1 - r2) / (m + 2)) / (p * p);
        assertEquals(
            i1 / (1 + i0), WriteReturn.posteriorMean(m, 0, p), 1e-6, "m = " + m + ", p = " + p);
      }
    }
  }

  /**
   * With follow-ups, against the definition integrated numerically: f̂ = ∫ f·L(f) df / ∫ L(f) df
   * over (0, 1] with L(f) = (fp)^x (1 − fp)^(m − x), by Simpson's rule on 20,000 steps (no point
   * mass: it has likelihood 0 when x ≥ 1).
   */
  @Test
  void withFollowUps_matchesTheIntegralOfItsDefinition() {
    for (double p : new double[] {0.05, 0.1, 0.5, 1.0}) {
      for (int[] mx : new int[][] {{1, 1}, {5, 2}, {7, 1}, {144, 1}, {460, 37}, {60, 60}}) {
        int m = mx[0];
        int x = mx[1];
        int steps = 20_000;
        double h = 1.0 / steps;
        double mass = 0;
        double moment = 0;
        double second = 0;
        for (int i = 1; i <= steps; i++) {
          double f = i * h;
          double q = Math.min(f * p, 1);
          double l = Math.exp(x * Math.log(q) + (m - x == 0 ? 0 : (m - x) * Math.log1p(-q)));
          double weight = (i == steps ? 1 : i % 2 == 1 ? 4 : 2) * h / 3;
          mass += weight * l;
          moment += weight * l * f;
          second += weight * l * f * f;
        }
        assertEquals(
            moment / mass,
            WriteReturn.posteriorMean(m, x, p),
            1e-6,
            "m = " + m + ", x = " + x + ", p = " + p);
        double mean = moment / mass;
        assertEquals(
            second / mass - mean * mean,
            WriteReturn.posteriorVariance(m, x, p),
            1e-6,
            "variance, m = " + m + ", x = " + x + ", p = " + p);
      }
    }
  }

  /**
   * A million writers with 50 follow-ups at p = 0.1: the posterior sits within 10⁻⁴ of 5·10⁻⁴, far
   * inside any fixed integration grid, and the closed form still finds it.
   */
  @Test
  void aMillionWriters_resolveASmallReturnShare() {
    assertEquals(5.1e-4, WriteReturn.posteriorMean(1_000_000, 50, 0.1), 0.2e-4);
    assertTrue(WriteReturn.posteriorMean(1_000_000, 0, 0.1) < 1e-9);
  }

  @Test
  void thePriorAlone_hasMeanOneQuarter_andItsOwnVariance() {
    assertEquals(0.25, WriteReturn.posteriorMean(0, 0, 0.1), 1e-9);
    // ½·δ₀ + ½·U(0, 1]: E[f²] = 1/6
    assertEquals(1.0 / 6 - 1.0 / 16, WriteReturn.posteriorVariance(0, 0, 0.1), 1e-9);
  }

  /** Without follow-ups, against the integral of the definition (the point mass included). */
  @Test
  void withoutFollowUps_varianceMatchesTheIntegral() {
    for (int m : new int[] {1, 7, 37, 400}) {
      double p = 0.1;
      int steps = 20_000;
      double h = 1.0 / steps;
      double mass = 1; // the point mass at f = 0, likelihood 1
      double moment = 0;
      double second = 0;
      for (int i = 0; i <= steps; i++) {
        double f = i * h;
        double l = Math.pow(1 - f * p, m);
        double weight = (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2) * h / 3;
        mass += weight * l;
        moment += weight * l * f;
        second += weight * l * f * f;
      }
      double mean = moment / mass;
      assertEquals(mean, WriteReturn.posteriorMean(m, 0, p), 1e-6, "m = " + m);
      assertEquals(
          second / mass - mean * mean, WriteReturn.posteriorVariance(m, 0, p), 1e-6, "m = " + m);
    }
  }

  /** The examples of the class comment. */
  @Test
  void examples() {
    assertEquals(0.18, WriteReturn.posteriorMean(7, 0, 0.1), 0.005);
    assertEquals(0.63, WriteReturn.posteriorMean(7, 1, 0.1), 0.005);
    assertEquals(0.049, WriteReturn.posteriorMean(37, 0, 0.1), 0.001);
    assertEquals(0.14, WriteReturn.posteriorMean(144, 1, 0.1), 0.005);
    assertEquals(0.80, WriteReturn.posteriorMean(460, 37, 0.1), 0.005);
  }

  /** More follow-ups among the same writers never lower the estimate; more silent writers do. */
  @Test
  void isMonotone_inFollowUps_andInSilentWriters() {
    for (double p : new double[] {0.1, 0.5}) {
      for (int m = 1; m <= 60; m++) {
        double previous = -1;
        for (int x = 0; x <= m; x++) {
          double f = WriteReturn.posteriorMean(m, x, p);
          assertTrue(f >= 0 && f <= 1, m + ", " + x + ": " + f);
          assertTrue(f > previous, "m = " + m + ", x = " + x + ": " + f + " after " + previous);
          previous = f;
        }
        assertTrue(
            WriteReturn.posteriorMean(m, 0, p) < WriteReturn.posteriorMean(m - 1, 0, p),
            "m = " + m);
      }
    }
  }

  /** With many writers the data outweigh the prior: f̂ approaches x/(m·p). */
  @Test
  void manyWriters_estimateTheTrueShare() {
    for (double f : new double[] {0.1, 0.5, 0.9}) {
      int m = 20_000;
      long x = Math.round(m * f * 0.1);
      assertEquals(f, WriteReturn.posteriorMean(m, x, 0.1), 0.02, "f = " + f);
    }
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThrows(IllegalArgumentException.class, () -> WriteReturn.posteriorMean(3, 4, 0.1));
    assertThrows(IllegalArgumentException.class, () -> WriteReturn.posteriorMean(3, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> WriteReturn.posteriorMean(3, 1, 1.5));
  }
}
