package io.github.wakeupanalyze.simulate.write;

import io.github.wakeupanalyze.simulate.Label;

/**
 * A kube-rs operator's lines as tracing-subscriber writes them: kube-runtime writes none per
 * reconcile, so these are the reconciler's own, inside kube-runtime's {@code reconciling object}
 * span, as controller-rs logs them: {@code Reconciling «Kind» "«name»" in «namespace»} at the
 * start, and at the end {@code reconciled} or, from the error policy, {@code WARN reconcile failed:
 * …}. The span's {@code object.ref} and {@code object.reason} ride on every line (the reason is
 * left out where the trace leaves it out).
 */
final class KubeRsLog implements LogWriter.Dialect {
  private static final String E = "\u001b[";

  private final LogFormat format;

  KubeRsLog(LogFormat format) {
    this.format = format;
  }

  @Override
  public void opening(LogWriter.Reconcile r, long previousStart, LogWriter.Lines out) {
    String kind = LogWriter.kind(r.controller());
    String msg = "Reconciling " + kind + " \"" + r.name() + "\" in " + r.namespace();
    out.add(r.start(), line(r, r.start(), "INFO", msg));
  }

  @Override
  public void closing(LogWriter.Reconcile r, Label next, LogWriter.Lines out) {
    if (r.label().error()) {
      out.add(
          r.end(),
          line(r, r.end(), "WARN", "reconcile failed: ApiError: 500 Internal Server Error"));
    } else {
      out.add(r.end(), line(r, r.end(), "INFO", "reconciled"));
    }
  }

  private String line(LogWriter.Reconcile r, long t, String level, String msg) {
    String time = LogText.iso(t, 6);
    String padded = level.length() < 5 ? " " + level : level;
    String target = r.operator().replaceAll("[^A-Za-z0-9_]", "_") + "::controller";
    return switch (format) {
      case KUBE_RS_FULL ->
          E
              + "2m"
              + time
              + E
              + "0m "
              + E
              + (level.equals("WARN") ? "33m" : "32m")
              + padded
              + E
              + "0m "
              + E
              + "1mreconciling object"
              + E
              + "0m"
              + E
              + "1m{"
              + E
              + "0m"
              + field("object.ref", r.objectRef())
              + (r.reason() == null ? "" : " " + field("object.reason", r.reason()))
              + E
              + "1m}"
              + E
              + "0m"
              + E
              + "2m:"
              + E
              + "0m "
              + E
              + "2m"
              + target
              + E
              + "0m"
              + E
              + "2m:"
              + E
              + "0m "
              + msg;
      case KUBE_RS_COMPACT ->
          time
              + " "
              + padded
              + " reconciling object: "
              + target
              + ": "
              + msg
              + " object.ref="
              + r.objectRef()
              + (r.reason() == null ? "" : " object.reason=" + r.reason());
      default -> {
        String span =
            "{\"object.ref\":"
                + LogText.json(r.objectRef())
                + (r.reason() == null ? "" : ",\"object.reason\":" + LogText.json(r.reason()))
                + ",\"name\":\"reconciling object\"}";
        yield "{\"timestamp\":\""
            + time
            + "\",\"level\":\""
            + level
            + "\",\"fields\":{\"message\":"
            + LogText.json(msg)
            + "},\"target\":"
            + LogText.json(target)
            + ",\"span\":"
            + span
            + ",\"spans\":["
            + span
            + "]}";
      }
    };
  }

  private static String field(String key, String value) {
    return E + "3m" + key + E + "0m" + E + "2m=" + E + "0m" + value;
  }
}
