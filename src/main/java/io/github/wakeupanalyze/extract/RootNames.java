package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.text.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names of root spans that are no reconcile, counted so that a run which finds no reconcile can
 * say what the trace holds instead: the likeliest fix is a {@code --reconcile-span} naming the
 * operator's root span. At most {@value #MAX_NAMES} names are kept, so memory does not grow with
 * names that carry ids: the space-saving counters of Metwally, Agrawal and El Abbadi ("Efficient
 * computation of frequent and top-k elements in data streams", ICDT 2005). A name not kept replaces
 * the least counted one and takes over its count, remembered as the new name's possible
 * overestimate, so every name seen more often than once in {@value #MAX_NAMES} root spans is kept;
 * a count that may be too high is shown with "≤". Audit-log writes are counted apart.
 */
final class RootNames {
  static final int MAX_NAMES = 64;

  /** How many of the commonest names a warning lists. */
  static final int SHOWN = 5;

  /** Name → {count, possible overestimate}. */
  private final Map<String, long[]> counts = new HashMap<>();

  private long auditWrites;
  private long otherSpans;
  private boolean reconcileSeen;

  /**
   * Counts a span; its name only when it is a root ({@code root}). Once a reconcile span is seen
   * nothing more is counted: the warning is for runs that find none.
   */
  void observe(Span span, boolean reconcile, boolean root) {
    if (reconcileSeen) {
      return;
    }
    if (reconcile) {
      reconcileSeen = true;
      return;
    }
    if (ObjectWrite.AUDIT_SCOPE.equals(span.scope())) {
      auditWrites++;
      return;
    }
    otherSpans++;
    if (!root) {
      return;
    }
    long[] n = counts.get(span.name());
    if (n != null) {
      n[0]++;
    } else if (counts.size() < MAX_NAMES) {
      counts.put(span.name(), new long[] {1, 0});
    } else {
      Map.Entry<String, long[]> least = null;
      for (Map.Entry<String, long[]> e : counts.entrySet()) {
        if (least == null || e.getValue()[0] < least.getValue()[0]) {
          least = e;
        }
      }
      long floor = least.getValue()[0];
      counts.remove(least.getKey());
      counts.put(span.name(), new long[] {floor + 1, floor});
    }
  }

  /**
   * The names kept, commonest first (ties by name): each with {count, possible overestimate}; the
   * true count lies in [count − overestimate, count].
   */
  List<Map.Entry<String, long[]>> commonest() {
    List<Map.Entry<String, long[]>> names = new ArrayList<>(counts.entrySet());
    names.sort(
        (a, b) ->
            a.getValue()[0] != b.getValue()[0]
                ? Long.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
    return names;
  }

  /**
   * The warning for a run of {@code spans} spans that found no reconcile, or null when nothing was
   * read or a span matched the pattern.
   *
   * @param pattern the {@code --reconcile-span} pattern in force
   */
  String noReconcile(long spans, String pattern) {
    if (spans == 0 || reconcileSeen) {
      return null;
    }
    if (otherSpans == 0 && auditWrites > 0) {
      return String.format(
          Locale.ROOT,
          "no reconcile found: only an audit log was read (%,d write%s); its writes are evidence"
              + " for the reconciles of a trace or an operator log given beside it, e.g."
              + " wakeup-analyze trace.json audit.log",
          auditWrites,
          auditWrites == 1 ? "" : "s");
    }
    List<Map.Entry<String, long[]>> names = commonest();
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < Math.min(SHOWN, names.size()); i++) {
      shown
          .append(i == 0 ? "" : ", ")
          .append('"')
          .append(Names.printable(Names.abbreviate(names.get(i).getKey())))
          .append("\" (")
          .append(names.get(i).getValue()[1] > 0 ? "≤" : "")
          .append(String.format(Locale.ROOT, "%,d", names.get(i).getValue()[0]))
          .append(')');
    }
    String commonest = names.isEmpty() ? "" : "; the commonest names of root spans: " + shown;
    return String.format(
        Locale.ROOT,
        "no reconcile found among %,d span%s: no span name matches --reconcile-span %s%s; give"
            + " --reconcile-span REGEX matching the operator's reconcile span",
        spans,
        spans == 1 ? "" : "s",
        Names.printable(pattern),
        commonest);
  }
}
