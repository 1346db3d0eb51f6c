/** Writes the analysis as CSV, JSON, Markdown and terminal tables; deterministic output. */
package io.github.wakeupanalyze.report;
