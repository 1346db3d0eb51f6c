package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The span table is bounded by the horizon, not by the input: what it forgets changes nothing for
 * input in time order, late arrivals are counted, and a horizon that cannot fit fails early.
 */
class BoundedExtractionTest {
  static final long S = 1_000_000_000L;

  static ExtractResult extract(ExtractLimits limits, List<Span> spans) {
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults(), limits, null);
    x.startSource(0, "t");
    spans.forEach(x::accept);
    return x.finish();
  }

  /** A batch extractor whose table holds at most {@code entries}, forgetting after 10 s. */
  static ExtractLimits small(int entries) {
    return new ExtractLimits(10 * S, Long.MAX_VALUE, 10 * S, entries, false);
  }

  @Test
  void inputInTimeOrder_forgettingOldSpans_changesNothing() {
    // 5,000 reconciles (30,000 spans), one every 200 ms: 300 spans within the 10 s horizon
    List<Span> spans =
        SyntheticTraces.spans(SyntheticTraces.generate(3, 5_000, 7, 0, S / 5, 2_000_000));
    ExtractResult exact = extract(ExtractLimits.batch(1L << 30), spans);
    ExtractResult bounded = extract(small(2048), spans);
    assertEquals(0, exact.counts().evictedEntries());
    assertTrue(bounded.counts().evictedEntries() > 25_000, bounded.counts().toString());
    assertEquals(exact.reconciles(), bounded.reconciles());
    assertEquals(exact.evidence(), bounded.evidence());
    assertEquals(exact.clockOffsets(), bounded.clockOffsets());
    assertEquals(0, bounded.counts().lateSpans());
    assertEquals(0, bounded.orphans());
  }

  @Test
  void servicesInBlocksEachCoveringTheWholeTime_areForgottenByTheirOwnClock() {
    // one block per operator (an OTLP ResourceSpans per service), each 400 s of trace time: with
    // one clock for all, the second block would be older than the horizon from its first span
    List<Span> spans = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      for (Span s :
          SyntheticTraces.spans(SyntheticTraces.generate(k, 2_000, 7, 0, S / 5, 2_000_000))) {
        spans.add(s.withService(s.service() + "-" + k));
      }
    }
    ExtractResult exact = extract(ExtractLimits.batch(1L << 30), spans);
    ExtractResult bounded = extract(small(4096), spans);
    assertEquals(8_000, exact.reconciles().size());
    assertTrue(bounded.counts().evictedEntries() > 40_000, bounded.counts().toString());
    assertEquals(exact.reconciles(), bounded.reconciles());
    assertEquals(exact.evidence(), bounded.evidence());
    assertEquals(0, bounded.counts().lateSpans(), bounded.counts().toString());
    assertEquals(0, bounded.orphans());
  }

  @Test
  void aTraceArrivingBehindItsServicesClock_keepsTheChildrenThatFollowItsReconcile() {
    // the first trace comes last, its reconcile before its children (an SDK exporter groups a
    // batch's spans in any order): the clock is minutes past it, yet nothing moved it since
    List<SyntheticTraces.Trace> traces = SyntheticTraces.generate(3, 2_000, 3, 0, S / 5, 0);
    List<Span> spans = new ArrayList<>(SyntheticTraces.spans(traces.subList(1, traces.size())));
    List<Span> first = new ArrayList<>(traces.get(0).spans());
    java.util.Collections.reverse(first);
    spans.addAll(first);
    ExtractResult r = extract(ExtractLimits.batch(1L << 30), spans);
    Reconcile late =
        r.reconciles().stream()
            .filter(x -> x.spanId() == traces.get(0).rootId())
            .findFirst()
            .orElseThrow();
    assertEquals(1, late.calls().writes(), late.calls().toString());
    assertEquals(0, r.counts().lateChildren(), r.counts().toString());
  }

  @Test
  void live_aQuietOperatorsReconciles_areHandedOnOnceTheInputIsTheGracePastThem() {
    // operator a sends for 10 s and falls quiet; operator b goes on: a's clock keeps time
    List<Span> a = SyntheticTraces.spans(SyntheticTraces.generate(3, 100, 3, 0, S / 10, 0));
    List<Span> b = SyntheticTraces.spans(SyntheticTraces.generate(4, 1_000, 3, 0, S / 10, 0));
    List<Span> spans = new ArrayList<>();
    a.forEach(s -> spans.add(s.withService("a")));
    b.forEach(s -> spans.add(s.withService("b")));
    spans.sort(java.util.Comparator.comparingLong(Span::endNanos));
    Recorder rec = new Recorder();
    ExtractLimits limits = ExtractLimits.live(2 * S, 10 * S, 1L << 30);
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults(), limits, rec);
    x.startSource(0, "live");
    long lastOfA = a.get(a.size() - 1).endNanos();
    long handedAt = Long.MIN_VALUE;
    for (Span s : spans) {
      x.accept(s);
      long handed = rec.reconciles.stream().filter(r -> r.key().operator().equals("a")).count();
      if (handed == 100 && handedAt == Long.MIN_VALUE) {
        handedAt = s.endNanos();
      }
    }
    assertTrue(handedAt != Long.MIN_VALUE, "a's reconciles were handed on before the end");
    assertTrue(
        handedAt <= lastOfA + 2 * S + limits.sliceNanos() + S / 10,
        "within the grace and a slice: " + (handedAt - lastOfA) / 1e9 + " s");
  }

  @Test
  void spansArrivingAfterTheirTimeWasForgotten_areCounted_andReconcilesNeverDoubled() {
    List<SyntheticTraces.Trace> traces = SyntheticTraces.generate(3, 2_000, 3, 0, S / 5, 0);
    List<Span> spans = new ArrayList<>(SyntheticTraces.spans(traces));
    // the first trace again, and a child of its reconcile, long after it was forgotten
    spans.addAll(traces.get(0).spans());
    long root = traces.get(0).rootId();
    spans.add(
        SyntheticTraces.span(
                SyntheticTraces.OPERATOR, traces.get(0).traceLow(), 4242, root, "GET", 3, 5, 6)
            .attribute("http.request.method", "GET")
            .build());
    ExtractResult r = extract(small(2048), spans);
    assertEquals(2_000, r.reconciles().size(), "the late copy of a reconcile is still a duplicate");
    assertEquals(7, r.counts().lateSpans(), r.counts().toString());
    assertTrue(
        r.warnings().stream().anyMatch(w -> w.startsWith("7 spans arrived more than 10 s")),
        r.warnings()::toString);
  }

  @Test
  void moreSpansWithinTheHorizonThanTheTableHolds_failsEarly() {
    // 6,000 spans within a tenth of a second
    List<Span> spans = SyntheticTraces.spans(SyntheticTraces.generate(3, 1_000, 7, 0, 100_000, 0));
    SpanLimitError e = assertThrows(SpanLimitError.class, () -> extract(small(2048), spans));
    assertTrue(e.getMessage().startsWith("the spans of 10 s of trace time ("), e.getMessage());
    assertTrue(e instanceof OutOfMemoryError, "the CLI prints the out-of-memory line");
  }

  @Test
  void horizonTooLongForTheTable_isHalvedUntilTheSpansFit() {
    // one reconcile (6 spans) every 500 ms: 3,600 spans within 5 min, 900 within 75 s
    List<Span> spans = SyntheticTraces.spans(SyntheticTraces.generate(3, 2_000, 7, 0, S / 2, 0));
    ExtractLimits limits = new ExtractLimits(300 * S, Long.MAX_VALUE, 300 * S, 2048, false);
    ExtractResult r = extract(limits, spans);
    assertEquals(75 * S, r.counts().horizonNanos());
    assertEquals(extract(ExtractLimits.batch(1L << 30), spans).reconciles(), r.reconciles());
    assertEquals(0, r.counts().lateSpans());
  }

  /** What a live consumer sees, and when. */
  static final class Recorder implements ExtractConsumer {
    final List<Reconcile> reconciles = new ArrayList<>();
    final List<LostReconcile> lost = new ArrayList<>();

    @Override
    public void reconcile(Reconcile r) {
      reconciles.add(r);
    }

    @Override
    public void lostReconcile(LostReconcile l) {
      lost.add(l);
    }

    @Override
    public void write(ObjectWrite w) {}

    @Override
    public void link(ReconcileLink l) {}
  }

  @Test
  void live_reconcilesAreHandedOnOnceTheGracePassed_inBoundedMemory() {
    List<SyntheticTraces.Trace> traces = SyntheticTraces.generate(3, 1_000, 3, 0, S / 10, 0);
    Recorder rec = new Recorder();
    ReconcileExtractor x =
        new ReconcileExtractor(
            ExtractRules.defaults(), ExtractLimits.live(2 * S, 10 * S, 1L << 30), rec);
    x.startSource(0, "live");
    long maxHandedLate = 0;
    for (SyntheticTraces.Trace t : traces) {
      t.spans().forEach(x::accept);
      long watermark = t.spans().get(t.spans().size() - 1).endNanos();
      for (Reconcile r : rec.reconciles) {
        assertTrue(r.endNanos() <= watermark - 2 * S, "final only after the grace");
      }
      // everything that ended more than the grace (plus one span's step) ago has been handed on
      long notYet =
          traces.stream()
              .filter(u -> u.start() + 20 * SyntheticTraces.MS < watermark - 2 * S - S / 10)
              .count();
      maxHandedLate = Math.max(maxHandedLate, notYet - rec.reconciles.size());
    }
    assertEquals(0, maxHandedLate, "no reconcile waits longer than the grace");
    assertTrue(rec.reconciles.size() > 950);
    ExtractCounts c = x.flush();
    assertEquals(1_000, rec.reconciles.size());
    assertTrue(c.evictedEntries() > 4_000, "live forgets as time moves: " + c);
    assertEquals(0, c.lateSpans());
  }
}
