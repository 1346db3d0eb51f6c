package io.github.wakeupanalyze.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wakeupanalyze.simulate.Scenario.Call;
import io.github.wakeupanalyze.simulate.Scenario.Controller;
import io.github.wakeupanalyze.simulate.Scenario.EditChange;
import io.github.wakeupanalyze.simulate.Scenario.EditKind;
import io.github.wakeupanalyze.simulate.Scenario.Edits;
import io.github.wakeupanalyze.simulate.Scenario.Framework;
import io.github.wakeupanalyze.simulate.Scenario.Josdk;
import io.github.wakeupanalyze.simulate.Scenario.Operator;
import io.github.wakeupanalyze.simulate.Scenario.Production;
import io.github.wakeupanalyze.simulate.Scenario.QueueFlavor;
import io.github.wakeupanalyze.simulate.Scenario.Retry;
import io.github.wakeupanalyze.simulate.Scenario.Sampling;
import io.github.wakeupanalyze.simulate.Scenario.SamplingRecord;
import io.github.wakeupanalyze.simulate.Scenario.Visibility;
import io.github.wakeupanalyze.simulate.ScenarioFile.ControllerFile;
import io.github.wakeupanalyze.simulate.ScenarioFile.DistFile;
import io.github.wakeupanalyze.simulate.ScenarioFile.EditsFile;
import io.github.wakeupanalyze.simulate.ScenarioFile.Nanos;
import io.github.wakeupanalyze.simulate.ScenarioFile.OperatorFile;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a bound {@link ScenarioFile} and builds the {@link Scenario}: defaults, ranges, keys that
 * only one framework has, and references between keys. Errors name the key path.
 */
final class ScenarioChecker {
  private static final long SECOND = 1_000_000_000L;
  private static final Pattern REF =
      Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  /** JOSDK {@code GradualRetry} defaults: 2 s, ×1.5, 5 attempts, cap 2 s·1.5⁵. */
  static final Retry JOSDK_DEFAULT_RETRY =
      new Retry(2 * SECOND, 1.5, 5, (long) (2000 * Math.pow(1.5, 5)) * 1_000_000L);

  /** The scope of spans made by the OpenTelemetry Java agent's {@code @WithSpan} support. */
  static final String WITH_SPAN_SCOPE =
      "io.opentelemetry.opentelemetry-instrumentation-annotations-1.16";

  /** An error at a key path; {@link ScenarioLoader} adds the file name. */
  static final class Bad extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Bad(String path, String message) {
      super((path.isEmpty() ? "" : path + ": ") + message, null, false, false);
    }
  }

  private final java.nio.file.Path dir;
  private long start = Scenario.DEFAULT_START;

  private static final Pattern SOURCE_PATH =
      Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");

  ScenarioChecker(java.nio.file.Path dir) {
    this.dir = dir;
  }

  Scenario scenario(ScenarioFile.Root f, String defaultName) {
    long duration = nanos(f.duration(), "duration", 30 * 60 * SECOND);
    if (duration <= 0) {
      throw new Bad("duration", "must be positive");
    }
    if (f.start() != null) {
      try {
        Instant i = Instant.parse(f.start());
        start = Math.addExact(Math.multiplyExact(i.getEpochSecond(), SECOND), i.getNano());
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new Bad("start", "expected an instant like 2026-01-01T00:00:00Z");
      }
    }
    if (f.operators() == null) {
      throw new Bad("operators", "required");
    }
    if (f.operators().isEmpty()) {
      throw new Bad("operators", "must not be empty");
    }
    List<Operator> ops = new ArrayList<>();
    for (int i = 0; i < f.operators().size(); i++) {
      ops.add(operator(f.operators().get(i), "operators[" + i + "]"));
    }
    String name = f.name() == null ? defaultName : f.name();
    long seed = f.seed() == null ? 1 : f.seed();
    return new Scenario(name, seed, duration, start, ops, production(f), sources(f.sources()));
  }

  /**
   * Source files as relative paths of plain names ({@code pkg/ctl/controller.go}): no absolute
   * path, no {@code ..}, no empty or hidden segment, so writing them stays inside the output
   * folder.
   */
  static Map<String, String> sources(Map<String, String> files) {
    if (files == null) {
      return Map.of();
    }
    for (Map.Entry<String, String> e : files.entrySet()) {
      String where = "sources." + e.getKey();
      if (!SOURCE_PATH.matcher(e.getKey()).matches()) {
        throw new Bad(
            where,
            "expected a relative path of names made of letters, digits, '.', '_' and '-' "
                + "separated by '/', e.g. pkg/controller/shop.go");
      }
      if (e.getValue() == null) {
        throw new Bad(where, "expected the file's text");
      }
    }
    return files;
  }

  private Production production(ScenarioFile.Root f) {
    Sampling sampling = null;
    if (f.sampling() != null) {
      ScenarioFile.SamplingFile s = f.sampling();
      if (s.ratio() == null) {
        throw new Bad("sampling.ratio", "required: the sampling probability, e.g. 0.1");
      }
      double ratio = ratio(s.ratio(), "sampling.ratio");
      Map<String, Double> services = new LinkedHashMap<>();
      if (s.services() != null) {
        s.services().forEach((k, v) -> services.put(k, ratio(v, "sampling.services." + k)));
      }
      sampling =
          new Sampling(
              ratio,
              s.parentBased() == null || s.parentBased(),
              choice(s.record(), "sampling.record", SamplingRecord.class, SamplingRecord.NONE),
              services);
    }
    Map<String, Long> offsets = new LinkedHashMap<>();
    if (f.clockOffsets() != null) {
      f.clockOffsets()
          .forEach(
              (k, v) -> {
                if (v == null) {
                  throw new Bad("clockOffsets." + k, "expected a duration like 20ms or -20ms");
                }
                offsets.put(k, v.value);
              });
    }
    double loss = number(f.spanLoss(), "spanLoss", 0, 0, 0.99);
    return new Production(sampling, loss, offsets, Boolean.TRUE.equals(f.auditLog()));
  }

  private static double ratio(Double v, String path) {
    if (v == null || !(v > 0 && v <= 1)) {
      throw new Bad(path, "expected a probability in (0, 1], found " + v);
    }
    return v;
  }

  private Operator operator(OperatorFile f, String at) {
    String service = required(f.service(), at + ".service");
    Framework fw =
        choice(f.framework(), at + ".framework", Framework.class, Framework.CONTROLLER_RUNTIME);
    if (fw != Framework.CONTROLLER_RUNTIME && f.queue() != null) {
      throw new Bad(at + ".queue", "only for framework controller-runtime");
    }
    if (fw != Framework.JAVA_OPERATOR_SDK && f.timerLatency() != null) {
      throw new Bad(at + ".timerLatency", "only for framework java-operator-sdk");
    }
    QueueFlavor queue = choice(f.queue(), at + ".queue", QueueFlavor.class, QueueFlavor.PRIORITY);
    if (f.controllers() == null) {
      throw new Bad(at + ".controllers", "required");
    }
    List<Controller> cs = new ArrayList<>();
    for (int i = 0; i < f.controllers().size(); i++) {
      cs.add(controller(f.controllers().get(i), fw, at + ".controllers[" + i + "]"));
    }
    String scope = f.scope();
    if (scope == null) {
      scope = fw == Framework.JAVA_OPERATOR_SDK ? WITH_SPAN_SCOPE : service;
    }
    return new Operator(
        service,
        scope,
        fw,
        queue,
        dist(f.watchLatency(), at + ".watchLatency", Dist.lognormal(3_000_000L, 0.5)),
        dist(f.dispatchLatency(), at + ".dispatchLatency", Dist.lognormal(200_000L, 0.5)),
        dist(f.timerLatency(), at + ".timerLatency", Dist.lognormal(950_000L, 0.35)),
        f.apiServerSpans() != null && f.apiServerSpans(),
        f.serviceAccount() == null ? service : f.serviceAccount(),
        cs);
  }

  private Controller controller(ControllerFile f, Framework fw, String at) {
    boolean kube = fw == Framework.KUBE_RS;
    boolean josdk = fw == Framework.JAVA_OPERATOR_SDK;
    String name = required(f.name(), at + ".name");
    String kind = f.kind() == null ? "Widget" : f.kind();
    String group = f.group() == null ? "example.com" : f.group();
    List<String> objects = objects(f.objects(), kind, at + ".objects");
    if (!kube) {
      only(f.bulkReconcileEvery(), at + ".bulkReconcileEvery", "kube-rs");
      only(f.errorPolicyRequeue(), at + ".errorPolicyRequeue", "kube-rs");
      only(f.omitReason(), at + ".omitReason", "kube-rs");
    }
    if (kube && f.syncPeriod() != null) {
      throw new Bad(at + ".syncPeriod", "kube-rs has no informer resync; use bulkReconcileEvery");
    }
    if (josdk && f.syncPeriod() != null) {
      throw new Bad(
          at + ".syncPeriod",
          "the Java Operator SDK's informers do not resync; use maxReconciliationInterval");
    }
    if (!josdk) {
      only(f.reconciler(), at + ".reconciler", "java-operator-sdk");
      only(f.maxReconciliationInterval(), at + ".maxReconciliationInterval", "java-operator-sdk");
      only(f.retry(), at + ".retry", "java-operator-sdk");
      only(f.patchStatus(), at + ".patchStatus", "java-operator-sdk");
    }
    long readyAfter = -1;
    long readyRequeue = 0;
    if (f.whenReady() != null) {
      readyAfter = nanos(f.whenReady().after(), at + ".whenReady.after", 0);
      readyRequeue = nanos(f.whenReady().requeueAfter(), at + ".whenReady.requeueAfter", 0);
    }
    double errP = 0;
    int errRun = 1;
    List<Integer> errAt = new ArrayList<>();
    if (f.errors() != null) {
      errP = number(f.errors().probability(), at + ".errors.probability", 0, 0, 1);
      errRun = whole(f.errors().run(), at + ".errors.run", 1, 1, 64);
      if (f.errors().at() != null) {
        for (int i = 0; i < f.errors().at().size(); i++) {
          errAt.add(
              whole(f.errors().at().get(i), at + ".errors.at[" + i + "]", 1, 1, Integer.MAX_VALUE));
        }
      }
    }
    List<Call> calls = new ArrayList<>();
    if (f.calls() == null) {
      calls.add(new Call("GET", "self", 1, false));
    } else {
      for (int i = 0; i < f.calls().size(); i++) {
        ScenarioFile.CallFile c = f.calls().get(i);
        String ca = at + ".calls[" + i + "]";
        calls.add(
            new Call(
                required(c.method(), ca + ".method").toUpperCase(Locale.ROOT),
                required(c.path(), ca + ".path"),
                number(c.probability(), ca + ".probability", 1, 0, 1),
                c.helper() != null && c.helper()));
      }
    }
    String helper = null;
    double helperP = 0;
    if (f.helper() != null) {
      helper = required(f.helper().name(), at + ".helper.name");
      helperP = number(f.helper().probability(), at + ".helper.probability", 1, 0, 1);
    }
    List<Edits> edits = new ArrayList<>();
    if (f.edits() != null) {
      for (int i = 0; i < f.edits().size(); i++) {
        edits.add(edits(f.edits().get(i), objects, at + ".edits[" + i + "]"));
      }
    }
    int maxConc =
        whole(
            f.maxConcurrentReconciles(),
            at + ".maxConcurrentReconciles",
            kube ? 0 : josdk ? 50 : 1,
            kube ? 0 : 1,
            10_000);
    Josdk josdkSettings = josdk ? josdk(f, kind, at) : null;
    return new Controller(
        name,
        group,
        f.version() == null ? "v1" : f.version(),
        kind,
        f.resource() == null ? kind.toLowerCase(Locale.ROOT) + "s" : f.resource(),
        objects,
        maxConc,
        kube || josdk ? 0 : nanos(f.syncPeriod(), at + ".syncPeriod", 10 * 3600 * SECOND),
        nanos(f.bulkReconcileEvery(), at + ".bulkReconcileEvery", 0),
        f.generationChangedPredicate() == null ? josdk : f.generationChangedPredicate(),
        dist(f.duration(), at + ".duration", Dist.lognormal(20_000_000L, 0.5)),
        nanos(f.requeueAfter(), at + ".requeueAfter", 0),
        number(f.requeueJitter(), at + ".requeueJitter", 0, 0, 10),
        readyRequeue,
        readyAfter,
        errP,
        errRun,
        errAt,
        nanos(f.errorPolicyRequeue(), at + ".errorPolicyRequeue", 5 * SECOND),
        f.omitReason() != null && f.omitReason(),
        calls,
        helper,
        helperP,
        edits,
        josdkSettings);
  }

  private Josdk josdk(ControllerFile f, String kind, String at) {
    Retry retry = JOSDK_DEFAULT_RETRY;
    if (f.retry() != null) {
      ScenarioFile.RetryFile r = f.retry();
      retry =
          new Retry(
              nanos(
                  r.initialInterval(), at + ".retry.initialInterval", retry.initialIntervalNanos()),
              number(r.multiplier(), at + ".retry.multiplier", retry.multiplier(), 1, 100),
              whole(r.maxAttempts(), at + ".retry.maxAttempts", retry.maxAttempts(), 0, 1000),
              nanos(r.maxInterval(), at + ".retry.maxInterval", retry.maxIntervalNanos()));
    }
    String reconciler =
        f.reconciler() == null ? "com.example.operator." + kind + "Reconciler" : f.reconciler();
    if (!reconciler.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
      throw new Bad(at + ".reconciler", "expected a Java class name, found \"" + reconciler + "\"");
    }
    return new Josdk(
        reconciler,
        nanos(f.maxReconciliationInterval(), at + ".maxReconciliationInterval", 10 * 3600 * SECOND),
        retry,
        number(f.patchStatus(), at + ".patchStatus", 0, 0, 1));
  }

  private static List<String> objects(JsonNode on, String kind, String at) {
    List<String> objects = new ArrayList<>();
    if (on == null || on.isNull()) {
      throw new Bad(at, "required: a list of namespace/name, or a count");
    }
    if (on.isIntegralNumber()) {
      int count = whole(on.asInt(), at, 1, 1, 1_000_000);
      for (int i = 0; i < count; i++) {
        objects.add("default/" + kind.toLowerCase(Locale.ROOT) + "-" + i);
      }
    } else if (on.isArray()) {
      for (int i = 0; i < on.size(); i++) {
        JsonNode o = on.get(i);
        String ref = o.isTextual() ? o.asText() : o.toString();
        if (!REF.matcher(ref).matches()) {
          throw new Bad(at + "[" + i + "]", "expected namespace/name, found \"" + ref + "\"");
        }
        if (objects.contains(ref)) {
          throw new Bad(at + "[" + i + "]", "duplicate object " + ref);
        }
        objects.add(ref);
      }
    } else {
      throw new Bad(at, "expected a list of namespace/name, or a count");
    }
    if (objects.isEmpty()) {
      throw new Bad(at, "must not be empty");
    }
    return objects;
  }

  private Edits edits(EditsFile f, List<String> all, String at) {
    if (f.type() == null) {
      throw new Bad(at + ".type", "required: poisson, periodic, burst or times");
    }
    EditKind kind = choice(f.type(), at + ".type", EditKind.class, EditKind.POISSON);
    long mean = 0;
    long period = 0;
    List<Long> times = new ArrayList<>();
    switch (kind) {
      case POISSON, BURST -> {
        mean = nanos(f.meanInterval(), at + ".meanInterval", 0);
        if (mean <= 0) {
          throw new Bad(at + ".meanInterval", "required, positive");
        }
      }
      case PERIODIC -> {
        period = nanos(f.period(), at + ".period", 0);
        if (period <= 0) {
          throw new Bad(at + ".period", "required, positive");
        }
      }
      case TIMES -> {
        if (f.times() != null) {
          for (int i = 0; i < f.times().size(); i++) {
            times.add(nanos(f.times().get(i), at + ".times[" + i + "]", 0));
          }
        } else if (f.file() != null) {
          times.addAll(new EditTimes(dir, start).read(f.file(), at + ".file"));
        } else {
          throw new Bad(at, "type times needs times: [..] or file: edits.csv");
        }
        times.sort(null);
      }
      default -> throw new IllegalStateException();
    }
    List<String> objs = new ArrayList<>();
    if (f.objects() != null) {
      for (int i = 0; i < f.objects().size(); i++) {
        String ref = required(f.objects().get(i), at + ".objects[" + i + "]");
        if (!all.contains(ref)) {
          throw new Bad(at + ".objects[" + i + "]", "not an object of this controller: " + ref);
        }
        objs.add(ref);
      }
    }
    String client = f.client() == null ? "kubectl/v1.31.0" : f.client();
    String service = f.service() == null ? client.replaceFirst("/.*", "") : f.service();
    return new Edits(
        kind,
        mean,
        period,
        number(f.jitter(), at + ".jitter", 0, 0, 0.5),
        whole(f.size(), at + ".size", 5, 1, 100_000),
        dist(f.spacing(), at + ".spacing", Dist.fixed(200_000_000L)),
        times,
        objs,
        choice(f.visible(), at + ".visible", Visibility.class, Visibility.NONE),
        f.related(),
        client,
        service,
        choice(f.change(), at + ".change", EditChange.class, EditChange.SPEC));
  }

  private static void only(Object value, String path, String framework) {
    if (value != null) {
      throw new Bad(path, "only for framework " + framework);
    }
  }

  private static String required(String s, String path) {
    if (s == null || s.isEmpty()) {
      throw new Bad(path, "required");
    }
    return s;
  }

  /** A non-negative duration, or {@code dflt} when absent. */
  private static long nanos(Nanos n, String path, long dflt) {
    if (n == null) {
      return dflt;
    }
    if (n.value < 0) {
      throw new Bad(path, "must not be negative");
    }
    return n.value;
  }

  private static Dist dist(DistFile d, String path, Dist dflt) {
    if (d == null) {
      return dflt;
    }
    if (d.median() != null) {
      if (d.min() != null || d.max() != null || d.fixed() != null) {
        throw new Bad(path, "give either {median, sigma} or {min, max}, not both");
      }
      return Dist.lognormal(
          nanos(d.median(), path + ".median", 0), number(d.sigma(), path + ".sigma", 0.5, 0, 5));
    }
    if (d.sigma() != null) {
      throw new Bad(path + ".sigma", "only with median");
    }
    if (d.min() != null || d.max() != null) {
      long lo = nanos(d.min(), path + ".min", 0);
      long hi = nanos(d.max(), path + ".max", lo);
      if (hi < lo) {
        throw new Bad(path, "max must not be below min");
      }
      return Dist.uniform(lo, hi);
    }
    return Dist.fixed(nanos(d.fixed(), path, 0));
  }

  private static double number(Double v, String path, double dflt, double min, double max) {
    if (v == null) {
      return dflt;
    }
    if (!(v >= min && v <= max)) {
      throw new Bad(path, "expected a number in [" + min + ", " + max + "], found " + v);
    }
    return v;
  }

  private static int whole(Integer v, String path, int dflt, int min, int max) {
    if (v == null) {
      return dflt;
    }
    if (v < min || v > max) {
      throw new Bad(path, "expected a whole number in [" + min + ", " + max + "], found " + v);
    }
    return v;
  }

  private static <E extends Enum<E>> E choice(String value, String path, Class<E> type, E dflt) {
    if (value == null) {
      return dflt;
    }
    String s = value.toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    throw new Bad(
        path, "expected one of " + ScenarioLoader.names(type) + ", found \"" + value + "\"");
  }
}
