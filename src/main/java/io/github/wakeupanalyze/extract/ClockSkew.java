package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Estimates each service's clock offset from the client/server span pairs already in the trace: an
 * operator's CLIENT span and the API server's SERVER span of the same request (the server span's
 * parent is the client span, in another service).
 *
 * <p><b>Method.</b> For one pair, with client span [c₀, c₁] on clock A and server span [s₀, s₁] on
 * clock B, and θ = B − A:
 *
 * <ul>
 *   <li>if the network delay is the same both ways, the two midpoints are the same instant, so θ̂ =
 *       (s₀ + s₁)/2 − (c₀ + c₁)/2 (the estimate NTP makes from its four timestamps);
 *   <li>whatever the delays, the server span lies within the client span in true time, so θ ∈ [s₁ −
 *       c₁, s₀ − c₀].
 * </ul>
 *
 * Over all pairs of a service pair the offset is the median of the θ̂ (robust to pairs with
 * queueing on one side), its spread 1.4826 × MAD, and its interval the intersection of the per-pair
 * bounds, which needs no symmetry and narrows with every pair; the median is clamped into it. When
 * the bounds contradict each other (a clock that drifts, or spans that are not what they claim) the
 * interval is the median ± 1.96 × 1.2533 × spread / √n (the standard error of a median).
 *
 * <p><b>Assumptions and failure cases.</b> Symmetric delay for the point estimate: an asymmetric
 * path shifts θ̂ by half the difference, within the interval. A constant offset over the trace: a
 * drifting clock widens the spread. Different services on one host share a clock and get an offset
 * near 0, as they should.
 *
 * <p><b>Memory.</b> Unpaired spans wait in two direct-mapped caches of {@value #CACHE} slots (a
 * newer span takes the slot of an older one, so some pairs are missed, never wrongly made), and at
 * most {@value #MAX_SAMPLES} estimates are kept per service pair (a reservoir sample, chosen by a
 * hash of the span ids, so the same input gives the same estimate).
 */
final class ClockSkew {
  static final int CACHE = 1 << 14;
  static final int MAX_SAMPLES = 2048;

  /** Pairs needed before times are corrected with an offset. */
  static final int MIN_PAIRS = 3;

  private final long[] clientKey = new long[CACHE];
  private final long[] clientStart = new long[CACHE];
  private final long[] clientEnd = new long[CACHE];
  private final int[] clientService = new int[CACHE];
  private final long[] serverParent = new long[CACHE];
  private final long[] serverStart = new long[CACHE];
  private final long[] serverEnd = new long[CACHE];
  private final int[] serverService = new int[CACHE];
  private final Map<Long, Pairs> pairs = new HashMap<>();

  /** The pairs of one (client service, server service). */
  private static final class Pairs {
    final int client;
    final int server;
    long n;
    long[] samples = new long[16];
    int kept;
    long maxLow = Long.MIN_VALUE;
    long minHigh = Long.MAX_VALUE;

    Pairs(int client, int server) {
      this.client = client;
      this.server = server;
    }

    void add(long estimate, long low, long high, long hash) {
      n++;
      maxLow = Math.max(maxLow, low);
      minHigh = Math.min(minHigh, high);
      if (kept < MAX_SAMPLES) {
        if (kept == samples.length) {
          samples = Arrays.copyOf(samples, Math.min(MAX_SAMPLES, kept * 2));
        }
        samples[kept++] = estimate;
      } else {
        long j = Long.remainderUnsigned(hash, n);
        if (j < MAX_SAMPLES) {
          samples[(int) j] = estimate;
        }
      }
    }
  }

  /** A service's offset from its group's reference, once reached. */
  private record Placed(long offset, long low, long high, boolean applied) {}

  /** One edge's estimate: server clock minus client clock. */
  record Estimate(long offset, long low, long high, long spread, long pairs) {}

  /**
   * Looks at one span: a CLIENT span, or a SERVER span with a parent, may complete a pair.
   *
   * @param id the span's (trace, span id) key
   * @param parentId its parent's key, 0 for a root
   * @param service the span's service number
   */
  void observe(Span span, long id, long parentId, int service) {
    if (span.kind() == 3) {
      int i = slot(id);
      if (serverParent[i] == id && serverService[i] != service) {
        pair(service, span.startNanos(), span.endNanos(), i, id);
        serverParent[i] = 0;
      } else {
        clientKey[i] = id;
        clientStart[i] = span.startNanos();
        clientEnd[i] = span.endNanos();
        clientService[i] = service;
      }
    } else if (span.kind() == 2 && parentId != 0) {
      int i = slot(parentId);
      if (clientKey[i] == parentId && clientService[i] != service) {
        add(
            clientService[i],
            clientStart[i],
            clientEnd[i],
            service,
            span.startNanos(),
            span.endNanos(),
            parentId);
        clientKey[i] = 0;
      } else {
        serverParent[i] = parentId;
        serverStart[i] = span.startNanos();
        serverEnd[i] = span.endNanos();
        serverService[i] = service;
      }
    }
  }

  private void pair(int client, long cStart, long cEnd, int i, long hash) {
    add(client, cStart, cEnd, serverService[i], serverStart[i], serverEnd[i], hash);
  }

  private void add(
      int client, long cStart, long cEnd, int server, long sStart, long sEnd, long hash) {
    long estimate = (sStart - cStart) / 2 + (sEnd - cEnd) / 2;
    long edgeKey = ((long) client << 32) | (server & 0xffffffffL);
    pairs
        .computeIfAbsent(edgeKey, k -> new Pairs(client, server))
        .add(estimate, sEnd - cEnd, sStart - cStart, hash * 0x9E3779B97F4A7C15L);
  }

  private static int slot(long key) {
    long h = key * 0xBF58476D1CE4E5B9L;
    return (int) (h >>> 40) & (CACHE - 1);
  }

  /** The estimate of one service pair (server clock − client clock). */
  static Estimate estimate(long[] samples, int kept, long n, long maxLow, long minHigh) {
    long[] s = Arrays.copyOf(samples, kept);
    Arrays.sort(s);
    long median = median(s);
    long[] dev = new long[kept];
    for (int i = 0; i < kept; i++) {
      dev[i] = Math.abs(s[i] - median);
    }
    Arrays.sort(dev);
    long spread = Math.round(1.4826 * median(dev));
    if (maxLow <= minHigh) {
      return new Estimate(Math.max(maxLow, Math.min(minHigh, median)), maxLow, minHigh, spread, n);
    }
    long half = Math.round(1.96 * 1.2533 * Math.max(spread, 1) / Math.sqrt(n));
    return new Estimate(median, median - half, median + half, spread, n);
  }

  private static long median(long[] sorted) {
    int k = sorted.length;
    if (k == 0) {
      return 0;
    }
    return k % 2 == 1 ? sorted[k / 2] : sorted[k / 2 - 1] + (sorted[k / 2] - sorted[k / 2 - 1]) / 2;
  }

  /**
   * The offset of every service linked by pairs to a reference: in each group of linked services,
   * the one with the most reconciles (then the most pairs, then the first name) is the reference;
   * every other service is reached along the links with the most pairs, adding their offsets.
   *
   * @param names service names by number
   * @param reconciles reconciles per service number
   */
  List<ClockOffset> offsets(List<String> names, Map<Integer, Long> reconciles) {
    Map<Integer, List<Pairs>> links = new HashMap<>();
    Map<Integer, Long> pairCount = new HashMap<>();
    for (Pairs p : pairs.values()) {
      links.computeIfAbsent(p.client, k -> new ArrayList<>()).add(p);
      links.computeIfAbsent(p.server, k -> new ArrayList<>()).add(p);
      pairCount.merge(p.client, p.n, Long::sum);
      pairCount.merge(p.server, p.n, Long::sum);
    }
    List<Integer> services = new ArrayList<>(links.keySet());
    Comparator<Integer> referenceFirst =
        Comparator.<Integer>comparingLong(s -> -reconciles.getOrDefault(s, 0L))
            .thenComparingLong(s -> -pairCount.getOrDefault(s, 0L))
            .thenComparing(names::get);
    services.sort(referenceFirst);
    Map<Integer, Placed> placed = new HashMap<>();
    List<ClockOffset> out = new ArrayList<>();
    for (int reference : services) {
      if (placed.containsKey(reference)) {
        continue;
      }
      placed.put(reference, new Placed(0, 0, 0, true));
      PriorityQueue<Pairs> frontier =
          new PriorityQueue<>(Comparator.comparingLong((Pairs p) -> -p.n));
      frontier.addAll(links.get(reference));
      while (!frontier.isEmpty()) {
        Pairs p = frontier.poll();
        boolean fromClient = placed.containsKey(p.client);
        int from = fromClient ? p.client : p.server;
        int to = fromClient ? p.server : p.client;
        if (placed.containsKey(to)) {
          continue;
        }
        Estimate e = estimate(p.samples, p.kept, p.n, p.maxLow, p.minHigh);
        Placed base = placed.get(from);
        long offset = fromClient ? base.offset + e.offset() : base.offset - e.offset();
        long low = fromClient ? base.low + e.low() : base.low - e.high();
        long high = fromClient ? base.high + e.high() : base.high - e.low();
        boolean applied = base.applied && p.n >= MIN_PAIRS;
        placed.put(to, new Placed(offset, low, high, applied));
        out.add(
            new ClockOffset(
                names.get(to), names.get(reference), offset, low, high, e.spread(), p.n, applied));
        frontier.addAll(links.get(to));
      }
    }
    out.sort(Comparator.comparing(ClockOffset::reference).thenComparing(ClockOffset::service));
    return out;
  }
}
