package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which streams of a log and a trace are one, when the two name them alike or not. */
class TwoRecordsTest {
  private static final int TRACE = 0;
  private static final int LOG = 1;
  private static final BitSet LOGS = BitSet.valueOf(new long[] {1L << LOG});
  private static final long MS = 1_000_000L;

  /** Ten reconciles 5 s apart from {@code offsetMs}; a log's a millisecond late. */
  private static List<Reconcile> stream(StreamKey key, int source, long offsetMs) {
    List<Reconcile> out = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long start = (offsetMs + i * 5_000L) * MS + (source == LOG ? MS : 0);
      out.add(
          new Reconcile(
              key, source, i, i, start, start + 100 * MS, false, null, ApiCalls.NONE, source));
    }
    return out;
  }

  private static TreeMap<StreamKey, List<Reconcile>> streams(List<List<Reconcile>> all) {
    TreeMap<StreamKey, List<Reconcile>> out = new TreeMap<>();
    for (List<Reconcile> s : all) {
      out.put(s.get(0).key(), s);
    }
    return out;
  }

  @Test
  void aLogThatNamesTheControllerByTheKind_joinsTheTracesStreamOfItsObject() {
    StreamKey traced = new StreamKey("doc-operator", "doc-controller", "Document.v1/api.docs");
    StreamKey logged = new StreamKey("doc-operator", "Document", "Document.v1/api.docs");
    TwoRecords two = new TwoRecords(LOGS);
    TreeMap<StreamKey, List<Reconcile>> out =
        two.merge(streams(List.of(stream(traced, TRACE, 0), stream(logged, LOG, 0))));
    assertEquals(List.of(traced), List.copyOf(out.keySet()), "the trace's name");
    assertEquals(10, out.get(traced).size());
    assertEquals(10, two.merged());
    assertTrue(
        two.warnings().stream()
            .anyMatch(w -> w.startsWith("1 stream of a log named by another controller")));
  }

  @Test
  void twoControllersOfOneObject_areNotGuessedBetween() {
    StreamKey a = new StreamKey("op", "a-controller", "ns/x");
    StreamKey b = new StreamKey("op", "b-controller", "ns/x");
    StreamKey logged = new StreamKey("op", "x", "ns/x");
    TwoRecords two = new TwoRecords(LOGS);
    TreeMap<StreamKey, List<Reconcile>> out =
        two.merge(
            streams(List.of(stream(a, TRACE, 0), stream(b, TRACE, 2_000), stream(logged, LOG, 0))));
    assertEquals(3, out.size());
    assertEquals(0, two.merged());
  }

  @Test
  void streamsOfOneObjectAtOtherTimes_stayApart_andTheTraceIsNotCutToALogItDoesNotMeet() {
    StreamKey traced = new StreamKey("op", "c", "ns/x");
    StreamKey logged = new StreamKey("op", "x", "ns/x");
    TwoRecords two = new TwoRecords(LOGS);
    TreeMap<StreamKey, List<Reconcile>> out =
        two.merge(streams(List.of(stream(traced, TRACE, 0), stream(logged, LOG, 2_500))));
    assertEquals(2, out.size());
    assertEquals(10, out.get(traced).size(), "a log that shares none is no record of its time");
    assertEquals(java.util.Map.of(), two.covered());
    assertEquals(0, two.merged());
    assertEquals(1, two.warnings().size(), two.warnings()::toString);
    assertTrue(two.warnings().get(0).contains("but none in common"), two.warnings().get(0));
  }

  @Test
  void aLogOfPartOfTheTime_cutsTheTraceToIt() {
    StreamKey key = new StreamKey("op", "c", "ns/x");
    List<Reconcile> log = stream(key, LOG, 0).subList(5, 10); // the last 25 s of the trace's 50
    List<Reconcile> both = new ArrayList<>(stream(key, TRACE, 0));
    both.addAll(log);
    both.sort(Reconcile.IN_STREAM);
    TwoRecords two = new TwoRecords(LOGS);
    TreeMap<StreamKey, List<Reconcile>> out = two.merge(streams(List.of(both)));
    assertEquals(5, out.get(key).size());
    assertEquals(5, two.merged());
    assertEquals(log.get(0).startNanos(), two.covered().get("op").startNanos());
    assertTrue(
        two.warnings().get(1).startsWith("left out: 5 reconciles of op in a trace"),
        two.warnings()::toString);
  }

  @Test
  void aLogNamedAfterItsFile_getsTheOperatorToGive_whenItsReconcilesAreTheTraces() {
    StreamKey traced = new StreamKey("percona-operator", "c", "ns/x");
    StreamKey logged = new StreamKey("op", "c", "ns/x");
    TwoRecords two = new TwoRecords(LOGS);
    TreeMap<StreamKey, List<Reconcile>> out =
        two.merge(streams(List.of(stream(traced, TRACE, 0), stream(logged, LOG, 0))));
    assertEquals(2, out.size(), "counted apart: the operator's name is the user's to give");
    assertEquals(
        List.of(
            "operator op (from a log) and operator percona-operator (from a trace) reconcile the"
                + " same objects at the same times: one operator, its reconciles counted twice;"
                + " give --operator percona-operator to read the log as the trace's operator"),
        two.warnings());
  }

  @Test
  void aLogAndATraceOfOneOperatorThatShareNoReconcile_areSaidToNameItOtherwise() {
    StreamKey traced = new StreamKey("op", "c", "x"); // a trace without the namespace
    StreamKey logged = new StreamKey("op", "c", "ns/x");
    StreamKey other = new StreamKey("op", "c", "ns/y");
    TwoRecords two = new TwoRecords(LOGS);
    TreeMap<StreamKey, List<Reconcile>> out =
        two.merge(
            streams(
                List.of(
                    stream(traced, TRACE, 0), stream(logged, LOG, 0), stream(other, LOG, 1_000))));
    assertEquals(3, out.size());
    assertEquals(0, two.merged());
    assertEquals(
        List.of(
            "operator op has reconciles in a log and in a trace of the same time, but none in"
                + " common: the two name its controllers or objects otherwise, or the log's times"
                + " are coarser than 50 ms (kubectl logs --timestamps gives finer ones); each"
                + " reconcile may be counted twice (docs/logs.md, \"Beside a trace\")"),
        two.warnings());
    for (Reconcile r : out.get(other)) {
      assertEquals(1.0, r.samplingProbability(), "a log beside a trace: every reconcile in it");
    }
  }

  @Test
  void aSampledObjectWithOneKeptReconcile_joinsByObject_whenItsOperatorsOtherPairsShowTheNaming() {
    StreamKey traced = new StreamKey("op", "doc-controller", "Doc/a");
    StreamKey logged = new StreamKey("op", "Doc", "Doc/a");
    StreamKey tracedB = new StreamKey("op", "doc-controller", "Doc/b");
    StreamKey loggedB = new StreamKey("op", "Doc", "Doc/b");
    List<Reconcile> oneKept = stream(tracedB, TRACE, 0).subList(4, 5);
    TwoRecords two = new TwoRecords(LOGS);
    TreeMap<StreamKey, List<Reconcile>> out =
        two.merge(
            streams(
                List.of(
                    stream(traced, TRACE, 0),
                    stream(logged, LOG, 0),
                    oneKept,
                    stream(loggedB, LOG, 0))));
    assertEquals(List.of(traced, tracedB), List.copyOf(out.keySet()));
    assertEquals(11, two.merged());
    TwoRecords alone = new TwoRecords(LOGS);
    out = alone.merge(streams(List.of(oneKept, stream(loggedB, LOG, 0))));
    assertEquals(0, alone.merged(), "one reconcile alone could meet a line by chance");
    assertEquals(2, out.size());
  }
}
