/** Timer detection and per-reconcile classification; pure computation, no I/O. */
package io.github.wakeupanalyze.analyze;
