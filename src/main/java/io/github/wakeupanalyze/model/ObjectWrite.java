package io.github.wakeupanalyze.model;

/**
 * A write to a Kubernetes object seen in the trace outside every reconcile: evidence that a client
 * other than the reconciling controller changed the object, so a watch event followed.
 *
 * @param timeNanos when the change was made, epoch ns: the end of an API server span (the change is
 *     committed by then), the start of a client's span (the earliest the change can have been made)
 * @param endNanos end of the write span, epoch ns, at least {@code timeNanos}: when the writer had
 *     its answer and went on (the Java Operator SDK arms a reconcile's timer only after its
 *     trailing status patch returned)
 * @param namespace namespace of the written object, "" when cluster-scoped or unknown
 * @param name name of the object, e.g. {@code my-cluster-name}
 * @param resource resource (plural) from the URL path, e.g. {@code perconaservermongodbs}, "" when
 *     unknown
 * @param method POST, PUT, PATCH or DELETE
 * @param client who wrote: the span's {@code user_agent.original} or {@code user.name} attribute
 *     when present, else its service name (e.g. {@code kube-apiserver} for an apiserver span)
 * @param service resource {@code service.name} of the span
 * @param audited true when the write comes from the API server's audit log, which records every
 *     write whatever the trace sampled: for the objects it names, no write is missing
 */
public record ObjectWrite(
    long timeNanos,
    long endNanos,
    String namespace,
    String name,
    String resource,
    String method,
    String client,
    String service,
    long traceIdHigh,
    long traceIdLow,
    long spanId,
    boolean audited) {
  /**
   * The instrumentation scope of the spans an audit log becomes ({@code
   * io.github.wakeupanalyze.ingest.AuditLogReader}): their writes are {@link #audited}.
   */
  public static final String AUDIT_SCOPE = "k8s.io/apiserver/audit";
}
