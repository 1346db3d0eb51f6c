package io.github.wakeupanalyze.ingest.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The label names that give a log stream's pod and container in the log stores people query
 * (Grafana Loki and its agents): {@code pod} and {@code container}, or {@code pod_name}, {@code
 * container_name} and {@code k8s_pod_name}, {@code k8s_container_name}, as scrape configurations
 * name them.
 */
public final class PodLabels {
  private PodLabels() {}

  /**
   * The pod and container a label set names; either may be null.
   *
   * @param pod the pod
   * @param container the container
   */
  public record Named(String pod, String container) {}

  /**
   * The pod and container of the label set the parser is on (its {@code START_OBJECT}), read to its
   * end; labels whose value is no string are skipped.
   */
  public static Named read(JsonParser p) throws IOException {
    String pod = null;
    String container = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      String text = p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
      p.skipChildren();
      if (text != null && pod(key)) {
        pod = text;
      } else if (text != null && container(key)) {
        container = text;
      }
    }
    return new Named(pod, container);
  }

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
