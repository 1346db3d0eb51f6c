package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.SamplingSource;
import java.util.Map;

/**
 * What one operator's traces state about their sampling.
 *
 * @param operator e.g. {@code my-operator}
 * @param reconciles all of its reconciles
 * @param stated reconciles whose trace (or {@code --sampling-ratio}) states a probability
 * @param minProbability smallest stated probability, NaN when none, e.g. 0.25
 * @param maxProbability largest stated probability, NaN when none
 * @param source where most stated probabilities come from; null when none is stated
 * @param nonProbabilistic reconciles kept by a sampler that states no probability, by its type:
 *     {@code ratelimiting}, {@code lowerbound}, {@code p:63}
 */
public record SamplingSummary(
    String operator,
    long reconciles,
    long stated,
    double minProbability,
    double maxProbability,
    SamplingSource source,
    Map<String, Long> nonProbabilistic) {
  public SamplingSummary {
    nonProbabilistic = Map.copyOf(nonProbabilistic);
  }
}
