/**
 * Periodograms of event times for stationary periodic sources (informer resync, external
 * heartbeats, cron-like writers): a binned-FFT fast path and a direct O(N·F) reference.
 */
package io.github.wakeupanalyze.analyze.spectral;
