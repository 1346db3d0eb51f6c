package io.github.wakeupanalyze.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.live.LiveSettings;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/audit} takes what a Kubernetes API server's audit webhook backend sends (an
 * {@code audit.k8s.io/v1} {@code EventList} as {@code application/json}): the completed writes
 * become spans of the window, everything else in the batch is skipped, and a request it cannot take
 * gets the same one-line refusals as {@code POST /v1/traces}.
 */
class AuditWebhookTest {
  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    server =
        new TestServer(
            LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS),
            64 * 1024,
            ServeSettings.DEFAULT_MAX_QUEUED_SPANS,
            null);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  /** One audit event; {@code verb} and {@code stage} as the API server writes them. */
  static String event(String id, String verb, String stage, int code, String at) {
    return """
        {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"%s",\
        "stage":"%s","requestURI":"/apis/psmdb.percona.com/v1/namespaces/mongodb/\
        perconaservermongodbs/cluster-a/status","verb":"%s",\
        "user":{"username":"system:serviceaccount:mongodb:percona-server-mongodb-operator"},\
        "userAgent":"manager/v0.0.0","objectRef":{"resource":"perconaservermongodbs",\
        "namespace":"mongodb","name":"cluster-a","apiGroup":"psmdb.percona.com",\
        "apiVersion":"v1","subresource":"status"},"responseStatus":{"metadata":{},"code":%d},\
        "requestReceivedTimestamp":"%s","stageTimestamp":"%s"}"""
        .formatted(id, stage, verb, code, at, at);
  }

  /** A webhook batch: the events of {@code items} in an {@code EventList}. */
  static byte[] eventList(String... items) {
    return ("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
            + String.join(",", items)
            + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static double received() throws Exception {
    String metrics = server.get("/metrics").body();
    String name = "wakeup_spans_received_total{transport=\"audit\"} ";
    return metrics
        .lines()
        .filter(line -> line.startsWith(name))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length()).trim()))
        .findFirst()
        .orElse(0);
  }

  /** Posts a bad request to the webhook path; checks the status and the one log line. */
  private static String refused(int status, String contentType, byte[] body) throws Exception {
    int before = server.log.size();
    HttpResponse<byte[]> r = server.post(HttpFront.AUDIT, contentType, body);
    String answer = new String(r.body(), StandardCharsets.UTF_8);
    assertEquals(status, r.statusCode(), answer);
    assertEquals(before + 1, server.log.size(), "one log line: " + server.log);
    String line = server.log.get(before);
    assertTrue(line.startsWith("serve: audit " + status + " from 127.0.0.1:"), line);
    assertFalse(line.contains("\n"), line);
    return line;
  }

  @Test
  void aWebhookBatch_isTaken_andOnlyItsCompletedWritesCount() throws Exception {
    double before = received();
    HttpResponse<byte[]> r =
        server.post(
            HttpFront.AUDIT,
            HttpFront.JSON,
            eventList(
                event("a1", "patch", "RequestReceived", 0, "2026-01-01T00:00:00.100000Z"),
                event("a1", "patch", "ResponseComplete", 200, "2026-01-01T00:00:00.100000Z"),
                event("a2", "get", "ResponseComplete", 200, "2026-01-01T00:00:00.200000Z"),
                event("a3", "update", "ResponseComplete", 409, "2026-01-01T00:00:00.300000Z"),
                event("a4", "update", "ResponseComplete", 200, "2026-01-01T00:00:00.400000Z")));
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    assertEquals("{}", new String(r.body(), StandardCharsets.UTF_8));
    assertEquals(before + 2, received(), "the patch and the successful update");
  }

  @Test
  void protobuf_is415_askingForJson() throws Exception {
    String line = refused(415, HttpFront.PROTOBUF, eventList());
    assertTrue(line.endsWith("expected application/json"), line);
  }

  @Test
  void aTruncatedBatch_is400_namingThePlace() throws Exception {
    byte[] whole = eventList(event("b1", "patch", "ResponseComplete", 200, "2026-01-01T00:00:01Z"));
    byte[] cut = Arrays.copyOf(whole, 200);
    String line = refused(400, HttpFront.JSON, cut);
    assertTrue(line.contains("POST /v1/audit:1:"), line);
  }

  @Test
  void get_is405() throws Exception {
    HttpResponse<String> r = server.get(HttpFront.AUDIT);
    assertEquals(405, r.statusCode());
    assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
  }
}
