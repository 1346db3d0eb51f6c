package io.github.wakeupanalyze.simulate;

import java.util.Locale;

/**
 * One reconciled object and how the trace names it.
 *
 * @param index position in its controller's object list (the queue key)
 * @param label the object as {@code labels.csv} and the extractor name it: {@code namespace/name}
 *     (controller-runtime) or the kube-rs object ref {@code Kind.version.group/name.namespace}
 * @param url the object's API URL, e.g. {@code
 *     https://10.96.0.1:443/apis/g/v1/namespaces/ns/rs/name}
 */
record SimObject(int index, String namespace, String name, String label, String url) {
  static final String API_SERVER = "https://10.96.0.1:443";

  static SimObject of(int index, String ref, Scenario.Controller c, boolean kubeRs) {
    int slash = ref.indexOf('/');
    String ns = ref.substring(0, slash);
    String name = ref.substring(slash + 1);
    String label = kubeRs ? kubeRsRef(c.kind(), c.version(), c.group(), name, ns) : ref;
    return new SimObject(
        index, ns, name, label, url(c.group(), c.version(), ns, c.resource(), name));
  }

  /** kube-rs {@code ObjectRef} display form: {@code Kind.version.group/name.namespace}. */
  static String kubeRsRef(String kind, String version, String group, String name, String ns) {
    return kind + "." + version + "." + group + "/" + name + "." + ns;
  }

  static String url(String group, String version, String ns, String resource, String name) {
    String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return API_SERVER
        + base
        + "/namespaces/"
        + ns
        + "/"
        + resource
        + (name == null ? "" : "/" + name);
  }

  /** The URL of a call path: {@code self}, {@code status}, or a template with placeholders. */
  String callUrl(String path) {
    return switch (path) {
      case "self" -> url;
      case "status" -> url + "/status";
      default -> API_SERVER + path.replace("{namespace}", namespace).replace("{name}", name);
    };
  }

  /**
   * A related object of {@code kind} owned by this one, named {@code <name>-<kind>}: its URL and
   * kube-rs ref. Core kinds live in the core group, workload kinds in {@code apps}.
   */
  String[] related(String kind, Scenario.Controller c) {
    String lower = kind.toLowerCase(Locale.ROOT);
    String group =
        switch (kind) {
          case "ConfigMap", "Secret", "Service", "Pod", "PersistentVolumeClaim" -> "";
          case "StatefulSet", "Deployment", "DaemonSet", "ReplicaSet" -> "apps";
          case "Job", "CronJob" -> "batch";
          default -> c.group();
        };
    String relName = name + "-" + lower;
    String url = url(group, "v1", namespace, lower + "s", relName);
    return new String[] {url, kubeRsRef(kind, "v1", group, relName, namespace), relName};
  }
}
