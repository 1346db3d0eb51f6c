/**
 * {@code compare}: reads two sides (traces or summary.json), matches operators, controllers and
 * timers, diffs their rates, applies the {@code --fail-on} thresholds and writes the verdict as
 * Markdown, JSON and a terminal table.
 */
package io.github.wakeupanalyze.compare;
