/**
 * Immutable records passed between pipeline stages: spans, reconciles, stream keys, triggers and
 * causes; no I/O.
 */
package io.github.wakeupanalyze.model;
