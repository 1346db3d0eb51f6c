package io.github.wakeupanalyze.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulation scenario: operators, their controllers, the objects they reconcile and the world
 * that edits them. Read from YAML or JSON by {@link ScenarioLoader}; the schema is in {@code
 * docs/simulate.md}.
 *
 * @param name used in file names, e.g. {@code percona-mongodb}
 * @param seed default seed; {@code --seed} overrides it
 * @param durationNanos simulated time, e.g. 25 minutes
 * @param startEpochNanos simulated clock at the start, default 2026-01-01T00:00:00Z
 * @param production how the traces are recorded: head sampling, span loss, clock offsets
 * @param sources the operator's source code the scenario stands for, as relative path → text (e.g.
 *     {@code controller.go → package shop …}); written beside the trace so that {@code analyze
 *     --sources} can match the simulated timers to their call sites; sorted by path, often empty
 */
public record Scenario(
    String name,
    long seed,
    long durationNanos,
    long startEpochNanos,
    List<Operator> operators,
    Production production,
    Map<String, String> sources) {

  /** 2026-01-01T00:00:00Z in epoch nanoseconds. */
  public static final long DEFAULT_START = 1_767_225_600_000_000_000L;

  public Scenario {
    operators = List.copyOf(operators);
    production = production == null ? Production.NONE : production;
    sources = java.util.Collections.unmodifiableMap(new TreeMap<>(sources));
  }

  /** A scenario with no source code. */
  public Scenario(
      String name,
      long seed,
      long durationNanos,
      long startEpochNanos,
      List<Operator> operators,
      Production production) {
    this(name, seed, durationNanos, startEpochNanos, operators, production, Map.of());
  }

  public Scenario withSeed(long s) {
    return new Scenario(name, s, durationNanos, startEpochNanos, operators, production, sources);
  }

  public Scenario withDuration(long d) {
    return new Scenario(name, seed, d, startEpochNanos, operators, production, sources);
  }

  /**
   * The same run with every operator under the service account {@code account}: the same draws, the
   * same trace; only the audit log's users differ.
   */
  public Scenario withServiceAccount(String account) {
    List<Operator> renamed = new ArrayList<>();
    for (Operator o : operators) {
      renamed.add(
          new Operator(
              o.service(),
              o.scope(),
              o.framework(),
              o.queue(),
              o.watchLatency(),
              o.dispatchLatency(),
              o.timerLatency(),
              o.apiServerSpans(),
              account,
              o.controllers()));
    }
    return new Scenario(name, seed, durationNanos, startEpochNanos, renamed, production, sources);
  }

  /** This scenario recorded another way (sampling, loss, clock offsets). */
  public Scenario withProduction(Production p) {
    return new Scenario(name, seed, durationNanos, startEpochNanos, operators, p, sources);
  }

  /** Which framework's controller semantics to model. */
  public enum Framework {
    CONTROLLER_RUNTIME,
    KUBE_RS,
    JAVA_OPERATOR_SDK
  }

  /**
   * How the traces reach the file, as in production: every reconcile still happens, but some of its
   * spans are not recorded.
   *
   * @param sampling head sampling, or null to keep every trace
   * @param spanLoss chance that one recorded span is lost on the way (queue overflow, a crashed
   *     exporter), independently per span, e.g. 0.05
   * @param clockOffsetsNanos per {@code service.name}: added to every time that service writes,
   *     e.g. {@code kube-apiserver → 20 ms}
   * @param auditLog the API server also keeps an audit log of every write ({@code simulate} writes
   *     it beside the trace as {@code PREFIX.audit.jsonl}); it is never sampled
   */
  public record Production(
      Sampling sampling, double spanLoss, Map<String, Long> clockOffsetsNanos, boolean auditLog) {
    /** Everything recorded, clocks in agreement. */
    public static final Production NONE = new Production(null, 0, Map.of());

    public Production {
      clockOffsetsNanos = java.util.Collections.unmodifiableMap(new TreeMap<>(clockOffsetsNanos));
    }

    /** Without an audit log. */
    public Production(Sampling sampling, double spanLoss, Map<String, Long> clockOffsetsNanos) {
      this(sampling, spanLoss, clockOffsetsNanos, false);
    }

    /** True when the trace is written exactly as simulated. */
    public boolean isNone() {
      return sampling == null && spanLoss == 0 && clockOffsetsNanos.isEmpty();
    }

    /** True when some recorded spans are dropped: by head sampling or by loss on the way. */
    public boolean thins() {
      return sampling != null || spanLoss > 0;
    }

    /**
     * As recorded by an operator's log rather than a trace: every reconcile is written (a log is
     * neither sampled nor lost span by span), on the same clocks, with the same audit log.
     */
    public Production unthinned() {
      return new Production(null, 0, clockOffsetsNanos, auditLog);
    }

    /** The clock offset of a service, 0 when it has none. */
    public long offset(String service) {
      return clockOffsetsNanos.getOrDefault(service, 0L);
    }
  }

  /**
   * Head sampling: one decision per trace (and per span when not parent-based), computed from the
   * trace id as the recording sampler would.
   *
   * @param ratio sampling probability in (0, 1], e.g. 0.1
   * @param parentBased a span with a parent follows its parent's decision (OpenTelemetry {@code
   *     ParentBased}); otherwise every span decides for itself with its own service's ratio
   * @param record which sampler, and so where the probability is written
   * @param serviceRatios per {@code service.name} ratios that replace {@code ratio}
   */
  public record Sampling(
      double ratio, boolean parentBased, SamplingRecord record, Map<String, Double> serviceRatios) {
    public Sampling {
      serviceRatios = java.util.Collections.unmodifiableMap(new TreeMap<>(serviceRatios));
    }

    /** The ratio a service samples with. */
    public double ratio(String service) {
      return serviceRatios.getOrDefault(service, ratio);
    }
  }

  /** Which sampler made the decision, and so what the trace says about it. */
  public enum SamplingRecord {
    /**
     * OpenTelemetry's probability sampler (and the Collector's probabilistic sampler): keeps a
     * trace when the low 56 bits of its id reach the rejection threshold, and writes the threshold
     * as {@code ot=th:…} in the W3C tracestate.
     */
    TRACESTATE,
    /**
     * The older consistent probability sampler: power-of-two probabilities, written as {@code
     * ot=r:…;p:…} in the tracestate.
     */
    TRACESTATE_P,
    /**
     * Jaeger's probabilistic sampler: tags {@code sampler.type=probabilistic} and {@code
     * sampler.param=ratio} on the root span.
     */
    JAEGER_TAGS,
    /** OpenTelemetry's {@code TraceIdRatioBased}: the decision leaves no trace. */
    NONE
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
   * @param timerLatency Java Operator SDK: how late {@code java.util.Timer} fires after the
   *     millisecond it was due (see {@link JosdkController})
   * @param apiServerSpans the kube-apiserver records a SERVER span for each of the operator's API
   *     calls, a child of the call's CLIENT span (the pairs clock offsets are estimated from)
   * @param serviceAccount the name of the service account it runs as, which the audit log gives as
   *     its user ({@code system:serviceaccount:operators:NAME})
   */
  public record Operator(
      String service,
      String scope,
      Framework framework,
      QueueFlavor queue,
      Dist watchLatency,
      Dist dispatchLatency,
      Dist timerLatency,
      boolean apiServerSpans,
      String serviceAccount,
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
   * @param josdk Java Operator SDK settings, null for the other frameworks
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
      List<Edits> edits,
      Josdk josdk) {
    public Controller {
      objects = List.copyOf(objects);
      calls = List.copyOf(calls);
      edits = List.copyOf(edits);
      errorAt = List.copyOf(errorAt);
    }
  }

  /**
   * What a Java Operator SDK controller adds to a controller's settings.
   *
   * @param reconciler the reconciler's class, e.g. {@code com.example.WebPageReconciler}: the
   *     reconcile span is named {@code WebPageReconciler.reconcile}
   * @param maxReconciliationIntervalNanos {@code maxReconciliationInterval}, 0 = off (JOSDK's
   *     default is 10 h)
   * @param retry the {@code GenericRetry} settings
   * @param patchStatus chance that a successful reconcile returns {@code
   *     UpdateControl.patchStatus}: the framework then patches the status after the reconcile
   *     method returned
   */
  public record Josdk(
      String reconciler, long maxReconciliationIntervalNanos, Retry retry, double patchStatus) {
    /** The class name without its package, e.g. {@code WebPageReconciler}. */
    public String reconcilerSimpleName() {
      return reconciler.substring(reconciler.lastIndexOf('.') + 1);
    }
  }

  /**
   * JOSDK {@code GenericRetry}: delays {@code initial, initial, initial·m, initial·m², …} capped at
   * {@code maxInterval}, at most {@code maxAttempts} retries (the initial interval is used twice,
   * as {@code GenericRetryExecution.nextDelay} does).
   *
   * @param initialIntervalNanos e.g. 2 s (JOSDK's default)
   * @param multiplier e.g. 1.5 (default)
   * @param maxAttempts e.g. 5 (default); 0 = no retry
   * @param maxIntervalNanos cap of one delay, e.g. 15.187 s (default {@code 2 s·1.5⁵})
   */
  public record Retry(
      long initialIntervalNanos, double multiplier, int maxAttempts, long maxIntervalNanos) {}

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
    BOTH,
    /**
     * The writer's own CLIENT span {@code HTTP PATCH} (another service, its own trace) with {@code
     * url.full} naming the object.
     */
    CLIENT
  }

  /** What an external edit changes. */
  public enum EditChange {
    /** The spec: metadata.generation changes, every filter lets the event through. */
    SPEC,
    /** Labels or annotations only: the generation stays, so a generation filter drops the event. */
    METADATA
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
   * @param service the writer's {@code service.name} when its CLIENT spans are visible
   * @param change what the edit changes
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
      String client,
      String service,
      EditChange change) {
    public Edits {
      timesNanos = List.copyOf(timesNanos);
      objects = List.copyOf(objects);
    }
  }
}
