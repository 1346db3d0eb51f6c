package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.Queue;
import io.github.wakeupanalyze.analyze.StreamResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.ObservedWindow;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.report.chart.Figure;
import io.github.wakeupanalyze.sources.SourceLinks;
import io.github.wakeupanalyze.text.Names;
import io.github.wakeupanalyze.text.Numbers;
import io.github.wakeupanalyze.unload.OperatorUnload;
import io.github.wakeupanalyze.unload.PredictiveResult;
import io.github.wakeupanalyze.unload.UnloadAnalysis;
import io.github.wakeupanalyze.unload.UnloadResult;
import io.github.wakeupanalyze.unload.UnloadTable;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code report.md} for one operator: a headline in plain words, timers, controllers, what wake-ups
 * did, objects, and the parameters used. Every name from the trace is escaped.
 */
public final class MarkdownReport {
  /** At most this many timer-driven reconciles that wrote are listed. */
  static final int MAX_LISTED = 20;

  private MarkdownReport() {}

  static void write(OperatorView op, Analysis analysis, Writer w) throws IOException {
    write(op, analysis, List.of(), w);
  }

  /**
   * Writes the report; each figure is shown from {@code ID.svg}, a file the caller writes beside
   * the report.
   */
  static void write(OperatorView op, Analysis analysis, List<Figure> figures, Writer w)
      throws IOException {
    write(
        op,
        analysis,
        figures,
        UnloadAnalysis.table(
            op.operator(),
            op.reconciles(),
            UnloadAnalysis.timers(analysis),
            analysis.windowStartNanos(),
            analysis.windowEndNanos(),
            UnloadAnalysis.DEFAULT_UNLOAD_AFTER_NANOS,
            UnloadAnalysis.DEFAULT_RELOAD_LEAD_NANOS),
        w);
  }

  /** As above, with the operator's unload model already run. */
  static void write(
      OperatorView op, Analysis analysis, List<Figure> figures, UnloadTable unload, Writer w)
      throws IOException {
    write(op, analysis, figures, unload, SourceLinks.NONE, w);
  }

  /** As above, with the call sites matched to the timers (a section when a source was scanned). */
  static void write(
      OperatorView op,
      Analysis analysis,
      List<Figure> figures,
      UnloadTable unload,
      SourceLinks links,
      Writer w)
      throws IOException {
    List<ClassifiedReconcile> mine = op.reconciles();
    WakeupStats[] stats = WakeupStats.byTrigger(mine);
    String name = Names.markdown(op.operator());
    w.write("# " + name + ": why it wakes up\n\n");
    for (ControllerResult c : op.controllers()) {
      w.write(sentence(c, mine) + "\n\n");
    }
    w.write("| | |\n|---|---|\n");
    w.write("| Reconciles | " + op.reconcileCount() + " |\n");
    w.write(
        "| Timer-driven | " + op.timerDriven() + " (" + Format.percent(op.timerShare()) + ") |\n");
    w.write("| Event-driven | " + op.eventDriven() + " |\n");
    String sampling = op.samplingSentence();
    w.write(
        "| Wake-ups per hour"
            + (sampling.isEmpty() ? "" : " (kept reconciles)")
            + " | "
            + rate(op.wakeupsPerHour())
            + " |\n");
    if (!sampling.isEmpty()) {
      w.write("| Sampling | " + Names.markdown(sampling) + " |\n");
    }
    ObservedWindow own = analysis.window(op.operator());
    w.write(
        "| Observed window | "
            + Format.duration(own.hours() * 3600)
            + " ("
            + Instant.ofEpochSecond(0, own.startNanos())
            + " to "
            + Instant.ofEpochSecond(0, own.endNanos())
            + ") |\n\n");

    w.write("## Timers\n\n");
    InputEvidence ev = InputEvidence.of(op.reconciles());
    boolean any = false;
    for (ControllerResult c : op.controllers()) {
      for (TimerFinding t : c.timers()) {
        if (!any) {
          w.write(
              "| controller | source | delay | period | jitter "
                  + "| reconciles | objects | p-value | queue |\n"
                  + "|---|---|---:|---:|---:|---:|---:|---:|---|\n");
          any = true;
        }
        w.write(
            "| "
                + Names.markdown(c.controller())
                + " | "
                + t.source().label()
                + " | "
                + (ev.endTimes() ? Format.duration(t.delaySeconds()) : "n/a")
                + " | "
                + Format.duration(t.periodSeconds())
                + " | "
                + Format.duration(t.jitterSeconds())
                + " | "
                + t.reconciles()
                + " | "
                + t.objects()
                + " | "
                + Format.pValue(t.pValue())
                + " | "
                + queue(t.queue())
                + " |\n");
      }
    }
    boolean anyRanges = false;
    for (ControllerResult c : op.controllers()) {
      for (TimerFinding t : c.timers()) {
        if (!t.activeRanges().isEmpty() && !coversWindow(t, analysis)) {
          w.write(
              (anyRanges ? "" : "\n")
                  + "- "
                  + Names.markdown(c.controller())
                  + ", "
                  + Format.duration(t.delaySeconds())
                  + " timer active "
                  + active(t, analysis)
                  + " (time since the start of the trace)\n");
          anyRanges = true;
        }
      }
    }
    w.write(
        any
            ? (ev.endTimes()
                    ? "\nDelay: from the end of a reconcile to the start of the next (the RequeueAfter "
                        + "itself); period: start to start, the delay plus the reconcile's duration."
                    : "\nDelay: n/a, the input has start times only, so the interval measured is start"
                        + "→start (period) and no RequeueAfter delay can be told apart from the "
                        + "reconcile's duration.")
                + (op.controllers().stream()
                        .flatMap(c -> c.timers().stream())
                        .anyMatch(InputEvidence::external)
                    ? " Source *external-periodic*: a periodic source outside the operator (periodic"
                        + " changes to what it watches), not a timer of its own; its reconciles are "
                        + "event-driven."
                    : "")
                + " p-value: the probability that gaps of a timer-free stream (a locally flat "
                + "gap hazard, as Poisson arrivals give) pile up like this by chance, corrected for the "
                + "number of windows searched. Queue: *restarts* when the timer counts from the end of "
                + "every reconcile (controller-runtime priority queue, java-operator-sdk, kube-rs), "
                + "*keeps deadline* when an event-driven reconcile in between does not move it (client-go "
                + "delaying queue).\n\n"
            : "No timer found.\n\n");
    for (ControllerResult c : op.controllers()) {
      for (String note : c.notes()) {
        w.write("- " + Names.markdown(c.controller()) + ": " + Names.markdown(note) + "\n");
      }
    }
    if (op.controllers().stream().anyMatch(c -> !c.notes().isEmpty())) {
      w.write("\n");
    }
    SourcesSection.markdown(op, links, w);
    writeCharts(figures, w);

    w.write("## Controllers\n\n| controller | objects | reconciles | timer-driven | wake-ups/h |");
    for (Cause cause : Cause.values()) {
      w.write(" " + cause.label() + " |");
    }
    w.write("\n|---|---:|---:|---:|---:|" + "---:|".repeat(Cause.values().length) + "\n");
    for (ControllerResult c : op.controllers()) {
      w.write(
          "| "
              + Names.markdown(c.controller())
              + " | "
              + c.objects()
              + " | "
              + c.reconciles()
              + " | "
              + Format.percent(Format.share(c.timerDriven(), c.reconciles()))
              + " | "
              + rate(OperatorView.rate(c.reconciles(), op.hours()))
              + " |");
      for (Cause cause : Cause.values()) {
        w.write(" " + c.causes().getOrDefault(cause, 0) + " |");
      }
      w.write("\n");
    }

    w.write(
        "\n## What wake-ups did\n\n| trigger | reconciles | API reads | API writes | wrote nothing"
            + " | errors |\n|---|---:|---:|---:|---:|---:|\n");
    String[] labels = {"event", "timer"};
    for (int i = 0; i < 2; i++) {
      WakeupStats s = stats[i];
      w.write(
          "| "
              + labels[i]
              + " | "
              + s.reconciles
              + " | "
              + s.reads
              + " | "
              + s.writes
              + " | "
              + (ev.apiCalls() ? s.wroteNothingCell() : "n/a")
              + " | "
              + s.errors
              + " |\n");
    }
    WakeupStats timer = stats[1];
    if (!timer.writtenTargets.isEmpty()) {
      w.write(
          "\nResources written by timer-driven reconciles:\n\n| target | writes |\n|---|---:|\n");
      for (Map.Entry<String, Integer> e : timer.writtenTargets.entrySet()) {
        w.write("| " + Names.markdown(e.getKey()) + " | " + e.getValue() + " |\n");
      }
    }
    w.write("\n### Timer-driven reconciles that wrote\n\n");
    if (!ev.apiCalls()) {
      w.write("Not recorded: the input has no API calls.\n");
    } else if (timer.writers.isEmpty()) {
      w.write("None: every timer-driven reconcile only read.\n");
    } else {
      w.write(
          "These are the wake-ups the timer is really needed for"
              + (timer.writers.size() > MAX_LISTED
                  ? " (first " + MAX_LISTED + " of " + timer.writers.size() + ")"
                  : "")
              + ".\n\n"
              + "| start | controller | object | writes | targets |\n|---|---|---|---:|---|\n");
      for (ClassifiedReconcile cr :
          timer.writers.subList(0, Math.min(MAX_LISTED, timer.writers.size()))) {
        Reconcile r = cr.reconcile();
        w.write(
            "| "
                + Instant.ofEpochSecond(0, r.startNanos())
                + " | "
                + Names.markdown(r.key().controller())
                + " | "
                + Names.markdown(r.key().object())
                + " | "
                + r.calls().writes()
                + " | "
                + Names.markdown(String.join(" ", r.calls().writeTargets()))
                + " |\n");
      }
    }

    w.write(
        "\n## Objects\n\n| controller | object | reconciles | timer-driven | verdict | timers "
            + "|\n|---|---|---:|---:|---|---|\n");
    for (StreamResult s : analysis.streams()) {
      if (!s.key().operator().equals(op.operator())) {
        continue;
      }
      List<String> ts = new ArrayList<>();
      for (TimerFinding t : s.timers()) {
        ts.add(ev.timer(t));
      }
      w.write(
          "| "
              + Names.markdown(s.key().controller())
              + " | "
              + Names.markdown(s.key().object())
              + " | "
              + s.reconciles()
              + " | "
              + s.timerDriven()
              + " | "
              + (s.insufficientData() ? "insufficient data" : s.verdict().label())
              + " | "
              + (ts.isEmpty() ? "none" : String.join(", ", ts))
              + " |\n");
    }

    writeUnload(unload, analysis, w);

    w.write("\n## Method and parameters\n\n");
    w.write(
        "Gaps are measured from the end of one reconcile to the start of the next, per object; "
            + "a timer that starts when Reconcile returns (RequeueAfter) piles its gaps up at its delay "
            + "whatever the reconcile's duration. Evidence in the trace (kube-rs `object.reason`, "
            + "`--events`, error status) overrides timing.\n\n");
    for (Map.Entry<String, Object> e : analysis.parameters().asMap().entrySet()) {
      w.write("- `" + e.getKey() + "`: " + e.getValue() + "\n");
    }
  }

  /**
   * "What unloading would save": the unload model at the default unload-after times, as observed
   * and without the timer-driven reconciles.
   */
  static void writeUnload(UnloadTable table, Analysis analysis, Writer w) throws IOException {
    List<OperatorUnload> rows = table.idle();
    w.write("\n## What unloading would save\n\n");
    w.write(
        "If a runtime unloaded this operator once it had been idle for T and reloaded it on its "
            + "next reconcile, over the observed window of "
            + Format.duration(analysis.hours() * 3600)
            + ":\n\n");
    w.write(
        "| unload after | reloads | without timers | reloads avoided | unloaded | without timers "
            + "| unloaded time gained |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    for (OperatorUnload u : rows) {
      UnloadResult o = u.observed();
      UnloadResult x = u.withoutTimers();
      w.write(
          "| "
              + Format.duration(u.unloadAfterNanos() / 1e9)
              + " | "
              + o.reloads()
              + " ("
              + rate(o.reloadsPerHour())
              + "/h) | "
              + x.reloads()
              + " ("
              + rate(x.reloadsPerHour())
              + "/h) | "
              + u.reloadsAvoided()
              + " | "
              + Format.percent(o.unloadedShare())
              + " | "
              + Format.percent(x.unloadedShare())
              + " | "
              + Format.duration(u.unloadedGainedNanos() / 1e9)
              + " |\n");
    }
    w.write(
        "\nModel: the operator is busy while any of its reconciles runs (all controllers and "
            + "objects merged, overlaps included) and is unloaded once idle for T; the next reconcile "
            + "reloads it. At the start of the window it is loaded and its idle clock starts; idle time "
            + "at the end unloads it but counts no reload. \"Without timers\" removes the timer-driven "
            + "reconciles and keeps the event-driven ones where they ran; a negative number of reloads "
            + "avoided means the timer kept the operator loaded between events.\n");
    writePredictive(table.predictive(), w);
  }

  /** The predictive policy's rows, one per reload lead: the reload latency it would hide. */
  private static void writePredictive(List<PredictiveResult> rows, Writer w) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    w.write(
        "\nPredictive: unloaded as soon as no reconcile runs, reloaded a lead time L before each "
            + "predicted timer wake-up:\n\n"
            + "| reload lead L | reloads | timer wake-ups hidden | events hidden | preloads "
            + "| unloaded |\n|---:|---:|---:|---:|---:|---:|\n");
    for (PredictiveResult p : rows) {
      w.write(
          "| "
              + Format.duration(p.reloadLeadNanos() / 1e9)
              + " | "
              + p.reloads()
              + " ("
              + rate(p.reloadsPerHour())
              + "/h) | "
              + p.timerHidden()
              + " of "
              + p.timerWakeups()
              + " ("
              + Format.percent(p.timerHiddenShare())
              + ") | "
              + p.eventHidden()
              + " of "
              + p.eventWakeups()
              + " | "
              + p.preloads()
              + " | "
              + Format.percent(p.unloadedShare())
              + " |\n");
    }
    w.write(
        "\nA wake-up whose reload is hidden found the operator already loaded (preloaded for a "
            + "predicted wake-up, or another reconcile running); the others pay the reload "
            + "latency. Each object's next timer wake-up is predicted from the timers found on it, "
            + "as the live server predicts it; a preload lasts until the object's next reconcile or "
            + "the end of the prediction's interval.\n");
  }

  private static void writeCharts(List<Figure> figures, Writer w) throws IOException {
    if (figures.isEmpty()) {
      return;
    }
    w.write("## Charts\n\n");
    for (Figure f : figures) {
      String title = Names.markdown(f.title());
      w.write(
          "### "
              + title
              + "\n\n!["
              + title
              + "]("
              + f.id()
              + ".svg)\n\n"
              // our own words: no name from the trace
              + (f.note().isEmpty() ? "" : f.note() + "\n\n"));
    }
  }

  private static String queue(Queue q) {
    return switch (q) {
      case RESET -> "restarts";
      case EARLIEST -> "keeps deadline";
      case NOT_APPLICABLE -> "n/a";
    };
  }

  /** The timer's active ranges, overlapping ones (from several objects) merged, by start. */
  private static List<long[]> merged(TimerFinding t) {
    List<long[]> rs = new ArrayList<>();
    for (var r : t.activeRanges()) {
      rs.add(new long[] {r.startNanos(), r.endNanos()});
    }
    rs.sort((x, y) -> Long.compare(x[0], y[0]));
    List<long[]> out = new ArrayList<>();
    for (long[] r : rs) {
      if (!out.isEmpty() && r[0] <= out.get(out.size() - 1)[1]) {
        long[] last = out.get(out.size() - 1);
        last[1] = Math.max(last[1], r[1]);
      } else {
        out.add(r);
      }
    }
    return out;
  }

  /** True when the timer's active ranges, merged, span (nearly) the whole observed window. */
  private static boolean coversWindow(TimerFinding t, Analysis a) {
    List<long[]> rs = merged(t);
    if (rs.size() != 1) {
      return false;
    }
    long slack = Math.max(1, (a.windowEndNanos() - a.windowStartNanos()) / 20);
    long[] r = rs.get(0);
    return r[0] - a.windowStartNanos() <= slack && a.windowEndNanos() - r[1] <= slack;
  }

  /** When the timer was active (merged ranges, time since the start of the trace). */
  private static String active(TimerFinding t, Analysis a) {
    List<long[]> rs = merged(t);
    List<String> out = new ArrayList<>();
    for (long[] r : rs) {
      if (out.size() == 4) {
        out.add("… (" + rs.size() + " ranges)");
        break;
      }
      out.add(
          Format.duration(Math.max(0, r[0] - a.windowStartNanos()) / 1e9)
              + "–"
              + Format.duration(Math.max(0, r[1] - a.windowStartNanos()) / 1e9));
    }
    return String.join(", ", out);
  }

  /** One sentence saying, in plain words, how a controller wakes up. */
  static String sentence(ControllerResult c, List<ClassifiedReconcile> mine) {
    String name = "`" + Names.code(c.controller()) + "`";
    if (c.timers().isEmpty()) {
      if (c.insufficientDataObjects() == c.objects() && c.objects() == 1) {
        return name
            + " has too few reconciles ("
            + c.reconciles()
            + ") to tell whether a timer "
            + "drives it (insufficient data).";
      }
      if (c.insufficientDataObjects() == c.objects()) {
        // thousands of reconciles are not "too few": each object's are
        return name
            + ": no timer found in its "
            + c.reconciles()
            + " reconciles, but each of its "
            + Numbers.count(c.objects(), "object")
            + " has too few alone to rule out a timer of its own (insufficient data).";
      }
      return name
          + " is event-driven: no timer found in its "
          + c.reconciles()
          + " reconciles on "
          + Numbers.count(c.objects(), "object")
          + (c.timerDriven() > 0 ? " (" + c.timerDriven() + " were retries after errors)." : ".");
    }
    InputEvidence ev = InputEvidence.of(mine);
    TimerFinding main = null;
    for (TimerFinding t : c.timers()) {
      boolean better =
          main == null
              || (InputEvidence.external(main) && !InputEvidence.external(t))
              || (InputEvidence.external(main) == InputEvidence.external(t)
                  && t.reconciles() > main.reconciles());
      if (better) {
        main = t;
      }
    }
    int timerWroteNothing = 0;
    int timer = 0;
    int timerRecorded = 0;
    for (ClassifiedReconcile cr : mine) {
      if (cr.reconcile().key().controller().equals(c.controller())
          && cr.classification().trigger() == io.github.wakeupanalyze.model.Trigger.TIMER) {
        timer++;
        if (cr.reconcile().calls().recorded()) {
          timerRecorded++;
          if (cr.reconcile().calls().writes() == 0) {
            timerWroteNothing++;
          }
        }
      }
    }
    String shares =
        Format.percent(Format.share(c.timerDriven(), c.reconciles()))
            + " of its "
            + c.reconciles()
            + " reconciles are timer-driven";
    String wrote =
        timer == 0
            ? "."
            : ev.apiCalls() && timerRecorded > 0
                ? "; "
                    + Format.percent(Format.share(timerWroteNothing, timerRecorded))
                    + (timerRecorded < timer
                        ? " of the " + timerRecorded + " of those whose calls were recorded"
                        : " of those")
                    + " wrote nothing."
                : "; whether they wrote anything is not recorded (the input has no API calls).";
    if (InputEvidence.external(main)) {
      return name
          + " follows periodic external changes every "
          + Format.duration(ev.endTimes() ? main.delaySeconds() : main.periodSeconds())
          + (ev.endTimes() ? "" : " (start to start)")
          + " on "
          + Numbers.count(main.objects(), "object")
          + ", not a timer of its own; "
          + shares
          + wrote;
    }
    String every =
        ev.endTimes()
            ? Format.duration(main.delaySeconds())
                + (main.queue() == Queue.EARLIEST
                    ? " after each timer-driven reconcile on "
                    : " after each reconcile on ")
            : Format.duration(main.periodSeconds())
                + " from start to start (the input has no end times, so no RequeueAfter delay) on ";
    return name
        + " wakes every "
        + every
        + Numbers.count(main.objects(), "object")
        + "; "
        + shares
        + wrote;
  }

  private static String rate(double perHour) {
    return Double.isNaN(perHour) ? "n/a" : Format.fixed(perHour, 1);
  }
}
