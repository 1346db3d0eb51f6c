package io.github.wakeupanalyze.ingest.core;

/**
 * The label names that give a log stream's pod and container in the log stores people query
 * (Grafana Loki and its agents): {@code pod} and {@code container}, or {@code pod_name}, {@code
 * container_name} and {@code k8s_pod_name}, {@code k8s_container_name}, as scrape configurations
 * name them.
 */
public final class PodLabels {
  private PodLabels() {}

  /** Whether a label named {@code key} holds the pod's name. */
  public static boolean pod(String key) {
    return key.equals("pod") || key.equals("pod_name") || key.equals("k8s_pod_name");
  }

  /** Whether a label named {@code key} holds the container's name. */
  public static boolean container(String key) {
    return key.equals("container")
        || key.equals("container_name")
        || key.equals("k8s_container_name");
  }
}
