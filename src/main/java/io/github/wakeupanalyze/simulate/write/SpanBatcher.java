package io.github.wakeupanalyze.simulate.write;

import io.github.wakeupanalyze.simulate.SimSpan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects spans into export batches the way an SDK's batch span processor does: at most {@code
 * size} spans, then one flush grouped by resource (service) and scope in order of first appearance.
 * Memory is bounded by one batch.
 */
final class SpanBatcher {
  /** Receives one batch: services in first-appearance order, each with its scopes and spans. */
  interface Flush {
    void batch(Map<String, Map<String, List<SimSpan>>> byServiceAndScope) throws IOException;
  }

  private final int size;
  private final Flush flush;
  private Map<String, Map<String, List<SimSpan>>> current = new LinkedHashMap<>();
  private int count;

  SpanBatcher(int size, Flush flush) {
    this.size = size;
    this.flush = flush;
  }

  void add(List<SimSpan> spans) throws IOException {
    for (SimSpan s : spans) {
      current
          .computeIfAbsent(s.service(), k -> new LinkedHashMap<>())
          .computeIfAbsent(s.scope(), k -> new ArrayList<>())
          .add(s);
      if (++count >= size) {
        flush();
      }
    }
  }

  void flush() throws IOException {
    if (count > 0) {
      Map<String, Map<String, List<SimSpan>>> b = current;
      current = new LinkedHashMap<>();
      count = 0;
      flush.batch(b);
    }
  }
}
