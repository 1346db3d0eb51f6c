package io.github.wakeupanalyze.simulate;

/**
 * A write the API server accepted, as its audit log records it: every write of every client,
 * whatever head sampling kept of the traces ({@link SimSink#apiWrite}).
 *
 * @param receivedNanos when the request arrived, epoch ns
 * @param completeNanos when the response was complete (the change committed), epoch ns
 * @param method POST, PUT, PATCH or DELETE
 * @param url the request URL, e.g. {@code https://10.96.0.1/apis/g/v1/namespaces/ns/things/a}
 * @param user the authenticated user, e.g. {@code system:serviceaccount:operators:my-operator}
 * @param userAgent e.g. {@code kubectl/v1.31.0}
 * @param id a number unique in the run, for the audit id
 */
public record ApiWrite(
    long receivedNanos,
    long completeNanos,
    String method,
    String url,
    String user,
    String userAgent,
    long id) {
  /** This write on a clock {@code offsetNanos} ahead. */
  ApiWrite shifted(long offsetNanos) {
    return new ApiWrite(
        receivedNanos + offsetNanos, completeNanos + offsetNanos, method, url, user, userAgent, id);
  }

  /** The user a service account named {@code name} gives its pods. */
  static String serviceAccount(String name) {
    return "system:serviceaccount:operators:" + name;
  }
}
