package io.github.wakeupanalyze.sources;

/** The operator framework whose API a call site uses. */
public enum Framework {
  /** Go, sigs.k8s.io/controller-runtime (and client-go's workqueue). */
  CONTROLLER_RUNTIME("controller-runtime"),
  /** Rust, kube-rs' kube::runtime::Controller. */
  KUBE_RS("kube-rs"),
  /** Java, the Java Operator SDK (io.javaoperatorsdk). */
  JOSDK("java-operator-sdk");

  private final String label;

  Framework(String label) {
    this.label = label;
  }

  /** The name in outputs, e.g. {@code controller-runtime}. */
  public String label() {
    return label;
  }
}
