package io.github.wakeupanalyze.simulate;

import java.util.List;

/**
 * A simulation scenario: operators, their controllers, the objects they reconcile and the world
 * that edits them. Read from YAML or JSON by {@link ScenarioLoader}; the schema is in {@code
 * docs/simulate.md}.
 *
 * @param name used in file names, e.g. {@code percona-mongodb}
 * @param seed default seed; {@code --seed} overrides it
 * @param durationNanos simulated time, e.g. 25 minutes
 * @param startEpochNanos simulated clock at the start, default 2026-01-01T00:00:00Z
 */
public record Scenario(
    String name, long seed, long durationNanos, long startEpochNanos, List<Operator> operators) {

  /** 2026-01-01T00:00:00Z in epoch nanoseconds. */
  public static final long DEFAULT_START = 1_767_225_600_000_000_000L;

  public Scenario {
    operators = List.copyOf(operators);
  }

  public Scenario withSeed(long s) {
    return new Scenario(name, s, durationNanos, startEpochNanos, operators);
  }

  public Scenario withDuration(long d) {
    return new Scenario(name, seed, d, startEpochNanos, operators);
  }

  /** Which framework's controller semantics to model. */
  public enum Framework {
    CONTROLLER_RUNTIME,
    KUBE_RS
  }

  /** controller-runtime queue flavour. */
  public enum QueueFlavor {
    /** client-go's rate-limiting delaying queue: the earliest pending deadline is kept. */
    LEGACY,
    /**
     * controller-runtime's priority queue (default since v0.23): an event consumes a pending timer.
     */
    PRIORITY
  }

  /**
   * One operator process (one {@code service.name}).
   *
   * @param scope instrumentation scope name of its spans (controller-runtime); kube-rs spans use
   *     the controller name as scope
   * @param watchLatency delay from a write to the watch event reaching the controller
   * @param dispatchLatency delay from a key becoming ready to its reconcile starting (queue
   *     latency)
   */
  public record Operator(
      String service,
      String scope,
      Framework framework,
      QueueFlavor queue,
      Dist watchLatency,
      Dist dispatchLatency,
      List<Controller> controllers) {
    public Operator {
      controllers = List.copyOf(controllers);
    }
  }

  /**
   * One controller and the reconciler behind it.
   *
   * @param objects {@code namespace/name} of each object, in the informer's list order
   * @param maxConcurrentReconciles controller-runtime workers; kube-rs concurrency (0 = unbounded)
   * @param syncPeriodNanos informer resync period before jitter (controller-runtime), 0 = off
   * @param bulkEveryNanos kube-rs {@code reconcile_all_on} trigger period, 0 = off
   * @param generationChangedPredicate drops watch events that do not change metadata.generation:
   *     status writes and resyncs
   * @param duration reconcile duration
   * @param requeueAfterNanos RequeueAfter / {@code Action::requeue} on success while not ready, 0 =
   *     none (wait for events)
   * @param requeueJitter RequeueAfter is {@code d·(1 + jitter·U[0,1))}, as {@code wait.Jitter}
   * @param readyRequeueAfterNanos the delay once the object is ready, 0 = none; only used when
   *     {@code readyAfterNanos >= 0}
   * @param readyAfterNanos the object becomes ready this long after its creation or last external
   *     edit; -1 = never (one timer)
   * @param errorProbability chance that a healthy reconcile starts a run of failures
   * @param errorRun how many consecutive reconciles fail in such a run
   * @param errorAt reconciles (per object, counted from 1) that start a run of failures for sure
   * @param errorPolicyRequeueNanos kube-rs {@code error_policy} requeue delay
   * @param omitReason kube-rs: leave out {@code object.reason}, as when a log filter drops it
   * @param calls API calls made by each reconcile, in order
   * @param helperSpan name of a nested helper span around the calls marked {@code helper}, or null
   * @param helperProbability chance that a reconcile has the helper span
   * @param edits sources of external edits to the objects
   */
  public record Controller(
      String name,
      String group,
      String version,
      String kind,
      String resource,
      List<String> objects,
      int maxConcurrentReconciles,
      long syncPeriodNanos,
      long bulkEveryNanos,
      boolean generationChangedPredicate,
      Dist duration,
      long requeueAfterNanos,
      double requeueJitter,
      long readyRequeueAfterNanos,
      long readyAfterNanos,
      double errorProbability,
      int errorRun,
      List<Integer> errorAt,
      long errorPolicyRequeueNanos,
      boolean omitReason,
      List<Call> calls,
      String helperSpan,
      double helperProbability,
      List<Edits> edits) {
    public Controller {
      objects = List.copyOf(objects);
      calls = List.copyOf(calls);
      edits = List.copyOf(edits);
      errorAt = List.copyOf(errorAt);
    }
  }

  /**
   * One API call a reconcile makes.
   *
   * @param method HTTP method as recorded, e.g. {@code GET}, {@code PATCH}; {@code LIST} is written
   *     as a GET on the collection
   * @param path {@code self} (the object), {@code status} (its status subresource), or an API path
   *     with {@code {namespace}} and {@code {name}} placeholders
   * @param probability chance the call is made in one reconcile
   * @param helper made inside the helper span
   */
  public record Call(String method, String path, double probability, boolean helper) {
    public boolean isWrite() {
      return switch (method) {
        case "POST", "PUT", "PATCH", "DELETE" -> true;
        default -> false;
      };
    }
  }

  /** How an external edit shows in the trace. */
  public enum Visibility {
    /** Only its consequence, the reconcile. */
    NONE,
    /** A kube-apiserver SERVER span of the write, naming the target object. */
    APISERVER,
    /**
     * A span link from the triggered reconcile to the write's span (the span itself not written).
     */
    LINK,
    /** Both. */
    BOTH
  }

  /** The shape of an edit source. */
  public enum EditKind {
    POISSON,
    PERIODIC,
    BURST,
    TIMES
  }

  /**
   * A source of external edits (another client writing an object).
   *
   * @param meanIntervalNanos Poisson: mean time between edits per object; burst: between bursts
   * @param periodNanos periodic: the lattice period
   * @param jitter periodic: each edit is displaced by up to ±jitter·period (uniform)
   * @param burstSize burst: edits per burst
   * @param burstSpacing burst: time between the edits of a burst
   * @param timesNanos times: offsets from the start, in nanoseconds, sorted
   * @param objects the objects edited ({@code namespace/name}); empty = all of the controller's
   * @param related when not null, the edit is to a related object of this kind (e.g. {@code
   *     StatefulSet}) owned by the target, not the target itself
   * @param client the writing client's user agent, e.g. {@code kubectl/v1.31.0}
   */
  public record Edits(
      EditKind kind,
      long meanIntervalNanos,
      long periodNanos,
      double jitter,
      int burstSize,
      Dist burstSpacing,
      List<Long> timesNanos,
      List<String> objects,
      Visibility visible,
      String related,
      String client) {
    public Edits {
      timesNanos = List.copyOf(timesNanos);
      objects = List.copyOf(objects);
    }
  }
}
