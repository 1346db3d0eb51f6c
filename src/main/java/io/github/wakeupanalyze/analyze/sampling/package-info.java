/**
 * Timers under random thinning (head sampling, lost records): the comb of start→start intervals a
 * thinned timer leaves at k·T, the maximum-likelihood estimate of the keep probability from it, a
 * spectral cross-check, the chain decoder, and the share of own writes that come back as watch
 * events ({@code WriteReturn}). Pure computation on {@code double} seconds; no I/O.
 */
package io.github.wakeupanalyze.analyze.sampling;
