package io.github.wakeupanalyze.sources;

import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.analyze.TimerSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Matches a timer found in traces to the call sites that can have set it.
 *
 * <p>Rules:
 *
 * <ol>
 *   <li>The site's mechanism fits the timer's source: a requeue timer comes from {@code
 *       requeue-after}; an error retry from {@code backoff} or an error-path {@code requeue-after};
 *       a resync from {@code resync} or {@code reconcile-all}; a timer of unknown source from any
 *       of {@code requeue-after}, {@code resync}, {@code reconcile-all}.
 *   <li>The delay fits: the site's resolved delay lies in the timer's window (or within 10 % + 50
 *       ms of its delay when no window is given); a {@code backoff} site fits when its first delay
 *       times 2^k (k = 0..20) does, since rate limiters double per failure.
 *   <li>The controller fits best when a name of the site ({@link CallSite#aliases}) equals the
 *       timer's controller after lower-casing and dropping everything but letters and digits; then
 *       for manager-wide sites (they apply to every controller); then when one name contains the
 *       other (names of 4 characters or more). Only the best fit is kept.
 * </ol>
 *
 * <p>Sites fitting delay and controller win ({@link Basis#DELAY_AND_CONTROLLER}); without any, the
 * sites fitting the delay alone ({@link Basis#DELAY}); without any, the sites of that controller
 * whose delay a run-time input overrides ({@link Basis#OVERRIDABLE}: the trace shows another delay
 * than the default, e.g. RECONCILE_INTERVAL was set). Within a basis, closer delays come first,
 * then file and line.
 */
public final class TimerMatcher {
  private static final double REL_TOLERANCE = 0.10;
  private static final double ABS_TOLERANCE_S = 0.05;

  /** Why sites were matched. */
  public enum Basis {
    DELAY_AND_CONTROLLER("delay and controller"),
    DELAY("delay only"),
    OVERRIDABLE("controller; delay set at run time"),
    NONE("no match");

    private final String label;

    Basis(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The sites matched to a timer (best first; empty with {@link Basis#NONE}). */
  public record Link(List<CallSite> sites, Basis basis) {
    public Link {
      sites = List.copyOf(sites);
    }

    /** {@code psmdb_controller.go:290}, or the first two and a count; empty when none. */
    public String places() {
      if (sites.isEmpty()) {
        return "";
      }
      StringBuilder sb = new StringBuilder(sites.get(0).shortPlace());
      if (sites.size() > 1) {
        sb.append(", ").append(sites.get(1).shortPlace());
      }
      if (sites.size() > 2) {
        sb.append(" (+").append(sites.size() - 2).append(')');
      }
      return sb.toString();
    }
  }

  private TimerMatcher() {}

  /** The call sites (product code only) that fit a timer the analysis found in a controller. */
  public static Link match(String controller, TimerFinding t, List<CallSite> sites) {
    List<CallSite> both = new ArrayList<>();
    List<CallSite> delayOnly = new ArrayList<>();
    List<CallSite> overridable = new ArrayList<>();
    int best = 1;
    for (CallSite s : sites) {
      if (s.test() || !mechanismFits(t.source(), s)) {
        continue;
      }
      int score = controllerScore(controller, s);
      if (delayFits(t, s)) {
        if (score > best) {
          both.clear();
          best = score;
        }
        (score == best ? both : score == 0 ? delayOnly : new ArrayList<CallSite>()).add(s);
      } else if (score > 0 && !s.delay().input().isEmpty()) {
        overridable.add(s);
      }
    }
    Comparator<CallSite> order =
        Comparator.comparingDouble((CallSite s) -> distance(t, s)).thenComparing(CallSite.ORDER);
    for (List<CallSite> l : List.of(both, delayOnly, overridable)) {
      l.sort(order);
    }
    if (!both.isEmpty()) {
      return new Link(both, Basis.DELAY_AND_CONTROLLER);
    }
    if (!delayOnly.isEmpty()) {
      return new Link(delayOnly, Basis.DELAY);
    }
    if (!overridable.isEmpty()) {
      return new Link(overridable, Basis.OVERRIDABLE);
    }
    return new Link(List.of(), Basis.NONE);
  }

  static boolean mechanismFits(TimerSource source, CallSite s) {
    Set<Mechanism> ok =
        switch (source) {
          case REQUEUE -> Set.of(Mechanism.REQUEUE_AFTER);
          case ERROR_RETRY -> Set.of(Mechanism.BACKOFF, Mechanism.REQUEUE_AFTER);
          case RESYNC -> Set.of(Mechanism.RESYNC, Mechanism.RECONCILE_ALL);
          case EXTERNAL_PERIODIC ->
              Set.of(Mechanism.REQUEUE_AFTER, Mechanism.RESYNC, Mechanism.RECONCILE_ALL);
        };
    if (source == TimerSource.ERROR_RETRY
        && s.mechanism() == Mechanism.REQUEUE_AFTER
        && s.kind() != SiteKind.ERROR) {
      return false;
    }
    return ok.contains(s.mechanism());
  }

  static boolean delayFits(TimerFinding t, CallSite s) {
    if (s.delay().nanos().isEmpty()) {
      return false;
    }
    double d = s.delay().seconds();
    if (s.mechanism() == Mechanism.BACKOFF) {
      for (int k = 0; k <= 20; k++) {
        if (inWindow(t, d * Math.pow(2, k))) {
          return true;
        }
      }
      return false;
    }
    return inWindow(t, d);
  }

  private static boolean inWindow(TimerFinding t, double d) {
    boolean window =
        !Double.isNaN(t.windowLowSeconds())
            && !Double.isNaN(t.windowHighSeconds())
            && d >= t.windowLowSeconds()
            && d <= t.windowHighSeconds();
    return window
        || Math.abs(d - t.delaySeconds()) <= REL_TOLERANCE * t.delaySeconds() + ABS_TOLERANCE_S;
  }

  private static double distance(TimerFinding t, CallSite s) {
    return s.delay().nanos().isEmpty()
        ? Double.MAX_VALUE
        : Math.abs(s.delay().seconds() - t.delaySeconds());
  }

  /**
   * 3 when a name of the site equals the timer's controller (normalized), 2 for a manager-wide
   * site, 1 when one name contains the other, 0 otherwise.
   */
  static int controllerScore(String controller, CallSite s) {
    String c = normalize(controller);
    int score = s.controller().equals("(manager)") ? 2 : 0;
    if (c.isEmpty()) {
      return score;
    }
    for (String alias : s.aliases()) {
      String a = normalize(alias);
      if (a.equals(c)) {
        return 3;
      }
      boolean longEnough = a.length() >= 4 && c.length() >= 4;
      if (longEnough && (a.contains(c) || c.contains(a))) {
        score = Math.max(score, 1);
      }
    }
    return score;
  }

  /** {@code psmdb-controller} → {@code psmdbcontroller}. */
  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
