package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.simulate.Scenario.Framework;
import io.github.wakeupanalyze.simulate.SimSpan.Attr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The names and attributes each framework's instrumentation gives its spans.
 *
 * <ul>
 *   <li>controller-runtime: a span {@code Reconcile} with {@code controller}, {@code
 *       k8s.namespace.name}, {@code k8s.object.name}; API calls as CLIENT spans named after the
 *       call ({@code GET}, {@code PATCH}, {@code LIST}) in the operator's scope.
 *   <li>kube-rs ({@code tracing} with {@code tracing-opentelemetry}): {@code reconciling object}
 *       with {@code object.ref} and {@code object.reason}, in a scope named after the controller.
 *   <li>Java Operator SDK, traced with the OpenTelemetry Java agent: the reconciler's method
 *       annotated {@code @WithSpan}, so the span is {@code WebPageReconciler.reconcile} in the
 *       agent's annotations scope with {@code code.namespace} and {@code code.function}, plus the
 *       object as the operator sets it ({@code k8s.namespace.name}, {@code k8s.<kind>.name}). The
 *       fabric8 client's calls are CLIENT spans named by method ({@code GET}, {@code PATCH}) in the
 *       agent's Vert.x HTTP client scope, as the HTTP semantic conventions name them.
 * </ul>
 *
 * <p>Every CLIENT span carries {@code http.request.method}, {@code url.full}, {@code
 * server.address} and {@code http.response.status_code}. The kube-apiserver's own spans are SERVER
 * spans {@code KubernetesAPI}.
 */
final class SpanShapes {
  static final String API_SERVER = "kube-apiserver";
  static final String API_SERVER_SCOPE = "k8s.io/apiserver";

  /** The OpenTelemetry Java agent's instrumentation of the Vert.x HTTP client (fabric8's). */
  static final String VERTX_CLIENT_SCOPE = "io.opentelemetry.vertx-http-client-4.0";

  private SpanShapes() {}

  static String reconcileName(Framework fw, Scenario.Controller c) {
    return switch (fw) {
      case CONTROLLER_RUNTIME -> "Reconcile";
      case KUBE_RS -> "reconciling object";
      case JAVA_OPERATOR_SDK -> c.josdk().reconcilerSimpleName() + ".reconcile";
    };
  }

  static List<Attr> reconcileAttributes(
      Framework fw, Scenario.Controller c, SimObject o, String reason) {
    List<Attr> attrs = new ArrayList<>(4);
    switch (fw) {
      case KUBE_RS -> {
        attrs.add(Attr.of("object.ref", o.label()));
        if (!c.omitReason()) {
          attrs.add(Attr.of("object.reason", reason));
        }
      }
      case CONTROLLER_RUNTIME -> {
        attrs.add(Attr.of("controller", c.name()));
        attrs.add(Attr.of("k8s.namespace.name", o.namespace()));
        attrs.add(Attr.of("k8s.object.name", o.name()));
      }
      case JAVA_OPERATOR_SDK -> {
        attrs.add(Attr.of("code.namespace", c.josdk().reconciler()));
        attrs.add(Attr.of("code.function", "reconcile"));
        attrs.add(Attr.of("k8s.namespace.name", o.namespace()));
        attrs.add(Attr.of("k8s." + c.kind().toLowerCase(Locale.ROOT) + ".name", o.name()));
      }
    }
    return attrs;
  }

  /**
   * An operator's API call.
   *
   * @param name the call as the scenario writes it ({@code LIST} for a collection read)
   * @param method the HTTP method
   */
  static SimSpan call(
      Scenario.Operator op,
      String reconcileScope,
      String name,
      String method,
      String url,
      int status,
      long traceHigh,
      long traceLow,
      long spanId,
      long parentSpanId,
      long start,
      long end) {
    boolean josdk = op.framework() == Framework.JAVA_OPERATOR_SDK;
    boolean fails = status >= 500;
    return new SimSpan(
        op.service(),
        josdk ? VERTX_CLIENT_SCOPE : reconcileScope,
        traceHigh,
        traceLow,
        spanId,
        parentSpanId,
        josdk ? method : name,
        SimSpan.CLIENT,
        start,
        end,
        fails,
        fails ? "500 Internal Server Error" : null,
        List.of(
            Attr.of("http.request.method", method),
            Attr.of("url.full", url),
            Attr.of("server.address", "10.96.0.1"),
            Attr.of("http.response.status_code", (long) status)),
        List.of(),
        "");
  }

  /** The kube-apiserver's SERVER span of a request, a child of the client's span. */
  static SimSpan apiServer(
      String method,
      String url,
      int status,
      String userAgent,
      long traceHigh,
      long traceLow,
      long spanId,
      long parentSpanId,
      long start,
      long end) {
    return new SimSpan(
        API_SERVER,
        API_SERVER_SCOPE,
        traceHigh,
        traceLow,
        spanId,
        parentSpanId,
        "KubernetesAPI",
        SimSpan.SERVER,
        start,
        end,
        false,
        null,
        List.of(
            Attr.of("http.request.method", method),
            Attr.of("url.full", url),
            Attr.of("http.response.status_code", (long) status),
            Attr.of("user_agent.original", userAgent)),
        List.of(),
        "");
  }

  /** The user agent each framework's Kubernetes client sends. */
  static String userAgent(Framework fw) {
    return switch (fw) {
      case CONTROLLER_RUNTIME -> "manager/v0.0.0 (linux/amd64) kubernetes/$Format";
      case KUBE_RS -> "kube-rs/1.1.0";
      case JAVA_OPERATOR_SDK -> "fabric8-kubernetes-client/7.5.2";
    };
  }
}
