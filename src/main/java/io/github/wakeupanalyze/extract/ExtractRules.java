package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a span is recognized as a reconcile and which stream it belongs to.
 *
 * @param reconcileName a span whose name matches (find, not full match) is a reconcile span; the
 *     default is case-insensitive {@code reconcil}
 * @param objectKeys attribute names whose values, joined by {@code /}, name the object; empty for
 *     the default rules of {@link #object(Span)}
 * @param samplingRatio the probability with which the user says traces were kept ({@code
 *     --sampling-ratio}, e.g. 0.1), for reconciles whose trace states none; NaN when not given
 */
public record ExtractRules(Pattern reconcileName, List<String> objectKeys, double samplingRatio) {

  public static final String DEFAULT_PATTERN = "(?i)reconcil";
  private static final Pattern K8S_KIND_NAME = Pattern.compile("k8s\\.[a-z0-9_]+\\.name");

  public ExtractRules {
    objectKeys = List.copyOf(objectKeys);
    if (!Double.isNaN(samplingRatio) && !(samplingRatio > 0 && samplingRatio <= 1)) {
      throw new IllegalArgumentException(
          "a sampling ratio is a probability in (0, 1], not " + samplingRatio);
    }
  }

  /** Rules without a sampling ratio. */
  public ExtractRules(Pattern reconcileName, List<String> objectKeys) {
    this(reconcileName, objectKeys, Double.NaN);
  }

  public static ExtractRules defaults() {
    return new ExtractRules(Pattern.compile(DEFAULT_PATTERN), List.of());
  }

  /** These rules with the user's sampling ratio. */
  public ExtractRules withSamplingRatio(double ratio) {
    return new ExtractRules(reconcileName, objectKeys, ratio);
  }

  public boolean isReconcile(Span span) {
    return reconcileName.matcher(span.name()).find();
  }

  /**
   * The stream of a reconcile span: operator, controller, object. The controller is the {@code
   * controller} attribute; else the span's instrumentation scope, unless that scope is an
   * OpenTelemetry instrumentation library's ({@code io.opentelemetry.…}, e.g. the Java agent's
   * {@code @WithSpan} support), which names no controller: then the class of {@code code.namespace}
   * lower-cased, e.g. {@code webpagereconciler} for {@code org.acme.WebPageReconciler}, the name
   * the Java Operator SDK gives a controller by default (and its executor threads carry); else the
   * span's name.
   */
  public StreamKey streamKey(Span span) {
    String controller = span.attribute("controller");
    if (controller == null || controller.isEmpty()) {
      controller = span.scope().isEmpty() ? span.name() : span.scope();
      String cls = span.attribute("code.namespace");
      if (span.scope().startsWith("io.opentelemetry.") && cls != null && !cls.isEmpty()) {
        controller = cls.substring(cls.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      }
    }
    return new StreamKey(span.service(), controller, object(span));
  }

  /**
   * The object of a reconcile span. With {@code --object-key}, the present values of those
   * attributes joined by {@code /}. Otherwise the first present of: {@code object.ref}; {@code
   * k8s.namespace.name}+{@code k8s.object.name}; {@code namespace}+{@code name}; the Java Operator
   * SDK's {@code resource.namespace}+{@code resource.name}; a {@code k8s.<kind>.name} attribute
   * (with {@code k8s.namespace.name} before it when present). A pair is written {@code
   * namespace/name}. {@value StreamKey#ANY_OBJECT} when none is present.
   */
  public String object(Span span) {
    Map<String, String> a = span.attributes();
    if (!objectKeys.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (String k : objectKeys) {
        String v = a.get(k);
        if (v != null && !v.isEmpty()) {
          if (sb.length() > 0) {
            sb.append('/');
          }
          sb.append(v);
        }
      }
      return sb.length() == 0 ? StreamKey.ANY_OBJECT : sb.toString();
    }
    String ref = a.get("object.ref");
    if (ref != null && !ref.isEmpty()) {
      return ref;
    }
    String pair = pair(a, "k8s.namespace.name", "k8s.object.name");
    if (pair == null) {
      pair = pair(a, "namespace", "name");
    }
    if (pair == null) {
      pair = pair(a, "resource.namespace", "resource.name");
    }
    if (pair != null) {
      return pair;
    }
    String best = null;
    for (var e : a.entrySet()) {
      String k = e.getKey();
      if (!k.equals("k8s.namespace.name")
          && !k.equals("k8s.object.name")
          && K8S_KIND_NAME.matcher(k).matches()
          && !e.getValue().isEmpty()
          && (best == null || k.compareTo(best) < 0)) {
        best = k;
      }
    }
    if (best != null) {
      String ns = a.get("k8s.namespace.name");
      return ns == null || ns.isEmpty() ? a.get(best) : ns + "/" + a.get(best);
    }
    return StreamKey.ANY_OBJECT;
  }

  private static String pair(Map<String, String> a, String nsKey, String nameKey) {
    String name = a.get(nameKey);
    if (name == null || name.isEmpty()) {
      return null;
    }
    String ns = a.get(nsKey);
    return ns == null || ns.isEmpty() ? name : ns + "/" + name;
  }
}
