/**
 * What unloading an idle operator would cost and save: pure computation on reconcile timelines, no
 * I/O.
 */
package io.github.wakeupanalyze.unload;
