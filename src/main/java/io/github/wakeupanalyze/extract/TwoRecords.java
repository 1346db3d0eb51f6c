package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.text.Names;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Traces and records of every reconcile (operator logs) in one run: merges each stream's two
 * records ({@link RecordMerge}) and says in the warnings what it did, and where the two records of
 * one operator could not meet because they name it differently.
 *
 * <p>A log read without {@code kubectl logs --prefix} takes its operator's name from the file; the
 * trace names it by {@code service.name}. The same reconciles then sit in two operators' streams of
 * the same controller and object, and count twice. When a log stream and a trace stream of another
 * operator have the same controller and object and at least half of the trace's reconciles find
 * their log line ({@link RecordMerge}'s rule), the warning names the {@code --operator} that makes
 * them one.
 */
final class TwoRecords {
  private final BitSet complete;
  private long merged;
  private long traceOnly;

  /** Streams of one record kind only, by controller and object, for the cross-operator check. */
  private final Map<List<String>, List<List<Reconcile>>> loggedAlone = new HashMap<>();

  private final Map<List<String>, List<List<Reconcile>>> tracedAlone = new HashMap<>();

  /**
   * @param complete the sources (input indexes) that record every reconcile
   */
  TwoRecords(BitSet complete) {
    this.complete = complete;
  }

  /** One stream, each reconcile of both records once (in stream order). */
  List<Reconcile> merge(List<Reconcile> stream) {
    RecordMerge.Stream m = RecordMerge.of(stream, complete);
    merged += m.merged();
    traceOnly += m.traceOnly();
    if (m.merged() == 0 && m.traceOnly() == 0) {
      boolean logged = complete.get(stream.get(0).source());
      Reconcile r = stream.get(0);
      (logged ? loggedAlone : tracedAlone)
          .computeIfAbsent(List.of(r.key().controller(), r.key().object()), k -> new ArrayList<>())
          .add(stream);
    }
    return m.reconciles();
  }

  /** Reconciles found in both records, counted once. */
  long merged() {
    return merged;
  }

  /** One line each, for the extraction's warnings. */
  List<String> warnings() {
    List<String> out = new ArrayList<>();
    if (merged > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%,d reconciles are both in a trace and in an operator's log: each counted once, with"
                  + " the trace's spans, and as complete as the log",
              merged));
    }
    if (traceOnly > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%,d reconciles of a trace are in no operator's log, though the log has reconciles of"
                  + " their object: the log covers less time, or lost lines; there the trace's own"
                  + " sampling applies",
              traceOnly));
    }
    TreeSet<String> apart = new TreeSet<>();
    loggedAlone.forEach(
        (key, logs) -> {
          for (List<Reconcile> traced : tracedAlone.getOrDefault(key, List.of())) {
            for (List<Reconcile> logged : logs) {
              String traceOp = traced.get(0).key().operator();
              String logOp = logged.get(0).key().operator();
              if (!traceOp.equals(logOp) && sameRun(traced, logged)) {
                apart.add(
                    "operator "
                        + Names.printable(logOp)
                        + " (from a log) and operator "
                        + Names.printable(traceOp)
                        + " (from a trace) reconcile the same objects at the same times: one"
                        + " operator, its reconciles counted twice; give --operator "
                        + Names.printable(traceOp)
                        + " to read the log as the trace's operator");
              }
            }
          }
        });
    out.addAll(apart);
    return out;
  }

  /** At least half of the trace's reconciles (and 3) have their log line in {@code logged}. */
  private boolean sameRun(List<Reconcile> traced, List<Reconcile> logged) {
    List<Reconcile> both = new ArrayList<>(traced.size() + logged.size());
    both.addAll(traced);
    both.addAll(logged);
    both.sort(Reconcile.IN_STREAM);
    int m = RecordMerge.of(both, complete).merged();
    return m >= 3 && 2 * m >= traced.size();
  }
}
