package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.Reconcile;

/** A reconcile and why it ran. */
public record ClassifiedReconcile(Reconcile reconcile, Classification classification) {}
