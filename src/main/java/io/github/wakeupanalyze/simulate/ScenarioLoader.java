package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.simulate.Scenario.Call;
import io.github.wakeupanalyze.simulate.Scenario.Controller;
import io.github.wakeupanalyze.simulate.Scenario.EditKind;
import io.github.wakeupanalyze.simulate.Scenario.Edits;
import io.github.wakeupanalyze.simulate.Scenario.Framework;
import io.github.wakeupanalyze.simulate.Scenario.Operator;
import io.github.wakeupanalyze.simulate.Scenario.QueueFlavor;
import io.github.wakeupanalyze.simulate.Scenario.Visibility;
import io.github.wakeupanalyze.text.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a scenario from YAML or JSON (JSON is YAML). Strict: an unknown key is an error, so a typo
 * does not silently fall back to a default. Every error names the file and the key path, e.g.
 * {@code percona.yaml: operators[0].controllers[1].requeueAfter: expected a duration like 5s …}.
 * The schema with its defaults is documented in {@code docs/simulate.md}.
 */
public final class ScenarioLoader {
  private ScenarioLoader() {}

  /** Reads a scenario file; a {@code times} edit source's {@code file} is relative to it. */
  public static Scenario load(Path file) throws ScenarioException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ScenarioException(file + ": cannot read: no such file");
    } catch (IOException e) {
      throw new ScenarioException(file + ": cannot read: " + e.getMessage());
    }
    String base = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), base, dir);
  }

  /**
   * Parses scenario text.
   *
   * @param where the name used in error messages
   * @param defaultName the scenario name when the text gives none
   * @param dir the directory relative paths are resolved against
   */
  public static Scenario parse(String text, String where, String defaultName, Path dir)
      throws ScenarioException {
    Object root;
    try {
      Load load =
          new Load(
              LoadSettings.builder()
                  .setLabel(where)
                  .setMaxAliasesForCollections(10)
                  .setCodePointLimit(1 << 22)
                  .build());
      root = load.loadFromString(text);
    } catch (YamlEngineException e) {
      throw new ScenarioException(
          where
              + ": not valid YAML or JSON: "
              + e.getMessage().replace('\n', ' ').replaceAll(" +", " "),
          e);
    }
    try {
      return new ScenarioLoader.Reader(where, dir).scenario(new Node(root, ""), defaultName);
    } catch (Bad e) {
      throw new ScenarioException(where + ": " + e.getMessage());
    }
  }

  /** An error inside the tree; turned into a {@link ScenarioException} naming the file. */
  private static final class Bad extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Bad(String path, String message) {
      super((path.isEmpty() ? "" : path + ": ") + message, null, false, false);
    }
  }

  /** A value in the parsed tree and its path. */
  private record Node(Object value, String path) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map(Set<String> allowed) {
      if (!(value instanceof Map)) {
        throw new Bad(path, "expected a mapping, found " + describe(value));
      }
      Map<String, Object> m = (Map<String, Object>) value;
      Set<String> unknown = new TreeSet<>();
      for (Object k : m.keySet()) {
        if (!(k instanceof String) || !allowed.contains(k)) {
          unknown.add(String.valueOf(k));
        }
      }
      if (!unknown.isEmpty()) {
        throw new Bad(
            path,
            "unknown key "
                + unknown.iterator().next()
                + "; expected one of "
                + new TreeSet<>(allowed));
      }
      return m;
    }

    Node get(Map<String, Object> m, String key) {
      return new Node(m.get(key), path.isEmpty() ? key : path + "." + key);
    }

    boolean absent() {
      return value == null;
    }

    List<Node> list() {
      if (!(value instanceof List<?> l)) {
        throw new Bad(path, "expected a list, found " + describe(value));
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        out.add(new Node(l.get(i), path + "[" + i + "]"));
      }
      return out;
    }

    String string(String dflt) {
      if (value == null) {
        return dflt;
      }
      if (value instanceof Map || value instanceof List) {
        throw new Bad(path, "expected a string, found " + describe(value));
      }
      return String.valueOf(value);
    }

    String requiredString() {
      String s = string(null);
      if (s == null || s.isEmpty()) {
        throw new Bad(path, "required");
      }
      return s;
    }

    long duration(long dflt) {
      if (value == null) {
        return dflt;
      }
      if (value instanceof Number n) {
        return Durations.parseNanos(new java.math.BigDecimal(n.toString()).toPlainString(), true);
      }
      String s = string(null);
      if (s.equals("off") || s.equals("none")) {
        return 0;
      }
      try {
        long d = Durations.parseNanos(s, true);
        if (d < 0) {
          throw new Bad(path, "must not be negative");
        }
        return d;
      } catch (IllegalArgumentException e) {
        throw new Bad(path, e.getMessage());
      }
    }

    double number(double dflt, double min, double max) {
      if (value == null) {
        return dflt;
      }
      double d;
      if (value instanceof Number n) {
        d = n.doubleValue();
      } else {
        try {
          d = Double.parseDouble(string(null));
        } catch (NumberFormatException e) {
          throw new Bad(path, "expected a number, found " + describe(value));
        }
      }
      if (!(d >= min && d <= max)) {
        throw new Bad(path, "expected a number in [" + min + ", " + max + "], found " + d);
      }
      return d;
    }

    int integer(int dflt, int min, int max) {
      double d = number(dflt, min, max);
      if (d != Math.rint(d)) {
        throw new Bad(path, "expected a whole number, found " + d);
      }
      return (int) d;
    }

    boolean bool(boolean dflt) {
      if (value == null) {
        return dflt;
      }
      if (value instanceof Boolean b) {
        return b;
      }
      throw new Bad(path, "expected true or false, found " + describe(value));
    }

    /** A duration distribution: a fixed duration, {@code {median, sigma}} or {@code {min, max}}. */
    Dist dist(Dist dflt) {
      if (value == null) {
        return dflt;
      }
      if (!(value instanceof Map)) {
        return Dist.fixed(duration(0));
      }
      Map<String, Object> m = map(Set.of("median", "sigma", "min", "max", "fixed"));
      if (m.containsKey("median")) {
        return Dist.lognormal(get(m, "median").duration(0), get(m, "sigma").number(0.5, 0, 5));
      }
      if (m.containsKey("min") || m.containsKey("max")) {
        long lo = get(m, "min").duration(0);
        long hi = get(m, "max").duration(lo);
        if (hi < lo) {
          throw new Bad(path, "max must not be below min");
        }
        return Dist.uniform(lo, hi);
      }
      return Dist.fixed(get(m, "fixed").duration(0));
    }

    <E extends Enum<E>> E choice(Class<E> type, E dflt) {
      if (value == null) {
        return dflt;
      }
      String s = string(null).toUpperCase(Locale.ROOT).replace('-', '_');
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(s)) {
          return e;
        }
      }
      List<String> names = new ArrayList<>();
      for (E e : type.getEnumConstants()) {
        names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
      throw new Bad(path, "expected one of " + names + ", found \"" + value + "\"");
    }

    static String describe(Object v) {
      if (v == null) {
        return "nothing";
      }
      if (v instanceof Map) {
        return "a mapping";
      }
      if (v instanceof List) {
        return "a list";
      }
      return "\"" + v + "\"";
    }
  }

  private static final class Reader {
    private final String where;
    private final Path dir;
    private long start = Scenario.DEFAULT_START;

    Reader(String where, Path dir) {
      this.where = where;
      this.dir = dir;
    }

    Scenario scenario(Node n, String defaultName) {
      Map<String, Object> m = n.map(Set.of("name", "seed", "duration", "start", "operators"));
      String name = n.get(m, "name").string(defaultName);
      long seed = (long) n.get(m, "seed").number(1, Long.MIN_VALUE, Long.MAX_VALUE);
      long duration = n.get(m, "duration").duration(30L * 60 * 1_000_000_000L);
      if (duration <= 0) {
        throw new Bad("duration", "must be positive");
      }
      Node s = n.get(m, "start");
      if (!s.absent()) {
        try {
          Instant i = Instant.parse(s.string(null));
          start =
              Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
          throw new Bad("start", "expected an instant like 2026-01-01T00:00:00Z");
        }
      }
      List<Operator> ops = new ArrayList<>();
      Node opsNode = n.get(m, "operators");
      if (opsNode.absent()) {
        throw new Bad("operators", "required");
      }
      for (Node o : opsNode.list()) {
        ops.add(operator(o));
      }
      if (ops.isEmpty()) {
        throw new Bad("operators", "must not be empty");
      }
      return new Scenario(name, seed, duration, start, ops);
    }

    Operator operator(Node n) {
      Map<String, Object> m =
          n.map(
              Set.of(
                  "service",
                  "scope",
                  "framework",
                  "queue",
                  "watchLatency",
                  "dispatchLatency",
                  "controllers"));
      String service = n.get(m, "service").requiredString();
      Framework fw = n.get(m, "framework").choice(Framework.class, Framework.CONTROLLER_RUNTIME);
      Node q = n.get(m, "queue");
      if (fw == Framework.KUBE_RS && !q.absent()) {
        throw new Bad(q.path(), "only for framework controller-runtime");
      }
      QueueFlavor queue = q.choice(QueueFlavor.class, QueueFlavor.PRIORITY);
      Dist watch = n.get(m, "watchLatency").dist(Dist.lognormal(3_000_000L, 0.5));
      Dist dispatch = n.get(m, "dispatchLatency").dist(Dist.lognormal(200_000L, 0.5));
      List<Controller> cs = new ArrayList<>();
      Node csNode = n.get(m, "controllers");
      if (csNode.absent()) {
        throw new Bad(csNode.path(), "required");
      }
      for (Node c : csNode.list()) {
        cs.add(controller(c, fw));
      }
      return new Operator(
          service, n.get(m, "scope").string(service), fw, queue, watch, dispatch, cs);
    }

    Controller controller(Node n, Framework fw) {
      boolean kube = fw == Framework.KUBE_RS;
      Map<String, Object> m =
          n.map(
              Set.of(
                  "name",
                  "group",
                  "version",
                  "kind",
                  "resource",
                  "objects",
                  "maxConcurrentReconciles",
                  "syncPeriod",
                  "bulkReconcileEvery",
                  "generationChangedPredicate",
                  "duration",
                  "requeueAfter",
                  "requeueJitter",
                  "whenReady",
                  "errors",
                  "errorPolicyRequeue",
                  "omitReason",
                  "calls",
                  "helper",
                  "edits"));
      String name = n.get(m, "name").requiredString();
      String group = n.get(m, "group").string("example.com");
      String version = n.get(m, "version").string("v1");
      String kind = n.get(m, "kind").string("Widget");
      String resource = n.get(m, "resource").string(kind.toLowerCase(Locale.ROOT) + "s");
      List<String> objects = new ArrayList<>();
      Node on = n.get(m, "objects");
      if (on.value() instanceof Number) {
        int count = on.integer(1, 1, 1_000_000);
        for (int i = 0; i < count; i++) {
          objects.add("default/" + kind.toLowerCase(Locale.ROOT) + "-" + i);
        }
      } else if (on.absent()) {
        throw new Bad(on.path(), "required: a list of namespace/name, or a count");
      } else {
        for (Node o : on.list()) {
          String ref = o.requiredString();
          if (!ref.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw new Bad(o.path(), "expected namespace/name, found \"" + ref + "\"");
          }
          if (objects.contains(ref)) {
            throw new Bad(o.path(), "duplicate object " + ref);
          }
          objects.add(ref);
        }
      }
      if (objects.isEmpty()) {
        throw new Bad(on.path(), "must not be empty");
      }
      Node sync = n.get(m, "syncPeriod");
      Node bulk = n.get(m, "bulkReconcileEvery");
      Node epr = n.get(m, "errorPolicyRequeue");
      Node omit = n.get(m, "omitReason");
      if (kube && !sync.absent()) {
        throw new Bad(sync.path(), "kube-rs has no informer resync; use bulkReconcileEvery");
      }
      if (!kube) {
        for (Node only : List.of(bulk, epr, omit)) {
          if (!only.absent()) {
            throw new Bad(only.path(), "only for framework kube-rs");
          }
        }
      }
      long readyAfter = -1;
      long readyRequeue = 0;
      Node wr = n.get(m, "whenReady");
      if (!wr.absent()) {
        Map<String, Object> w = wr.map(Set.of("after", "requeueAfter"));
        readyAfter = wr.get(w, "after").duration(0);
        readyRequeue = wr.get(w, "requeueAfter").duration(0);
      }
      double errP = 0;
      int errRun = 1;
      List<Integer> errAt = new ArrayList<>();
      Node er = n.get(m, "errors");
      if (!er.absent()) {
        Map<String, Object> e = er.map(Set.of("probability", "run", "at"));
        errP = er.get(e, "probability").number(0, 0, 1);
        errRun = er.get(e, "run").integer(1, 1, 64);
        Node at = er.get(e, "at");
        if (!at.absent()) {
          for (Node x : at.list()) {
            errAt.add(x.integer(1, 1, Integer.MAX_VALUE));
          }
        }
      }
      List<Call> calls = new ArrayList<>();
      Node cn = n.get(m, "calls");
      if (cn.absent()) {
        calls.add(new Call("GET", "self", 1, false));
      } else {
        for (Node c : cn.list()) {
          Map<String, Object> cm = c.map(Set.of("method", "path", "probability", "helper"));
          calls.add(
              new Call(
                  c.get(cm, "method").requiredString().toUpperCase(Locale.ROOT),
                  c.get(cm, "path").requiredString(),
                  c.get(cm, "probability").number(1, 0, 1),
                  c.get(cm, "helper").bool(false)));
        }
      }
      String helper = null;
      double helperP = 0;
      Node hn = n.get(m, "helper");
      if (!hn.absent()) {
        Map<String, Object> h = hn.map(Set.of("name", "probability"));
        helper = hn.get(h, "name").requiredString();
        helperP = hn.get(h, "probability").number(1, 0, 1);
      }
      List<Edits> edits = new ArrayList<>();
      Node en = n.get(m, "edits");
      if (!en.absent()) {
        for (Node e : en.list()) {
          edits.add(edits(e, objects));
        }
      }
      int maxConc = n.get(m, "maxConcurrentReconciles").integer(kube ? 0 : 1, kube ? 0 : 1, 10_000);
      return new Controller(
          name,
          group,
          version,
          kind,
          resource,
          objects,
          maxConc,
          kube ? 0 : sync.duration(10L * 3600 * 1_000_000_000L),
          bulk.duration(0),
          n.get(m, "generationChangedPredicate").bool(false),
          n.get(m, "duration").dist(Dist.lognormal(20_000_000L, 0.5)),
          n.get(m, "requeueAfter").duration(0),
          n.get(m, "requeueJitter").number(0, 0, 10),
          readyRequeue,
          readyAfter,
          errP,
          errRun,
          errAt,
          epr.duration(5_000_000_000L),
          omit.bool(false),
          calls,
          helper,
          helperP,
          edits);
    }

    Edits edits(Node n, List<String> all) {
      Map<String, Object> m =
          n.map(
              Set.of(
                  "type",
                  "meanInterval",
                  "period",
                  "jitter",
                  "size",
                  "spacing",
                  "times",
                  "file",
                  "objects",
                  "visible",
                  "related",
                  "client"));
      Node tn = n.get(m, "type");
      if (tn.absent()) {
        throw new Bad(tn.path(), "required: poisson, periodic, burst or times");
      }
      EditKind kind = tn.choice(EditKind.class, EditKind.POISSON);
      long mean = 0;
      long period = 0;
      List<Long> times = new ArrayList<>();
      switch (kind) {
        case POISSON, BURST -> {
          mean = n.get(m, "meanInterval").duration(0);
          if (mean <= 0) {
            throw new Bad(n.get(m, "meanInterval").path(), "required, positive");
          }
        }
        case PERIODIC -> {
          period = n.get(m, "period").duration(0);
          if (period <= 0) {
            throw new Bad(n.get(m, "period").path(), "required, positive");
          }
        }
        case TIMES -> {
          Node t = n.get(m, "times");
          Node f = n.get(m, "file");
          if (!t.absent()) {
            for (Node x : t.list()) {
              times.add(x.duration(0));
            }
          } else if (!f.absent()) {
            times.addAll(readTimes(f));
          } else {
            throw new Bad(n.path(), "type times needs times: [..] or file: edits.csv");
          }
          times.sort(null);
        }
        default -> throw new IllegalStateException();
      }
      List<String> objs = new ArrayList<>();
      Node on = n.get(m, "objects");
      if (!on.absent()) {
        for (Node o : on.list()) {
          String ref = o.requiredString();
          if (!all.contains(ref)) {
            throw new Bad(o.path(), "not an object of this controller: " + ref);
          }
          objs.add(ref);
        }
      }
      return new Edits(
          kind,
          mean,
          period,
          n.get(m, "jitter").number(0, 0, 0.5),
          n.get(m, "size").integer(5, 1, 100_000),
          n.get(m, "spacing").dist(Dist.fixed(200_000_000L)),
          times,
          objs,
          n.get(m, "visible").choice(Visibility.class, Visibility.NONE),
          n.get(m, "related").string(null),
          n.get(m, "client").string("kubectl/v1.31.0"));
    }

    /**
     * Reads edit times from a CSV: one time per line in the first column; an optional header. A
     * duration ({@code 90s}) or a plain number below 10⁹ is an offset in seconds from the start; a
     * larger number is Unix time in seconds, milliseconds, microseconds or nanoseconds (by its
     * magnitude); an ISO-8601 instant is absolute. Absolute times before the scenario start are
     * dropped.
     */
    List<Long> readTimes(Node f) {
      Path p = dir == null ? Path.of(f.requiredString()) : dir.resolve(f.requiredString());
      List<String> lines;
      try {
        lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new Bad(f.path(), "cannot read " + p + ": " + e.getMessage());
      }
      List<Long> out = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String cell = lines.get(i).split(",", 2)[0].trim();
        if (cell.isEmpty() || cell.startsWith("#")) {
          continue;
        }
        Long t = time(cell);
        if (t == null) {
          if (out.isEmpty() && i == 0) {
            continue; // header
          }
          throw new Bad(
              f.path(),
              p.getFileName() + ":" + (i + 1) + ": expected a time, found \"" + cell + "\"");
        }
        if (t >= 0) {
          out.add(t);
        }
      }
      return out;
    }

    private Long time(String cell) {
      try {
        Instant i = Instant.parse(cell);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano() - start;
      } catch (DateTimeParseException notIso) {
        // numbers below
      }
      try {
        java.math.BigDecimal d = new java.math.BigDecimal(cell);
        if (d.compareTo(java.math.BigDecimal.valueOf(1_000_000_000L)) < 0) {
          return Durations.parseNanos(d.toPlainString(), true);
        }
        int digits = d.setScale(0, java.math.RoundingMode.DOWN).toPlainString().length();
        int shift = digits <= 11 ? 9 : digits <= 14 ? 6 : digits <= 17 ? 3 : 0;
        return d.movePointRight(shift).longValue() - start;
      } catch (NumberFormatException notNumber) {
        // durations below
      }
      try {
        return Durations.parseNanos(cell, true);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
