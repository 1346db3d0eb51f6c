package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.ObservedWindow;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.text.Names;
import io.github.wakeupanalyze.text.Numbers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
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
 * <p>A logged operator whose log and trace share reconciles is analyzed over the time its log
 * covers, from its first logged reconcile's start to its last one's end: there the two records
 * together hold every reconcile. The trace's reconciles of that operator outside it are left out,
 * with a warning, rather than read as one stream of two samplings (a log of the last hour beside a
 * two-hour trace at 10 %: one p for the whole stream classified half of the kept timer reconciles
 * as events).
 *
 * <p>Streams meet by their key (operator, controller, object). Where a log and a trace of one
 * operator name the controller differently (a kube-rs log names it by the object's kind, its trace
 * by the tracer's scope), the object still names the stream: a log stream and a trace stream left
 * alone, the only two of their operator and object, are joined under the trace's key when at least
 * half of the trace's reconciles find their line, and the operator's pairs show at least 3 such.
 *
 * <p>A log read without {@code kubectl logs --prefix} takes its operator's name from the file; the
 * trace names it by {@code service.name}. The same reconciles then sit in two operators' streams,
 * and count twice; when streams of one object coincide by {@link #sameRun}, a warning names the
 * {@code --operator} that makes them one.
 */
public final class TwoRecords {
  private final BitSet complete;
  private final Map<Reconcile, Reconcile> logParts;
  private final String operatorAdvice;
  private long merged;
  private long traceOnly;
  private int joinedByObject;
  private final TreeSet<String> apart = new TreeSet<>();

  /** Per operator with a log: the time it covers. */
  private final Map<String, ObservedWindow> covered = new TreeMap<>();

  /** Per operator: reconciles found in both records. */
  private final Map<String, Long> mergedBy = new TreeMap<>();

  /** Operators with a log and a trace in its time that share no reconcile. */
  private final TreeSet<String> unmet = new TreeSet<>();

  /** Per operator with a log: trace reconciles outside the time it covers, left out. */
  private final Map<String, Long> outside = new TreeMap<>();

  /**
   * @param complete the sources (input indexes) that record every reconcile
   */
  public TwoRecords(BitSet complete) {
    this(complete, false, BATCH_ADVICE);
  }

  /** How {@code analyze} names a log's operator as the trace's ({@code %s}: that operator). */
  static final String BATCH_ADVICE = "give --operator %s to read the log as the trace's operator";

  /**
   * @param complete the sources (input indexes) that record every reconcile
   * @param keepLogParts remember each joined reconcile's log part ({@link #logPartOf}): the live
   *     window gives a reconcile its first verdict once, whichever record brought it first
   * @param operatorAdvice how the user makes a log's operator the trace's, a format whose {@code
   *     %s} is the trace's operator
   */
  public TwoRecords(BitSet complete, boolean keepLogParts, String operatorAdvice) {
    this.complete = complete;
    this.operatorAdvice = operatorAdvice;
    this.logParts = keepLogParts ? new IdentityHashMap<>() : null;
  }

  /**
   * The log's reconcile that {@code joined}, a reconcile of {@link #merge}'s result, was made with;
   * null when it is not a join of the two records, or the parts were not kept.
   */
  public Reconcile logPartOf(Reconcile joined) {
    return logParts == null ? null : logParts.get(joined);
  }

  /**
   * Every stream with each reconcile of both records once.
   *
   * @param streams by key, each in stream order
   * @return by key, each in stream order; a stream joined by its object has the trace's key
   */
  public TreeMap<StreamKey, List<Reconcile>> merge(TreeMap<StreamKey, List<Reconcile>> streams) {
    coverage(streams);
    java.util.Set<String> logged = new TreeSet<>(covered.keySet());
    Map<StreamKey, RecordMerge.Stream> first = new java.util.HashMap<>();
    // only an operator whose two records share reconciles is cut to its log's time: a log of
    // another day, or one whose times are off, leaves the trace as it is (and gets a warning)
    covered.keySet().retainAll(meetings(streams, first));
    TreeMap<StreamKey, List<Reconcile>> cut = new TreeMap<>();
    streams.forEach(
        (k, s) -> {
          List<Reconcile> inside = inside(s);
          if (!inside.isEmpty()) {
            cut.put(k, inside);
          }
        });
    TreeMap<StreamKey, List<Reconcile>> out = new TreeMap<>();
    for (var e : cut.entrySet()) {
      // a stream the cut left whole is merged as it was when the meetings were counted
      RecordMerge.Stream m =
          e.getValue() == streams.get(e.getKey())
              ? first.get(e.getKey())
              : RecordMerge.of(e.getValue(), complete, logParts);
      mergedBy.merge(e.getKey().operator(), (long) m.merged(), Long::sum);
      merged += m.merged();
      traceOnly += m.traceOnly();
      out.put(e.getKey(), m.reconciles());
    }
    for (List<List<Reconcile>> pair : pairsByObject(cut)) {
      List<Reconcile> log = pair.get(0);
      List<Reconcile> traced = pair.get(1);
      StreamKey key = traced.get(0).key();
      List<Reconcile> both = new ArrayList<>(traced);
      for (Reconcile r : log) {
        both.add(r.withKey(key));
      }
      both.sort(Reconcile.IN_STREAM);
      RecordMerge.Stream m = RecordMerge.of(both, complete, logParts);
      mergedBy.merge(key.operator(), (long) m.merged(), Long::sum);
      merged += m.merged();
      traceOnly += m.traceOnly();
      joinedByObject++;
      out.remove(log.get(0).key());
      out.put(key, m.reconciles());
    }
    settle(out, logged);
    noteApart(out);
    return out;
  }

  /**
   * The operators whose log and trace share at least one reconcile, in one stream or by object.
   *
   * @param merges receives each stream merged, by key
   */
  private java.util.Set<String> meetings(
      Map<StreamKey, List<Reconcile>> streams, Map<StreamKey, RecordMerge.Stream> merges) {
    java.util.Set<String> meet = new java.util.HashSet<>();
    for (var e : streams.entrySet()) {
      RecordMerge.Stream m = RecordMerge.of(e.getValue(), complete, logParts);
      merges.put(e.getKey(), m);
      if (m.merged() > 0) {
        meet.add(e.getKey().operator());
      }
    }
    for (List<List<Reconcile>> pair : pairsByObject(streams)) {
      meet.add(pair.get(1).get(0).key().operator());
    }
    return meet;
  }

  /**
   * Streams of one record kind each, a log's and a trace's, that are the only two of their operator
   * and object and hold the same run: [log stream, trace stream] each.
   */
  private List<List<List<Reconcile>>> pairsByObject(Map<StreamKey, List<Reconcile>> streams) {
    // by operator and object (the controller left blank): [log streams, trace streams]
    Map<StreamKey, List<List<List<Reconcile>>>> alone = new TreeMap<>();
    for (List<Reconcile> s : streams.values()) {
      Boolean log = logged(s);
      if (log != null) {
        StreamKey k = s.get(0).key();
        alone
            .computeIfAbsent(
                new StreamKey(k.operator(), "", k.object()),
                x -> List.of(new ArrayList<>(), new ArrayList<>()))
            .get(log ? 0 : 1)
            .add(s);
      }
    }
    // a pair holds when at least half of its trace's reconciles find their line; an operator's
    // pairs are taken together when they hold, with at least 3 such reconciles among them: a
    // sampled object may keep only one or two, which alone could meet a line by chance
    Map<String, List<List<List<Reconcile>>>> candidates = new TreeMap<>();
    Map<String, Integer> evidence = new TreeMap<>();
    for (var e : alone.entrySet()) {
      List<List<List<Reconcile>>> kinds = e.getValue();
      if (kinds.get(0).size() == 1 && kinds.get(1).size() == 1) {
        List<Reconcile> traced = kinds.get(1).get(0);
        int m = meeting(traced, kinds.get(0).get(0));
        if (m >= 1 && 2 * m >= traced.size()) {
          String op = e.getKey().operator();
          candidates
              .computeIfAbsent(op, k -> new ArrayList<>())
              .add(List.of(kinds.get(0).get(0), traced));
          evidence.merge(op, m, Integer::sum);
        }
      }
    }
    List<List<List<Reconcile>>> pairs = new ArrayList<>();
    candidates.forEach(
        (op, ps) -> {
          if (evidence.get(op) >= 3) {
            pairs.addAll(ps);
          }
        });
    return pairs;
  }

  /**
   * In an operator with both records, a stream only its log has is complete too (probability 1, not
   * left to inference beside the trace's stated sampling); an operator whose two records share no
   * reconcile gets a warning: they name its streams otherwise, and both are counted.
   */
  private void settle(TreeMap<StreamKey, List<Reconcile>> streams, java.util.Set<String> logged) {
    java.util.Set<String> traced = new java.util.HashSet<>();
    for (List<Reconcile> s : streams.values()) {
      for (Reconcile r : s) {
        if (!complete.get(r.source())) {
          traced.add(r.key().operator());
          break;
        }
      }
    }
    for (var e : streams.entrySet()) {
      if (traced.contains(e.getKey().operator())) {
        e.getValue().replaceAll(r -> complete.get(r.source()) ? r.withSamplingProbability(1) : r);
      }
    }
    for (String op : logged) {
      if (traced.contains(op) && mergedBy.getOrDefault(op, 0L) == 0) {
        unmet.add(op);
      }
    }
  }

  /** Each logged operator's time: from its log's first reconcile's start to the last one's end. */
  private void coverage(Map<StreamKey, List<Reconcile>> streams) {
    Map<String, long[]> span = new TreeMap<>(); // by operator: first start, last end
    for (List<Reconcile> s : streams.values()) {
      for (Reconcile r : s) {
        if (complete.get(r.source())) {
          long[] w =
              span.computeIfAbsent(
                  r.key().operator(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
          w[0] = Math.min(w[0], r.startNanos());
          w[1] = Math.max(w[1], r.endNanos());
        }
      }
    }
    span.forEach((op, w) -> covered.put(op, new ObservedWindow(w[0], w[1])));
  }

  /**
   * The reconciles of {@code stream} in its operator's logged time: {@code stream} itself when that
   * is all of them (or its operator is not cut).
   */
  private List<Reconcile> inside(List<Reconcile> stream) {
    ObservedWindow w = covered.get(stream.get(0).key().operator());
    if (w == null) {
      return stream;
    }
    List<Reconcile> in = new ArrayList<>(stream.size());
    for (Reconcile r : stream) {
      if (r.startNanos() >= w.startNanos() - RecordMerge.TOLERANCE_NANOS
          && r.startNanos() <= w.endNanos()) {
        in.add(r);
      } else {
        outside.merge(r.key().operator(), 1L, Long::sum);
      }
    }
    return in.size() == stream.size() ? stream : in;
  }

  /**
   * The time each operator's log covers, by operator: the analysis of a logged operator is of that
   * time (its observed window is cut to it).
   */
  public Map<String, ObservedWindow> covered() {
    return covered;
  }

  /**
   * Operators of a log and of a trace whose streams of one object coincide (whatever each names the
   * controller).
   */
  private void noteApart(TreeMap<StreamKey, List<Reconcile>> streams) {
    Map<String, List<List<Reconcile>>> logged = new TreeMap<>(); // by object
    for (List<Reconcile> s : streams.values()) {
      if (Boolean.TRUE.equals(logged(s))) {
        logged.computeIfAbsent(s.get(0).key().object(), k -> new ArrayList<>()).add(s);
      }
    }
    for (List<Reconcile> traced : streams.values()) {
      StreamKey t = traced.get(0).key();
      if (complete.get(traced.get(0).source())) {
        continue;
      }
      for (List<Reconcile> log : logged.getOrDefault(t.object(), List.of())) {
        String logOp = log.get(0).key().operator();
        if (!logOp.equals(t.operator()) && sameRun(traced, log)) {
          apart.add(
              "operator "
                  + Names.printable(logOp)
                  + " (from a log) and operator "
                  + Names.printable(t.operator())
                  + " (from a trace) reconcile the same objects at the same times: one operator,"
                  + " its reconciles counted twice; "
                  + String.format(Locale.ROOT, operatorAdvice, Names.printable(t.operator())));
        }
      }
    }
  }

  /** True for a stream only a log has, false for one only a trace has, null for one of both. */
  private Boolean logged(List<Reconcile> stream) {
    boolean log = complete.get(stream.get(0).source());
    for (Reconcile r : stream) {
      if (complete.get(r.source()) != log) {
        return null;
      }
    }
    return log;
  }

  /** Reconciles found in both records, counted once. */
  public long merged() {
    return merged;
  }

  /** One line each, for the extraction's warnings. */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    if (merged > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%s both in a trace and in an operator's log: each counted once, with the trace's"
                  + " spans, and as complete as the log",
              Numbers.count(merged, "reconcile") + (merged == 1 ? " is" : " are")));
    }
    if (joinedByObject > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%s of a log named by another controller than in the trace (a kube-rs log names it"
                  + " by the kind): joined by operator and object, under the trace's name",
              Numbers.count(joinedByObject, "stream")));
    }
    if (traceOnly > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%s of a trace in no operator's log, though within the time it covers: lines the"
                  + " log lost, or objects it names otherwise; counted once, from the trace",
              Numbers.count(traceOnly, "reconcile")));
    }
    outside.forEach(
        (op, n) ->
            out.add(
                String.format(
                    Locale.ROOT,
                    "left out: %s of %s in a trace, outside the time its log covers (%s to %s);"
                        + " the analysis of %s is of the logged time; analyze the trace alone for"
                        + " all of its time, sampled",
                    Numbers.count(n, "reconcile"),
                    Names.printable(op),
                    Instant.ofEpochSecond(0, covered.get(op).startNanos()),
                    Instant.ofEpochSecond(0, covered.get(op).endNanos()),
                    Names.printable(op))));
    out.addAll(namingWarnings());
    return out;
  }

  /**
   * The warnings that say the two records could not meet (one operator under two names, or a log
   * and a trace of one time without a reconcile in common): each reconcile may then count twice.
   * One line each, without counts, so a live window can say each once.
   */
  public List<String> namingWarnings() {
    List<String> out = new ArrayList<>();
    for (String op : unmet) {
      out.add(
          "operator "
              + Names.printable(op)
              + " has reconciles in a log and in a trace of the same time, but none in common:"
              + " the two name its controllers or objects otherwise, or the log's times are"
              + " coarser than 50 ms (kubectl logs --timestamps gives finer ones); each reconcile"
              + " may be counted twice (docs/logs.md, \"Beside a trace\")");
    }
    out.addAll(apart);
    return out;
  }

  /** At least half of the trace's reconciles (and 3) have their log line in {@code logged}. */
  private boolean sameRun(List<Reconcile> traced, List<Reconcile> logged) {
    int m = meeting(traced, logged);
    return m >= 3 && 2 * m >= traced.size();
  }

  /** How many of the trace's reconciles find their line in {@code logged} ({@link RecordMerge}). */
  private int meeting(List<Reconcile> traced, List<Reconcile> logged) {
    List<Reconcile> both = new ArrayList<>(traced.size() + logged.size());
    both.addAll(traced);
    both.addAll(logged);
    both.sort(Reconcile.IN_STREAM);
    return RecordMerge.of(both, complete).merged();
  }
}
