package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.ObservedWindow;
import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the services (resource {@code service.name}) seen, for the span table's 16-bit tags, and
 * keeps per service its observed window, its reconcile count and the id collisions with others.
 */
final class ServiceRegistry {
  /** Services beyond this share the last number (and may then be taken for duplicates). */
  static final int MAX_SERVICES = 30_000;

  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>(List.of(""));
  private final List<long[]> windows = new ArrayList<>(List.<long[]>of(new long[2]));
  private final Map<Integer, Long> reconciles = new HashMap<>();
  private final Map<Long, Long> collisions = new HashMap<>();

  /** The number of {@code span}'s service, 1 or more; widens its observed window. */
  int observe(Span span) {
    String service = span.service();
    Integer id = ids.get(service);
    if (id == null) {
      if (names.size() > MAX_SERVICES) {
        id = MAX_SERVICES;
      } else {
        id = names.size();
        ids.put(service, id);
        names.add(service);
        windows.add(new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      }
    }
    long[] w = windows.get(id);
    w[0] = Math.min(w[0], span.startNanos());
    w[1] = Math.max(w[1], span.endNanos());
    return id;
  }

  List<String> names() {
    return names;
  }

  void reconcile(int service) {
    reconciles.merge(service, 1L, Long::sum);
  }

  /** True when the service has had a reconcile: an operator. */
  boolean isOperator(int service) {
    return reconciles.containsKey(service);
  }

  /** Reconciles per service number. */
  Map<Integer, Long> reconciles() {
    return reconciles;
  }

  /** A span of {@code service} had the ids of a span of {@code first}. */
  void collision(int service, int first) {
    collisions.merge(((long) service << 32) | first, 1L, Long::sum);
  }

  /** Id collisions by (service whose span was kept apart, service that had the ids first). */
  Map<List<String>, Long> collisionsByName() {
    Map<List<String>, Long> out = new HashMap<>();
    collisions.forEach(
        (k, n) -> out.put(List.of(names.get((int) (k >>> 32)), names.get((int) (long) k)), n));
    return out;
  }

  /** The observed window of every operator, by name. */
  Map<String, ObservedWindow> operatorWindows() {
    Map<String, ObservedWindow> out = new HashMap<>();
    reconciles.forEach(
        (svc, n) -> {
          long[] w = windows.get(svc);
          out.put(names.get(svc), new ObservedWindow(w[0], w[1]));
        });
    return out;
  }
}
