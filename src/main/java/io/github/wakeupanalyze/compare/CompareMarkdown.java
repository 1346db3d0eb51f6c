package io.github.wakeupanalyze.compare;

import io.github.wakeupanalyze.compare.Comparison.ControllerDiff;
import io.github.wakeupanalyze.compare.Comparison.OperatorDiff;
import io.github.wakeupanalyze.compare.Comparison.RuleResult;
import io.github.wakeupanalyze.compare.Comparison.Status;
import io.github.wakeupanalyze.compare.Comparison.TimerDiff;
import io.github.wakeupanalyze.compare.Comparison.UnloadDiff;
import io.github.wakeupanalyze.text.Names;
import io.github.wakeupanalyze.text.Numbers;
import io.github.wakeupanalyze.text.TextTable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code compare.md}: the verdict first, then thresholds, operators, timers, controllers and the
 * unload model, as GitHub-flavoured Markdown for a CI job summary or a pull-request comment. Every
 * name from a trace is escaped.
 */
public final class CompareMarkdown {
  private static final List<Metric> OPERATOR_COLUMNS =
      List.of(
          Metric.WAKEUPS_PER_HOUR,
          Metric.TIMER_WAKEUPS_PER_HOUR,
          Metric.TIMER_SHARE,
          Metric.TIMERS,
          Metric.WRITES_PER_WAKEUP,
          Metric.ERROR_SHARE);
  private static final List<Metric> CONTROLLER_COLUMNS = Metric.CONTROLLER_COLUMNS;
  private static final List<Metric> UNLOAD_COLUMNS =
      List.of(
          Metric.RELOADS_PER_HOUR,
          Metric.UNLOADED_SHARE,
          Metric.RELOADS_PER_HOUR_WITHOUT_TIMERS,
          Metric.UNLOADED_SHARE_WITHOUT_TIMERS);

  private CompareMarkdown() {}

  public static void write(Comparison c, Writer w) throws IOException {
    w.write("# wakeup-analyze compare: " + verdictWord(c) + "\n\n");
    w.write(verdictSentence(c) + "\n\n");
    table(
        w,
        List.of(
            new String[] {"", "baseline", "candidate"},
            new String[] {
              "source",
              "`" + code(c.baseline().source()) + "`",
              "`" + code(c.candidate().source()) + "`"
            },
            new String[] {"read as", c.baseline().kind().label(), c.candidate().kind().label()},
            new String[] {
              "observed window",
              Fmt.duration(c.baseline().windowNanos() / 1e9),
              Fmt.duration(c.candidate().windowNanos() / 1e9)
            },
            new String[] {
              "operators",
              Integer.toString(c.baseline().operators().size()),
              Integer.toString(c.candidate().operators().size())
            }));
    w.write("\n");

    if (!c.results().isEmpty()) {
      w.write("## Thresholds\n\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"result", "rule", "subject", "values"});
      for (RuleResult r : c.results()) {
        String status =
            r.status() == Status.FAIL ? "**FAIL**" : r.status().label().toUpperCase(Locale.ROOT);
        rows.add(
            new String[] {
              status, "`" + r.rule().text() + "`", Names.markdown(r.subject()), r.detail()
            });
      }
      table(w, rows);
      w.write("\n");
    }

    w.write("## Operators\n\nEach cell: baseline → candidate (difference, relative change).\n\n");
    List<String[]> operators = new ArrayList<>();
    operators.add(header(OPERATOR_COLUMNS, "operator", "status"));
    for (OperatorDiff o : c.operators()) {
      operators.add(
          row(OPERATOR_COLUMNS, o.metrics(), Names.markdown(o.operator()), o.presence().label()));
    }
    table(w, operators);
    boolean anySampled = false;
    for (OperatorDiff o : c.operators()) {
      if (!o.sampling().note().isEmpty()) {
        w.write(
            (anySampled ? "" : "\n")
                + "- "
                + Names.markdown(o.operator())
                + ": "
                + Names.markdown(o.sampling().note())
                + "\n");
        anySampled = true;
      }
    }

    w.write(
        "\n## Timers\n\nTimers match when their delays agree within "
            + c.options().tolerance()
            + ".\n\n");
    List<String[]> timers = new ArrayList<>();
    timers.add(
        new String[] {
          "operator", "controller", "status", "delay", "jitter", "period", "reconciles"
        });
    for (OperatorDiff o : c.operators()) {
      for (ControllerDiff cd : o.controllers()) {
        for (TimerDiff t : cd.timers()) {
          timers.add(
              new String[] {
                Names.markdown(o.operator()),
                Names.markdown(cd.controller()),
                t.baseline() == null || t.candidate() == null
                    ? "**" + t.status() + "**"
                    : t.status(),
                pair(t, TimerSnapshot::described),
                pair(t, x -> Fmt.duration(x.jitterSeconds())),
                pair(t, x -> Fmt.duration(x.periodSeconds())),
                pair(t, x -> Integer.toString(x.reconciles()))
              });
        }
      }
    }
    if (timers.size() > 1) {
      table(w, timers);
      w.write("\n");
    } else {
      w.write("No timer on either side.\n\n");
    }

    w.write("## Controllers\n\n");
    List<String[]> controllers = new ArrayList<>();
    controllers.add(header(CONTROLLER_COLUMNS, "operator", "controller", "status"));
    for (OperatorDiff o : c.operators()) {
      for (ControllerDiff cd : o.controllers()) {
        controllers.add(
            row(
                CONTROLLER_COLUMNS,
                cd.metrics(),
                Names.markdown(o.operator()),
                Names.markdown(cd.controller()),
                cd.presence().label()));
      }
    }
    table(w, controllers);

    w.write("\n## What unloading would save\n\n");
    w.write(
        "A runtime that unloads an idle operator after T and reloads it on its next reconcile: "
            + "reloads per hour and the share of the window spent unloaded, as observed and without "
            + "the timer-driven reconciles (event-driven ones kept where they ran).\n\n");
    List<String[]> unload = new ArrayList<>();
    unload.add(header(UNLOAD_COLUMNS, "operator", "unload after"));
    for (OperatorDiff o : c.operators()) {
      for (UnloadDiff u : o.unload()) {
        unload.add(
            row(
                UNLOAD_COLUMNS,
                u.metrics(),
                Names.markdown(o.operator()),
                Fmt.duration(u.unloadAfterNanos() / 1e9)));
      }
    }
    table(w, unload);
    w.write(
        "\nModel: busy while any reconcile of the operator runs (controllers and objects "
            + "merged); unloaded once idle for T; each reconcile that finds it unloaded is a reload. "
            + "Loaded at the start of each window with its idle clock starting; idle time at the end "
            + "unloads it but counts no reload. n/a: the side is a summary.json without that "
            + "unload-after time, or lacks the operator.\n\n");

    w.write("## Method\n\n");
    w.write(
        "- Rates are per hour of each side's own observed window, so traces of different "
            + "lengths compare fairly.\n");
    w.write(
        "- Operators match by name, controllers by (operator, controller), timers by delay "
            + "within "
            + c.options().tolerance()
            + " (closest first); a matched timer is *changed* when "
            + "its delay or jitter moved by more than 1 ms and 1 % of its delay.\n");
    w.write(
        "- Thresholds apply to operators on both sides (`new-timer`: to every candidate "
            + "timer); a value missing on one side skips the threshold for that subject; a "
            + "threshold that finds nothing to check "
            + (c.options().allowMissing() ? "is skipped (--allow-missing)" : "fails")
            + ".\n");
  }

  static String verdictWord(Comparison c) {
    return c.options().rules().isEmpty() ? "report only" : c.regressed() ? "FAIL" : "PASS";
  }

  static String verdictSentence(Comparison c) {
    if (c.options().rules().isEmpty()) {
      return "No thresholds given (`--fail-on`): this is a report, not a gate.";
    }
    long failed = c.results().stream().filter(r -> r.status() == Status.FAIL).count();
    long passed = c.results().stream().filter(r -> r.status() == Status.PASS).count();
    long skipped = c.results().stream().filter(r -> r.status() == Status.SKIPPED).count();
    String rules = Numbers.count(c.options().rules().size(), "threshold");
    return (failed > 0
            ? "**Regression**: "
                + failed
                + " of "
                + Numbers.count(failed + passed, "check")
                + " failed ("
                + rules
                + ")."
            : "**No regression**: " + Numbers.count(passed, "check") + " passed (" + rules + ").")
        + (skipped > 0 ? " " + skipped + " skipped (nothing to check on one side)." : "");
  }

  private static void table(Writer w, List<String[]> rows) throws IOException {
    for (String line : TextTable.markdown(rows)) {
      w.write(line + "\n");
    }
  }

  /** The first cells, then one column per metric, named as on the command line. */
  private static String[] header(List<Metric> metrics, String... first) {
    List<String> cells = new ArrayList<>(List.of(first));
    metrics.forEach(m -> cells.add(m.cliName()));
    return cells.toArray(String[]::new);
  }

  /** The first cells (already Markdown-safe), then each metric's change as a cell. */
  private static String[] row(List<Metric> metrics, Map<Metric, Change> values, String... first) {
    List<String> cells = new ArrayList<>(List.of(first));
    metrics.forEach(m -> cells.add(Fmt.cell(m, values.get(m))));
    return cells.toArray(String[]::new);
  }

  private static String pair(TimerDiff t, Function<TimerSnapshot, String> f) {
    String b = t.baseline() == null ? "—" : f.apply(t.baseline());
    String c = t.candidate() == null ? "—" : f.apply(t.candidate());
    return b.equals(c) && t.baseline() != null && t.candidate() != null ? b : b + " → " + c;
  }

  /** Inside backticks only a backtick or a pipe could break out. */
  private static String code(String s) {
    return Names.printable(s).replace("`", "'").replace("|", "\\|");
  }
}
