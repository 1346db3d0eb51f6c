package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.ObjectRef;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Span;

/**
 * Recognizes a span that records a write to a named Kubernetes object.
 *
 * <p>A write is a span whose method ({@code http.request.method}, {@code http.method}, or the first
 * word of its name) is POST, PUT, PATCH or DELETE, and that names its object either by attributes
 * ({@code k8s.namespace.name} with {@code k8s.object.name}, {@code k8s.resource.name}, or a {@code
 * k8s.<kind>.name}) or by a Kubernetes API path in {@code url.full}/{@code http.url}/{@code
 * url.path}/{@code http.target}: {@code /api/v1/namespaces/NS/RESOURCE/NAME[/SUB]}, {@code
 * /apis/GROUP/VERSION/namespaces/NS/RESOURCE/NAME[/SUB]}, or the cluster-scoped forms without
 * {@code namespaces/NS}. Both client spans (an operator's or any other service's, e.g. a Java
 * client's {@code HTTP PATCH} span with {@code url.full}) and kube-apiserver server spans qualify.
 *
 * <p>The time of the write is the end of a server span (the change is committed by then) and the
 * start of any other span: a client's span ends when the response arrives, and the watch event of
 * the change can reach the operator, and start a reconcile, before that. The start is the earliest
 * the change can have been made, so a reconcile it started never seems to come first. The span's
 * end is kept beside it: when the writer went on. A framework that writes after the reconcile
 * method returned (the Java Operator SDK's status patch) arms the object's timer only then.
 */
public final class WriteEvidence {
  private WriteEvidence() {}

  /** The write a span records, or null. */
  public static ObjectWrite of(Span s) {
    String method = Call.method(s);
    if (method == null || !ApiCalls.isWrite(method)) {
      return null;
    }
    String ns = s.attribute("k8s.namespace.name");
    String name = s.attribute("k8s.object.name");
    if (name == null) {
      name = s.attribute("k8s.resource.name");
    }
    String resource = "";
    ObjectRef fromPath = null;
    String path = Call.path(s);
    if (path != null) {
      fromPath = ObjectRef.fromApiPath(path);
    }
    if (fromPath != null) {
      resource = fromPath.resource();
      if (name == null || name.isEmpty()) {
        ns = fromPath.namespace();
        name = fromPath.name();
      }
    }
    if (name == null || name.isEmpty()) {
      for (var e : s.attributes().entrySet()) {
        String k = e.getKey();
        if (k.startsWith("k8s.")
            && k.endsWith(".name")
            && !k.equals("k8s.namespace.name")
            && !k.equals("k8s.cluster.name")
            && !k.equals("k8s.node.name")
            && !e.getValue().isEmpty()) {
          name = e.getValue();
          break;
        }
      }
    }
    if (name == null || name.isEmpty()) {
      return null;
    }
    String client = s.attribute("user_agent.original");
    if (client == null) {
      client = s.attribute("user.name");
    }
    if (client == null) {
      client = s.service();
    }
    return new ObjectWrite(
        s.kind() == 2 ? s.endNanos() : s.startNanos(),
        Math.max(s.startNanos(), s.endNanos()),
        ns == null ? "" : ns,
        name,
        resource,
        method,
        client,
        s.service(),
        s.traceIdHigh(),
        s.traceIdLow(),
        s.spanId(),
        ObjectWrite.AUDIT_SCOPE.equals(s.scope()));
  }
}
