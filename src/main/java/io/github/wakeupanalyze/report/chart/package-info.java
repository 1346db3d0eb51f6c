/**
 * Charts of one operator's wake-ups: plotted data ({@link
 * io.github.wakeupanalyze.report.chart.Figure}), JFreeChart rendering and PNG/SVG/PDF export;
 * deterministic output.
 */
package io.github.wakeupanalyze.report.chart;
