package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.text.Names;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Traces and records of every reconcile (operator logs) in one run: joins each stream's two records
 * ({@link RecordMerge}) and says in the warnings what it did, and where the two records of one
 * operator could not meet because they name it differently.
 *
 * <p>Streams meet by their key (operator, controller, object). Where a log and a trace of one
 * operator name the controller differently (a kube-rs log names it by the object's kind, its trace
 * by the tracer's scope), the object still names the stream: a log stream and a trace stream left
 * alone, the only two of their operator and object, are joined under the trace's key when {@link
 * #sameRun} holds.
 *
 * <p>A log read without {@code kubectl logs --prefix} takes its operator's name from the file; the
 * trace names it by {@code service.name}. The same reconciles then sit in two operators' streams,
 * and count twice; when streams of one object coincide by {@link #sameRun}, a warning names the
 * {@code --operator} that makes them one.
 */
final class TwoRecords {
  private final BitSet complete;
  private long merged;
  private long traceOnly;
  private int joinedByObject;
  private final TreeSet<String> apart = new TreeSet<>();

  /**
   * @param complete the sources (input indexes) that record every reconcile
   */
  TwoRecords(BitSet complete) {
    this.complete = complete;
  }

  /**
   * Every stream with each reconcile of both records once.
   *
   * @param streams by key, each in stream order
   * @return by key, each in stream order; a stream joined by its object has the trace's key
   */
  TreeMap<StreamKey, List<Reconcile>> merge(TreeMap<StreamKey, List<Reconcile>> streams) {
    TreeMap<StreamKey, List<Reconcile>> out = new TreeMap<>();
    // streams of one record kind, by operator and object: [logs, traces]
    Map<List<String>, List<List<List<Reconcile>>>> alone = new TreeMap<>(KEYS);
    for (var e : streams.entrySet()) {
      RecordMerge.Stream m = RecordMerge.of(e.getValue(), complete);
      merged += m.merged();
      traceOnly += m.traceOnly();
      if (m.merged() == 0 && m.traceOnly() == 0) {
        Reconcile r = e.getValue().get(0);
        alone
            .computeIfAbsent(
                List.of(r.key().operator(), r.key().object()),
                k -> List.of(new ArrayList<>(), new ArrayList<>()))
            .get(complete.get(r.source()) ? 0 : 1)
            .add(e.getValue());
      }
      out.put(e.getKey(), m.reconciles());
    }
    for (List<List<List<Reconcile>>> pair : alone.values()) {
      if (pair.get(0).size() == 1 && pair.get(1).size() == 1) {
        List<Reconcile> logged = pair.get(0).get(0);
        List<Reconcile> traced = pair.get(1).get(0);
        if (sameRun(traced, logged)) {
          StreamKey key = traced.get(0).key();
          List<Reconcile> both = new ArrayList<>(traced);
          for (Reconcile r : logged) {
            both.add(r.withKey(key));
          }
          both.sort(Reconcile.IN_STREAM);
          RecordMerge.Stream m = RecordMerge.of(both, complete);
          merged += m.merged();
          traceOnly += m.traceOnly();
          joinedByObject++;
          out.remove(logged.get(0).key());
          out.put(key, m.reconciles());
        }
      }
    }
    noteApart(out);
    return out;
  }

  /**
   * Operators of a log and of a trace whose streams of one object coincide (whatever each names the
   * controller).
   */
  private void noteApart(TreeMap<StreamKey, List<Reconcile>> streams) {
    Map<List<String>, List<List<Reconcile>>> logged = new TreeMap<>(KEYS);
    for (List<Reconcile> s : streams.values()) {
      Reconcile r = s.get(0);
      if (complete.get(r.source()) && complete.get(s.get(s.size() - 1).source())) {
        logged.computeIfAbsent(List.of(r.key().object()), k -> new ArrayList<>()).add(s);
      }
    }
    for (List<Reconcile> traced : streams.values()) {
      StreamKey t = traced.get(0).key();
      if (complete.get(traced.get(0).source())) {
        continue;
      }
      for (List<Reconcile> log : logged.getOrDefault(List.of(t.object()), List.of())) {
        String logOp = log.get(0).key().operator();
        if (!logOp.equals(t.operator()) && sameRun(traced, log)) {
          apart.add(
              "operator "
                  + Names.printable(logOp)
                  + " (from a log) and operator "
                  + Names.printable(t.operator())
                  + " (from a trace) reconcile the same objects at the same times: one operator,"
                  + " its reconciles counted twice; give --operator "
                  + Names.printable(t.operator())
                  + " to read the log as the trace's operator");
        }
      }
    }
  }

  private static final java.util.Comparator<List<String>> KEYS =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = a.get(i).compareTo(b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

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
    if (joinedByObject > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%,d streams of a log name their controller otherwise than the trace (a kube-rs log"
                  + " names it by the kind): joined by operator and object, under the trace's name",
              joinedByObject));
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
