package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.text.Names;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The index of a run, as Markdown for {@link HtmlReport}: every operator with a link to its page.
 */
final class IndexPage {
  private IndexPage() {}

  /**
   * The index.
   *
   * @param folders operator → its folder under {@code operators/}; an operator without one (past
   *     {@code --max-operators}) is listed without a link, with a note
   */
  static String markdown(Analysis analysis, List<InputReport> inputs, Map<String, String> folders) {
    StringBuilder sb = new StringBuilder();
    List<OperatorView> ops = OperatorView.of(analysis);
    int reconciles = 0;
    for (OperatorView op : ops) {
      reconciles += op.reconcileCount();
    }
    sb.append("# Why these operators wake up\n\n");
    sb.append(ops.size())
        .append(ops.size() == 1 ? " operator, " : " operators, ")
        .append(reconciles)
        .append(" reconciles over ")
        .append(Format.duration(analysis.hours() * 3600))
        .append(" (")
        .append(Instant.ofEpochSecond(0, analysis.windowStartNanos()))
        .append(" to ")
        .append(Instant.ofEpochSecond(0, analysis.windowEndNanos()))
        .append(").\n\n");
    sb.append(
        "| operator | reconciles | timer-driven | timers found | wake-ups/h |\n"
            + "|---|---:|---:|---|---:|\n");
    for (OperatorView op : ops) {
      List<String> ts = new ArrayList<>();
      for (TimerFinding t : op.timers()) {
        String d = Format.duration(t.delaySeconds());
        if (!ts.contains(d)) {
          ts.add(d);
        }
      }
      double rate = op.wakeupsPerHour();
      String folder = folders.get(op.operator());
      if (folder == null) {
        sb.append("| ").append(Names.markdown(op.operator()));
      } else {
        sb.append("| [")
            .append(Names.markdown(op.operator()))
            .append("](operators/")
            .append(folder)
            .append("/report.html)");
      }
      sb.append(" | ")
          .append(op.reconcileCount())
          .append(" | ")
          .append(Format.percent(op.timerShare()))
          .append(" | ")
          .append(ts.isEmpty() ? "none" : String.join(", ", ts))
          .append(" | ")
          .append(Double.isNaN(rate) ? "n/a" : Format.fixed(rate, 1))
          .append(" |\n");
    }
    if (ops.isEmpty()) {
      sb.append("\nNo reconcile spans found.\n");
    }
    boolean anySampled = false;
    for (OperatorView op : ops) {
      String sampling = op.samplingSentence();
      if (!sampling.isEmpty()) {
        sb.append(anySampled ? "" : "\nCounts and rates above are of the kept reconciles.\n\n")
            .append("- ")
            .append(Names.markdown(op.operator()))
            .append(": ")
            .append(Names.markdown(sampling))
            .append('\n');
        anySampled = true;
      }
    }
    if (folders.size() < ops.size()) {
      sb.append("\nOnly the ")
          .append(folders.size())
          .append(" operators with the most reconciles have a report of their own (")
          .append("`--max-operators ")
          .append(folders.size())
          .append("`); the other ")
          .append(ops.size() - folders.size())
          .append(" are in this table, summary.json and reconciles.csv.\n");
    }
    sb.append("\n## Inputs\n\n| input | format | spans | status |\n|---|---|---:|---|\n");
    for (InputReport in : inputs) {
      sb.append("| ")
          .append(Names.markdown(in.path()))
          .append(" | ")
          .append(in.wasSkipped() ? "-" : in.format() == null ? "unknown" : in.format().cliName())
          .append(" | ")
          .append(in.spans())
          .append(" | ")
          .append(
              in.wasSkipped()
                  ? "skipped: " + Names.markdown(in.skipped())
                  : in.error() == null ? "read" : "error: " + Names.markdown(in.error()))
          .append(" |\n");
    }
    sb.append(
        "\nEach operator's page has the same content as its report.md, with the charts "
            + "inline; summary.json and reconciles.csv hold the numbers for scripts.\n");
    return sb.toString();
  }
}
