/**
 * Spans to reconciles: outermost reconcile spans, their stream keys and what their children did.
 */
package io.github.wakeupanalyze.extract;
