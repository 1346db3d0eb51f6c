package io.github.wakeupanalyze.simulate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.wakeupanalyze.text.Durations;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A scenario file as written: Jackson binds YAML or JSON to these records (an unknown key is an
 * error), and {@link ScenarioLoader} checks them and fills in the defaults. A component is null
 * when its key is absent. The keys are documented in {@code docs/simulate.md}.
 */
final class ScenarioFile {
  private ScenarioFile() {}

  record Root(
      String name,
      Long seed,
      Nanos duration,
      String start,
      List<OperatorFile> operators,
      SamplingFile sampling,
      Double spanLoss,
      Map<String, Nanos> clockOffsets,
      Boolean auditLog,
      Map<String, String> sources) {}

  record OperatorFile(
      String service,
      String scope,
      String framework,
      String queue,
      DistFile watchLatency,
      DistFile dispatchLatency,
      DistFile timerLatency,
      Boolean apiServerSpans,
      String serviceAccount,
      List<ControllerFile> controllers) {}

  /**
   * @param objects a list of {@code namespace/name}, or a count
   */
  record ControllerFile(
      String name,
      String group,
      String version,
      String kind,
      String resource,
      JsonNode objects,
      Integer maxConcurrentReconciles,
      Nanos syncPeriod,
      Nanos bulkReconcileEvery,
      Boolean generationChangedPredicate,
      DistFile duration,
      Nanos requeueAfter,
      Double requeueJitter,
      WhenReadyFile whenReady,
      ErrorsFile errors,
      Nanos errorPolicyRequeue,
      Boolean omitReason,
      List<CallFile> calls,
      HelperFile helper,
      List<EditsFile> edits,
      String reconciler,
      Nanos maxReconciliationInterval,
      RetryFile retry,
      Double patchStatus) {}

  record WhenReadyFile(Nanos after, Nanos requeueAfter) {}

  record ErrorsFile(Double probability, Integer run, List<Integer> at) {}

  record CallFile(String method, String path, Double probability, Boolean helper) {}

  record HelperFile(String name, Double probability) {}

  record RetryFile(
      Nanos initialInterval, Double multiplier, Integer maxAttempts, Nanos maxInterval) {}

  record EditsFile(
      String type,
      Nanos meanInterval,
      Nanos period,
      Double jitter,
      Integer size,
      DistFile spacing,
      List<Nanos> times,
      String file,
      List<String> objects,
      String visible,
      String related,
      String client,
      String service,
      String change) {}

  record SamplingFile(
      Double ratio, Boolean parentBased, String record, Map<String, Double> services) {}

  /**
   * A duration in nanoseconds, written as text ({@code 5s}, {@code 1m30s}, {@code -20ms}, {@code
   * off}) or a number of seconds ({@code 5}, {@code 0.5}). Sign is allowed here; the loader rejects
   * negative values where they make no sense.
   */
  static final class Nanos {
    final long value;

    private Nanos(long value) {
      this.value = value;
    }

    @JsonCreator
    static Nanos of(String text) {
      String t = text.trim();
      if (t.equals("off") || t.equals("none")) {
        return new Nanos(0);
      }
      boolean negative = t.startsWith("-");
      long v = Durations.parseNanos(negative ? t.substring(1) : t, true);
      return new Nanos(negative ? -v : v);
    }

    @JsonCreator
    static Nanos of(long seconds) {
      return of(Long.toString(seconds));
    }

    @JsonCreator
    static Nanos of(double seconds) {
      return of(BigDecimal.valueOf(seconds).toPlainString());
    }
  }

  /**
   * A duration distribution: a duration (fixed), {@code {median, sigma}} (lognormal) or {@code
   * {min, max}} (uniform).
   */
  record DistFile(Nanos fixed, Nanos median, Double sigma, Nanos min, Nanos max) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    DistFile {}

    @JsonCreator
    static DistFile of(String text) {
      return new DistFile(Nanos.of(text), null, null, null, null);
    }

    @JsonCreator
    static DistFile of(long seconds) {
      return new DistFile(Nanos.of(seconds), null, null, null, null);
    }

    @JsonCreator
    static DistFile of(double seconds) {
      return new DistFile(Nanos.of(seconds), null, null, null, null);
    }
  }
}
