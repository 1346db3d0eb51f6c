package io.github.wakeupanalyze.ingest.core;

/**
 * The {@code [pod/POD/CONTAINER] } that {@code kubectl logs --prefix} writes before a line, for the
 * forms that name the pod elsewhere (a log shipper's record, the OpenTelemetry Collector's
 * resource). A name that could end or split the prefix early names no pod.
 */
final class PodPrefix {
  private PodPrefix() {}

  /**
   * Appends the prefix for {@code pod} and {@code container} (either may be null) to {@code out}.
   */
  static void append(StringBuilder out, String pod, String container) {
    if (plain(pod) && !pod.isEmpty()) {
      out.append("[pod/").append(pod).append('/').append(plain(container) ? container : "");
      out.append("] ");
    }
  }

  private static boolean plain(String name) {
    return name != null && name.chars().noneMatch(c -> c == ']' || c == '/' || c <= ' ');
  }
}
