package io.github.wakeupanalyze.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pairing state holds the reconciles in flight, not the log. */
class ReconcilesTest {
  private static final long MS = 1_000_000L;

  @Test
  void aLongLog_holdsOnlyWhatIsInFlight() {
    List<LoggedReconcile> out = new ArrayList<>();
    Reconciles rs = new Reconciles(out::add);
    FrameworkLines lines = new FrameworkLines(rs, null);
    LogRecord r = new LogRecord();
    int maxHeld = 0;
    long t = 1_714_564_800_000L * MS;
    for (int i = 0; i < 100_000; i++) {
      String id = "id-" + i;
      String object = "o" + (i % 50);
      line(r, "Reconciling", id, object);
      lines.accept(r, t, "op");
      line(r, i % 7 == 0 ? "Reconciler error" : "Reconcile done, requeueing after 5s", id, object);
      lines.accept(r, t + 40 * MS, "op");
      maxHeld = Math.max(maxHeld, rs.held());
      t += 100 * MS;
    }
    rs.finish();
    assertEquals(100_000, out.size());
    assertTrue(maxHeld <= 12, "held at most the last second's reconciles: " + maxHeld);
    assertEquals(5_000_000_000L, out.get(1).requeueAfterNanos);
    assertTrue(out.get(0).error);
  }

  @Test
  void aStartWithoutItsEnd_isClosedWhenStale_orWhenTheKeyStartsAgain() {
    List<LoggedReconcile> out = new ArrayList<>();
    Reconciles rs = new Reconciles(out::add);
    LoggedReconcile a = rs.start("k", "op", 0);
    a.saw(5 * MS);
    rs.start("k", "op", 10 * MS);
    assertEquals(List.of(a), out, "the earlier one ends at its last line");
    assertEquals(5 * MS, out.get(0).end);
    rs.start("lost", "op", 20 * MS);
    rs.tick(20 * MS + Reconciles.STALE_NANOS + 1);
    assertTrue(out.stream().anyMatch(x -> x.key.equals("lost")), "closed after an hour of silence");
  }

  private static void line(LogRecord r, String msg, String id, String object) {
    r.reset();
    r.message = msg;
    r.fields.put("reconcileID", id);
    r.fields.put("controller", "c");
    r.fields.put("namespace", "ns");
    r.fields.put("name", object);
  }
}
