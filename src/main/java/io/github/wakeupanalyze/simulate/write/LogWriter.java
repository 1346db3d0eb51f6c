package io.github.wakeupanalyze.simulate.write;

import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.SimSpan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Writes a simulation as an operator's log in one framework's format ({@link LogFormat}): the lines
 * that framework writes around each reconcile, in time order, optionally behind {@code kubectl logs
 * --timestamps} and {@code --prefix} prefixes.
 *
 * <p>Reconciles arrive in the order they end, and some lines depend on what comes next: a
 * controller-runtime end line says {@code requeueing after 5s} when the object's next reconcile is
 * that requeue, and a JOSDK reconcile's {@code Rescheduling event with delay} likewise. So each
 * reconcile's lines are rendered in two parts ({@link Dialect}): the lines up to its work, at once;
 * its end lines when the same object's next reconcile arrives (or, failing that, once the
 * simulation is {@value #HORIZON_NANOS} ns past it: then the end says no requeue). Lines wait in a
 * time-ordered buffer until the simulation is that horizon past them, so the file is in time order
 * for every reconcile shorter than the horizon. Memory: the lines and open ends of the last
 * horizon.
 *
 * <p>Times are truncated to the format's resolution first ({@link LogFormat#resolutionNanos()}), so
 * a reader of the log sees exactly the labels' times at that resolution.
 */
public final class LogWriter implements TraceWriter {
  /** How far behind the simulation lines and open ends are held: 10 minutes. */
  static final long HORIZON_NANOS = 600_000_000_000L;

  /** Renders one framework's lines. */
  interface Dialect {
    /**
     * The lines before and during the reconcile's work (its start, trigger, user lines).
     *
     * @param previousStart the same object's previous reconcile start, or {@code Long.MIN_VALUE}
     */
    void opening(Reconcile r, long previousStart, Lines out);

    /**
     * The lines at and after the reconcile's end.
     *
     * @param next the same object's next reconcile, or null when none came within the horizon
     */
    void closing(Reconcile r, Label next, Lines out);
  }

  /** One simulated reconcile as the dialects see it. */
  record Reconcile(
      Label label,
      String operator,
      String controller,
      String namespace,
      String name,
      String objectRef,
      String reason,
      int objectIndex,
      long start,
      long end) {}

  /** Where a dialect puts its lines. */
  static final class Lines {
    private final LogWriter writer;
    private final Reconcile r;

    Lines(LogWriter writer, Reconcile r) {
      this.writer = writer;
      this.r = r;
    }

    /** A line at {@code time} (truncated to the resolution); lines at one time keep their order. */
    void add(long time, String text) {
      writer.buffer.add(new Line(writer.truncate(time), writer.sequence++, r.operator, text));
    }
  }

  private record Line(long time, long seq, String operator, String text) {}

  private final Writer out;
  private final LogFormat format;
  private final Dialect dialect;
  private final PriorityQueue<Line> buffer =
      new PriorityQueue<>(
          (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
  private final Map<String, Reconcile> open = new LinkedHashMap<>();
  private final Map<String, Long> lastStart = new HashMap<>();
  private final Map<String, Integer> objectIndex = new HashMap<>();
  private long sequence;
  private long delivered;

  LogWriter(OutputStream out, LogFormat format, Dialect dialect) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    this.format = format;
    this.dialect = dialect;
  }

  @Override
  public void reconcile(Label label, List<SimSpan> spans) throws IOException {
    SimSpan root = spans.get(spans.size() - 1);
    String key = label.operator() + "|" + label.controller() + "|" + label.object();
    Reconcile r = reconcileOf(label, root, key);
    Reconcile before = open.remove(key);
    if (before != null) {
      dialect.closing(before, label, new Lines(this, before));
    }
    Long previous = lastStart.put(key, r.start);
    dialect.opening(r, previous == null ? Long.MIN_VALUE : previous, new Lines(this, r));
    open.put(key, r);
    if (++delivered % 256 == 0) {
      long horizon = label.endNanos() - HORIZON_NANOS;
      for (Iterator<Reconcile> it = open.values().iterator(); it.hasNext(); ) {
        Reconcile o = it.next();
        if (o.end < horizon) {
          it.remove();
          dialect.closing(o, null, new Lines(this, o));
        }
      }
      flush(horizon);
    }
  }

  private Reconcile reconcileOf(Label label, SimSpan root, String key) {
    String ref = null;
    String reason = null;
    boolean reasonGiven = false;
    String ns = null;
    String name = null;
    for (SimSpan.Attr a : root.attributes()) {
      switch (a.key()) {
        case "object.ref" -> ref = String.valueOf(a.value());
        case "object.reason" -> {
          reason = String.valueOf(a.value());
          reasonGiven = true;
        }
        case "k8s.namespace.name" -> ns = String.valueOf(a.value());
        case "k8s.object.name" -> name = String.valueOf(a.value());
        default -> {}
      }
    }
    String object = label.object();
    if (name == null) {
      int slash = object.indexOf('/');
      String head = slash < 0 ? "" : object.substring(0, slash);
      String tail = object.substring(slash + 1);
      if (head.indexOf('.') >= 0) { // a kube-rs ref: Kind.version.group/name.namespace
        int dot = tail.lastIndexOf('.');
        name = dot < 0 ? tail : tail.substring(0, dot);
        ns = dot < 0 ? "" : tail.substring(dot + 1);
      } else {
        name = tail;
        ns = head;
      }
    }
    if (ref == null) {
      ref = kind(label.controller()) + ".v1.example.com/" + name + "." + ns;
    }
    if (!reasonGiven && root.attributes().stream().noneMatch(a -> a.key().equals("object.ref"))) {
      reason = LogText.kubeRsReason(label);
    }
    int index = objectIndex.computeIfAbsent(key, k -> objectIndex.size());
    return new Reconcile(
        label,
        label.operator(),
        label.controller(),
        ns,
        name,
        ref,
        reason,
        index,
        truncate(label.startNanos()),
        truncate(label.endNanos()));
  }

  /** A Kind from a controller name: {@code widget} gives {@code Widget}. */
  static String kind(String controller) {
    String c = controller.replaceAll("[^A-Za-z0-9]", "");
    return c.isEmpty() ? "Object" : Character.toUpperCase(c.charAt(0)) + c.substring(1);
  }

  long truncate(long t) {
    return t - Math.floorMod(t, format.resolutionNanos());
  }

  private void flush(long before) throws IOException {
    while (!buffer.isEmpty() && buffer.peek().time < before) {
      write(buffer.poll());
    }
  }

  private void write(Line l) throws IOException {
    if (format.podPrefix()) {
      out.write("[pod/");
      out.write(LogText.podName(l.operator));
      out.write("/manager] ");
    }
    if (format.timestampPrefix()) {
      out.write(LogText.kubeletTime(l.time));
      out.write(' ');
    }
    out.write(l.text);
    out.write('\n');
  }

  @Override
  public void other(List<SimSpan> spans) {
    // API server spans of other clients' writes leave no line in the operator's log
  }

  @Override
  public long resolutionNanos() {
    return format.resolutionNanos();
  }

  @Override
  public void close() throws IOException {
    List<Reconcile> rest = new ArrayList<>(open.values());
    open.clear();
    for (Reconcile r : rest) {
      dialect.closing(r, null, new Lines(this, r));
    }
    flush(Long.MAX_VALUE);
    out.flush();
  }
}
