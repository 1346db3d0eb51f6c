package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.live.LiveSettings;
import java.time.Duration;

/**
 * What the stream application reads, writes and keeps.
 *
 * @param live the online engine's window, grace period, extraction rules and parameters (trace
 *     time), as for {@code serve}
 * @param inputTopic the Collector exporter's topic, e.g. {@code otlp_spans}
 * @param encoding the exporter's encoding
 * @param auditTopic a topic of Kubernetes audit events (JSON: an {@code EventList}, an event or
 *     events one per line per record), read beside the traces as the API server's audit log; null
 *     for none
 * @param outputPrefix prefix of the output topics, e.g. {@code wakeup.}: {@code wakeup.reconciles}
 *     and {@code wakeup.controllers}
 * @param passInterval wall-clock time between analysis passes over the controllers that changed,
 *     e.g. 1 s
 * @param idleFlush wall-clock time without input after which a task extracts every trace it holds,
 *     final or not (the input paused), e.g. 5 s
 */
public record StreamSettings(
    LiveSettings live,
    String inputTopic,
    Encoding encoding,
    String auditTopic,
    String outputPrefix,
    Duration passInterval,
    Duration idleFlush) {
  public static final String DEFAULT_INPUT_TOPIC = "otlp_spans";
  public static final String DEFAULT_OUTPUT_PREFIX = "wakeup.";

  public StreamSettings {
    if (passInterval.isNegative()
        || passInterval.isZero()
        || idleFlush.isNegative()
        || idleFlush.isZero()) {
      throw new IllegalArgumentException("pass interval and idle flush must be positive");
    }
  }

  /** The defaults: one-hour window, {@code otlp_spans} as protobuf, passes each second. */
  public static StreamSettings defaults() {
    return new StreamSettings(
        LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS),
        DEFAULT_INPUT_TOPIC,
        Encoding.OTLP_PROTO,
        null,
        DEFAULT_OUTPUT_PREFIX,
        Duration.ofSeconds(1),
        Duration.ofSeconds(5));
  }

  /** The topic of classified reconciles, keyed by trace id and span id (hex). */
  public String reconcilesTopic() {
    return outputPrefix + "reconciles";
  }

  /** The topic of per-controller summaries and timers, keyed by operator/controller. */
  public String controllersTopic() {
    return outputPrefix + "controllers";
  }
}
