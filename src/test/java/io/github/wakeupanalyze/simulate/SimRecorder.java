package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.text.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Collects a simulation's output in memory, and runs small test scenarios written in YAML. */
final class SimRecorder implements SimSink {
  final List<Label> labels = new ArrayList<>();
  final List<List<SimSpan>> reconcileTraces = new ArrayList<>();
  final List<SimSpan> others = new ArrayList<>();
  private long start;

  @Override
  public void reconcile(Label label, List<SimSpan> spans) {
    labels.add(label);
    reconcileTraces.add(spans);
  }

  @Override
  public void other(List<SimSpan> spans) {
    others.addAll(spans);
  }

  /** Runs YAML scenario text. */
  static SimRecorder run(String yaml) throws Exception {
    Scenario s = ScenarioLoader.parse(yaml, "test.yaml", "test", null);
    SimRecorder r = new SimRecorder();
    r.start = s.startEpochNanos();
    Simulator.run(s, r);
    return r;
  }

  /**
   * A one-controller controller-runtime scenario with zero queue and watch latency.
   *
   * @param operatorExtra extra operator keys, e.g. {@code queue: legacy}
   * @param controllerExtra extra controller keys, indented as controller keys
   */
  static SimRecorder controllerRuntime(
      String duration, String operatorExtra, String controllerExtra) throws Exception {
    return run(
        """
        duration: %s
        operators:
          - service: op
            dispatchLatency: 0s
            watchLatency: 0s
        %s
            controllers:
              - name: c
                objects: [ns/a]
        %s
        """
            .formatted(duration, indent(operatorExtra, 4), indent(controllerExtra, 8)));
  }

  static SimRecorder kubeRs(String duration, String controllerExtra) throws Exception {
    return run(
        """
        duration: %s
        operators:
          - service: op
            framework: kube-rs
            dispatchLatency: 0s
            watchLatency: 0s
            controllers:
              - name: c
                kind: Doc
                group: kube.rs
                objects: [ns/a]
        %s
        """
            .formatted(duration, indent(controllerExtra, 8)));
  }

  /**
   * A one-controller Java Operator SDK scenario with zero dispatch, watch and timer latency (the
   * timer still counts whole milliseconds from the millisecond it was armed in).
   */
  static SimRecorder josdk(String duration, String controllerExtra) throws Exception {
    return run(
        """
        duration: %s
        operators:
          - service: op
            framework: java-operator-sdk
            dispatchLatency: 0s
            watchLatency: 0s
            timerLatency: 0s
            controllers:
              - name: webpagereconciler
                kind: WebPage
                objects: [ns/a]
        %s
        """
            .formatted(duration, indent(controllerExtra, 8)));
  }

  static String indent(String text, int spaces) {
    String pad = " ".repeat(spaces);
    StringBuilder sb = new StringBuilder();
    for (String line : text.strip().split("\n")) {
      if (!line.isBlank()) {
        sb.append(pad).append(line.strip().isEmpty() ? "" : line).append('\n');
      }
    }
    return sb.toString();
  }

  /** Labels of one object, by start. */
  List<Label> of(String object) {
    return labels.stream()
        .filter(l -> l.object().equals(object))
        .sorted(Comparator.comparingLong(Label::startNanos))
        .toList();
  }

  /** Reconcile starts in seconds from the scenario start, to the microsecond, as text. */
  List<String> starts() {
    return labels.stream()
        .sorted(Comparator.comparingLong(Label::startNanos))
        .map(l -> seconds(l.startNanos() - start))
        .toList();
  }

  /**
   * Causes in start order, e.g. {@code external-event}, with the timer period: {@code requeue 5}.
   */
  List<String> causes() {
    return labels.stream()
        .sorted(Comparator.comparingLong(Label::startNanos))
        .map(
            l ->
                l.periodNanos() == 0
                    ? l.cause().label()
                    : l.cause().label() + " " + Durations.plainSeconds(l.periodNanos()))
        .toList();
  }

  long start() {
    return start;
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.6f", nanos / 1e9)
        .replaceAll("0+$", "")
        .replaceAll("\\.$", "");
  }
}
