/**
 * Timers under random thinning (head sampling, lost records): the comb of start→start intervals a
 * thinned timer leaves at k·T, the maximum-likelihood estimate of the keep probability from it, and
 * a spectral cross-check. Pure computation on {@code double} seconds; no I/O.
 */
package io.github.wakeupanalyze.analyze.sampling;
