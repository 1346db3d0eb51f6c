package io.github.wakeupanalyze.simulate.write;

import io.github.wakeupanalyze.simulate.Scenario;
import java.io.OutputStream;

/**
 * The operator logs {@code simulate} writes: one framework's lines in one of its formats, each as
 * the framework writes it with the settings that log every reconcile (docs/logs.md).
 */
public enum LogFormat {
  /** controller-runtime, zap's production JSON at {@code --zap-log-level=5}, epoch seconds. */
  ZAP_JSON(1_000, true, false),
  /** controller-runtime, zap's development console encoder (the kubebuilder default). */
  ZAP_CONSOLE(1_000_000, false, false),
  /** controller-runtime through klog's text format, behind {@code kubectl logs --timestamps}. */
  KLOG(1_000, true, true),
  /** kube-rs, tracing-subscriber's full format with its ANSI colours. */
  KUBE_RS_FULL(1_000, false, false),
  /** kube-rs, tracing-subscriber's compact format (controller-rs). */
  KUBE_RS_COMPACT(1_000, false, false),
  /** kube-rs, tracing-subscriber's JSON format. */
  KUBE_RS_JSON(1_000, false, false),
  /** Java Operator SDK 5.2 at DEBUG, slf4j-simple with ISO date-times. */
  JOSDK(1_000_000, false, false),
  /** Java Operator SDK (newest lines) at DEBUG, logback's default layout, behind kubectl. */
  JOSDK_LOGBACK(1_000_000, true, true),
  /** Java Operator SDK (newest lines) at DEBUG, logstash-logback-encoder JSON with the MDC. */
  JOSDK_JSON(1_000_000, false, false);

  private final long resolutionNanos;
  private final boolean podPrefix;
  private final boolean timestampPrefix;

  LogFormat(long resolutionNanos, boolean podPrefix, boolean timestampPrefix) {
    this.resolutionNanos = resolutionNanos;
    this.podPrefix = podPrefix;
    this.timestampPrefix = timestampPrefix;
  }

  /** The framework whose lines this format writes. */
  public Scenario.Framework framework() {
    return switch (this) {
      case ZAP_JSON, ZAP_CONSOLE, KLOG -> Scenario.Framework.CONTROLLER_RUNTIME;
      case KUBE_RS_FULL, KUBE_RS_COMPACT, KUBE_RS_JSON -> Scenario.Framework.KUBE_RS;
      case JOSDK, JOSDK_LOGBACK, JOSDK_JSON -> Scenario.Framework.JAVA_OPERATOR_SDK;
    };
  }

  /** The time resolution of the format's own times: 1000 (µs) or 1000000 (ms). */
  public long resolutionNanos() {
    return resolutionNanos;
  }

  /** Whether lines carry {@code kubectl logs --prefix}'s {@code [pod/NAME/manager]}. */
  boolean podPrefix() {
    return podPrefix;
  }

  /** Whether lines carry {@code kubectl logs --timestamps}'s time. */
  boolean timestampPrefix() {
    return timestampPrefix;
  }

  /** A writer of this format onto {@code out} (not closed by the writer). */
  public TraceWriter open(OutputStream out) {
    return new LogWriter(
        out,
        this,
        switch (this) {
          case ZAP_JSON, ZAP_CONSOLE, KLOG -> new ControllerRuntimeLog(this);
          case KUBE_RS_FULL, KUBE_RS_COMPACT, KUBE_RS_JSON -> new KubeRsLog(this);
          case JOSDK, JOSDK_LOGBACK, JOSDK_JSON -> new JosdkLog(this);
        });
  }
}
