/**
 * Discrete-event simulator of operator controllers: controller semantics to synthetic traces with
 * ground-truth labels.
 */
package io.github.wakeupanalyze.simulate;
