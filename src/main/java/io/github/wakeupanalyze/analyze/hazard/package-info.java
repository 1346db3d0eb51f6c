/**
 * The gap-hazard statistics: counts and exposure of end→start gaps, Poisson tails, the spike scan,
 * the comb scan for thinned timers none of whose teeth is significant alone, and the all-anchor
 * pair scan for earliest-deadline queues. Pure computation on {@code double} seconds; no I/O.
 */
package io.github.wakeupanalyze.analyze.hazard;
