package io.github.wakeupanalyze.compare;

import io.github.wakeupanalyze.compare.Comparison.ControllerDiff;
import io.github.wakeupanalyze.compare.Comparison.OperatorDiff;
import io.github.wakeupanalyze.compare.Comparison.Options;
import io.github.wakeupanalyze.compare.Comparison.Presence;
import io.github.wakeupanalyze.compare.Comparison.RuleResult;
import io.github.wakeupanalyze.compare.Comparison.Status;
import io.github.wakeupanalyze.compare.Comparison.TimerDiff;
import io.github.wakeupanalyze.compare.Comparison.UnloadDiff;
import io.github.wakeupanalyze.unload.OperatorUnload;
import io.github.wakeupanalyze.unload.UnloadResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Matches two snapshots and applies the rules.
 *
 * <p><b>Matching.</b> Operators by name; controllers by (operator, controller); timers within a
 * matched controller by delay: two timers match when their delays agree within the {@link
 * TimerTolerance}; candidate pairs are taken closest first (ties by baseline delay, then candidate
 * delay), each timer in at most one pair. A matched timer is <em>changed</em> when its delay or
 * jitter moved by more than max({@value #TIMER_CHANGE_FLOOR_S} s, 1 % of the baseline delay).
 *
 * <p><b>Rates.</b> Every rate is per hour of its own side's observed window, so traces of different
 * lengths compare fairly; shares and per-wake-up ratios need no window.
 *
 * <p><b>Rules</b> on operator metrics apply to every operator present on both sides; on unload
 * metrics to every such operator and unload-after time; {@code new-timer} to every candidate timer,
 * in added operators and controllers too. A metric one side lacks (n/a) skips the rule for that
 * subject, and says so; it never fails it.
 */
public final class Comparer {
  static final double TIMER_CHANGE_FLOOR_S = 0.001;

  private Comparer() {}

  public static Comparison compare(Snapshot base, Snapshot cand, Options options) {
    TreeSet<String> names = new TreeSet<>();
    base.operators().forEach(o -> names.add(o.operator()));
    cand.operators().forEach(o -> names.add(o.operator()));
    List<OperatorDiff> ops = new ArrayList<>();
    for (String name : names) {
      OperatorSnapshot ob = find(base, name);
      OperatorSnapshot oc = find(cand, name);
      ops.add(
          new OperatorDiff(
              name,
              presence(ob, oc),
              metrics(counts(ob), base.hours(), counts(oc), cand.hours()),
              controllers(ob, base.hours(), oc, cand.hours(), options.tolerance()),
              unload(ob, oc, options.unloadAfterNanos()),
              new Comparison.SamplingMarks(
                  ob == null ? "" : ob.sampling(), oc == null ? "" : oc.sampling())));
    }
    List<RuleResult> results = new ArrayList<>();
    for (Rule rule : options.rules()) {
      List<RuleResult> r = evaluate(rule, ops);
      boolean checked = r.stream().anyMatch(x -> x.status() != Status.SKIPPED);
      results.addAll(checked ? r : nothingChecked(rule, r, base, cand, options.allowMissing()));
    }
    return new Comparison(base, cand, options, ops, results);
  }

  /**
   * A rule that checked nothing (no operator on both sides, or its metric n/a everywhere) does not
   * pass: it fails, naming what each side has, unless missing subjects are allowed.
   */
  private static List<RuleResult> nothingChecked(
      Rule rule, List<RuleResult> skipped, Snapshot base, Snapshot cand, boolean allowMissing) {
    String subject = "baseline: " + names(base) + "; candidate: " + names(cand);
    String why =
        skipped.size() == 1 && skipped.get(0).change() == null
            ? "no operator on both sides"
            : "n/a on every operator";
    return List.of(
        new RuleResult(
            rule,
            allowMissing ? Status.SKIPPED : Status.FAIL,
            subject,
            null,
            why
                + ": nothing to check"
                + (allowMissing ? " (--allow-missing)" : "; --allow-missing lets it pass")));
  }

  private static String names(Snapshot s) {
    if (s.operators().isEmpty()) {
      return "no operators";
    }
    StringBuilder sb = new StringBuilder();
    for (OperatorSnapshot o : s.operators()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(o.operator());
      if (sb.length() > 200) {
        sb.append(", …");
        break;
      }
    }
    return sb.toString();
  }

  private static OperatorSnapshot find(Snapshot s, String name) {
    for (OperatorSnapshot o : s.operators()) {
      if (o.operator().equals(name)) {
        return o;
      }
    }
    return null;
  }

  private static Presence presence(Object b, Object c) {
    return b == null ? Presence.ADDED : c == null ? Presence.REMOVED : Presence.MATCHED;
  }

  /** The counts behind the metrics; writes and errors are -1 when unknown. */
  record Counts(
      long reconciles, long timerDriven, long writes, long errors, long timers, long recorded) {}

  private static Counts counts(OperatorSnapshot o) {
    return o == null
        ? null
        : new Counts(
            o.reconciles(),
            o.timerDriven(),
            o.apiWrites(),
            o.errors(),
            o.timers(),
            o.callsRecorded());
  }

  private static Counts counts(ControllerSnapshot c) {
    return c == null
        ? null
        : new Counts(
            c.reconciles(),
            c.timerDriven(),
            c.apiWrites(),
            c.errors(),
            c.timers().size(),
            c.callsRecorded());
  }

  static Map<Metric, Change> metrics(Counts b, double hb, Counts c, double hc) {
    Map<Metric, Change> m = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      if (!metric.unload()) {
        m.put(metric, new Change(value(metric, b, hb), value(metric, c, hc)));
      }
    }
    return m;
  }

  static double value(Metric m, Counts k, double hours) {
    if (k == null) {
      return Double.NaN;
    }
    double n = k.reconciles();
    return switch (m) {
      case WAKEUPS_PER_HOUR -> hours > 0 ? n / hours : Double.NaN;
      case TIMER_WAKEUPS_PER_HOUR -> hours > 0 ? k.timerDriven() / hours : Double.NaN;
      case TIMER_SHARE -> n > 0 ? k.timerDriven() / n : Double.NaN;
      case TIMERS -> k.timers();
      // per reconcile whose calls were recorded: an operator's log holds none
      case WRITES_PER_WAKEUP ->
          k.recorded() > 0 && k.writes() >= 0 ? (double) k.writes() / k.recorded() : Double.NaN;
      case ERROR_SHARE -> n > 0 && k.errors() >= 0 ? k.errors() / n : Double.NaN;
      default -> throw new IllegalArgumentException(m + " is not a controller metric");
    };
  }

  private static List<ControllerDiff> controllers(
      OperatorSnapshot ob, double hb, OperatorSnapshot oc, double hc, TimerTolerance tol) {
    TreeSet<String> names = new TreeSet<>();
    if (ob != null) {
      ob.controllers().forEach(c -> names.add(c.controller()));
    }
    if (oc != null) {
      oc.controllers().forEach(c -> names.add(c.controller()));
    }
    List<ControllerDiff> out = new ArrayList<>();
    for (String name : names) {
      ControllerSnapshot cb = ob == null ? null : find(ob, name);
      ControllerSnapshot cc = oc == null ? null : find(oc, name);
      out.add(
          new ControllerDiff(
              name,
              presence(cb, cc),
              metrics(counts(cb), hb, counts(cc), hc),
              timers(
                  cb == null ? List.of() : cb.timers(),
                  cc == null ? List.of() : cc.timers(),
                  tol)));
    }
    return out;
  }

  private static ControllerSnapshot find(OperatorSnapshot o, String name) {
    for (ControllerSnapshot c : o.controllers()) {
      if (c.controller().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** Closest pairs first, each timer in at most one pair; then sorted by delay. */
  static List<TimerDiff> timers(List<TimerSnapshot> b, List<TimerSnapshot> c, TimerTolerance tol) {
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      for (int j = 0; j < c.size(); j++) {
        if (tol.matches(b.get(i).delaySeconds(), c.get(j).delaySeconds())) {
          pairs.add(new int[] {i, j});
        }
      }
    }
    pairs.sort(
        (x, y) -> {
          double dx = Math.abs(b.get(x[0]).delaySeconds() - c.get(x[1]).delaySeconds());
          double dy = Math.abs(b.get(y[0]).delaySeconds() - c.get(y[1]).delaySeconds());
          return dx != dy
              ? Double.compare(dx, dy)
              : x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
        });
    boolean[] usedB = new boolean[b.size()];
    boolean[] usedC = new boolean[c.size()];
    List<TimerDiff> out = new ArrayList<>();
    for (int[] p : pairs) {
      if (!usedB[p[0]] && !usedC[p[1]]) {
        usedB[p[0]] = true;
        usedC[p[1]] = true;
        TimerSnapshot tb = b.get(p[0]);
        TimerSnapshot tc = c.get(p[1]);
        double floor = Math.max(TIMER_CHANGE_FLOOR_S, 0.01 * tb.delaySeconds());
        boolean changed =
            Math.abs(tb.delaySeconds() - tc.delaySeconds()) > floor
                || Math.abs(tb.jitterSeconds() - tc.jitterSeconds()) > floor;
        out.add(new TimerDiff(tb, tc, changed));
      }
    }
    for (int i = 0; i < b.size(); i++) {
      if (!usedB[i]) {
        out.add(new TimerDiff(b.get(i), null, false));
      }
    }
    for (int j = 0; j < c.size(); j++) {
      if (!usedC[j]) {
        out.add(new TimerDiff(null, c.get(j), false));
      }
    }
    out.sort(
        (x, y) -> {
          double dx =
              x.baseline() != null ? x.baseline().delaySeconds() : x.candidate().delaySeconds();
          double dy =
              y.baseline() != null ? y.baseline().delaySeconds() : y.candidate().delaySeconds();
          return dx != dy
              ? Double.compare(dx, dy)
              : Integer.compare(x.baseline() == null ? 1 : 0, y.baseline() == null ? 1 : 0);
        });
    return out;
  }

  private static List<UnloadDiff> unload(OperatorSnapshot ob, OperatorSnapshot oc, List<Long> ts) {
    List<UnloadDiff> out = new ArrayList<>();
    for (long t : ts) {
      OperatorUnload ub = find(ob, t);
      OperatorUnload uc = find(oc, t);
      Map<Metric, Change> m = new EnumMap<>(Metric.class);
      for (Metric metric : Metric.values()) {
        if (metric.unload()) {
          m.put(metric, new Change(value(metric, ub), value(metric, uc)));
        }
      }
      out.add(new UnloadDiff(t, m));
    }
    return out;
  }

  private static OperatorUnload find(OperatorSnapshot o, long t) {
    if (o == null) {
      return null;
    }
    for (OperatorUnload u : o.unload()) {
      if (u.unloadAfterNanos() == t) {
        return u;
      }
    }
    return null;
  }

  static double value(Metric m, OperatorUnload u) {
    if (u == null) {
      return Double.NaN;
    }
    UnloadResult o = u.observed();
    UnloadResult x = u.withoutTimers();
    return switch (m) {
      case RELOADS_PER_HOUR -> o.reloadsPerHour();
      case UNLOADED_SHARE -> o.unloadedShare();
      case RELOADS_PER_HOUR_WITHOUT_TIMERS -> x.reloadsPerHour();
      case UNLOADED_SHARE_WITHOUT_TIMERS -> x.unloadedShare();
      case RELOADS_AVOIDABLE_PER_HOUR -> o.reloadsPerHour() - x.reloadsPerHour();
      case UNLOADED_SHARE_GAINABLE -> x.unloadedShare() - o.unloadedShare();
      default -> throw new IllegalArgumentException(m + " is not an unload metric");
    };
  }

  static List<RuleResult> evaluate(Rule rule, List<OperatorDiff> ops) {
    List<RuleResult> out = new ArrayList<>();
    if (rule.newTimer()) {
      for (OperatorDiff o : ops) {
        for (ControllerDiff c : o.controllers()) {
          for (TimerDiff t : c.timers()) {
            if (t.baseline() == null) {
              TimerSnapshot n = t.candidate();
              out.add(
                  new RuleResult(
                      rule,
                      Status.FAIL,
                      o.operator() + " / " + c.controller(),
                      null,
                      "new "
                          + Fmt.duration(n.delaySeconds())
                          + " timer"
                          + (n.callSite().isEmpty() ? "" : " ← " + n.callSite())
                          + " ("
                          + n.reconciles()
                          + " reconciles on "
                          + n.objects()
                          + (n.objects() == 1 ? " object" : " objects")
                          + ")"));
            }
          }
        }
      }
      boolean anyCandidate = ops.stream().anyMatch(o -> o.presence() != Presence.REMOVED);
      if (out.isEmpty()) {
        out.add(
            anyCandidate
                ? new RuleResult(
                    rule,
                    Status.PASS,
                    "all controllers",
                    null,
                    "every candidate timer matches a baseline timer")
                : new RuleResult(
                    rule, Status.SKIPPED, "no candidate operator", null, "nothing to compare"));
      }
      return out;
    }
    for (OperatorDiff o : ops) {
      if (o.presence() != Presence.MATCHED) {
        continue;
      }
      if (rule.metric().unload()) {
        for (UnloadDiff u : o.unload()) {
          out.add(
              result(
                  rule,
                  o.operator() + ", unload after " + Fmt.duration(u.unloadAfterNanos() / 1e9),
                  u.metrics().get(rule.metric())));
        }
      } else {
        out.add(result(rule, o.operator(), o.metrics().get(rule.metric())));
      }
    }
    if (out.isEmpty()) {
      out.add(
          new RuleResult(
              rule, Status.SKIPPED, "no operator on both sides", null, "nothing to compare"));
    }
    return out;
  }

  private static RuleResult result(Rule rule, String subject, Change c) {
    Metric m = rule.metric();
    String values = Fmt.cell(m, c);
    if (!c.known()) {
      return new RuleResult(rule, Status.SKIPPED, subject, c, values + ": n/a on one side");
    }
    boolean failed = rule.exceeded(c);
    return new RuleResult(
        rule,
        failed ? Status.FAIL : Status.PASS,
        subject,
        c,
        values + (failed ? " exceeds " : " within ") + Fmt.threshold(rule));
  }
}
