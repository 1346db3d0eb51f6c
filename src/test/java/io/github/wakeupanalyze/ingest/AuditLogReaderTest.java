package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wakeupanalyze.extract.WriteEvidence;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Kubernetes audit log is read as the writes it records: accepted, completed writes to named
 * objects become API server spans, and everything else (reads, earlier stages, refusals, writes to
 * collections) is left out.
 */
class AuditLogReaderTest {
  /** A status patch by an operator's service account, as the log backend writes it. */
  private static final String PATCH =
      """
      {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata",\
      "auditID":"4c4e2a0e-8b9b-4f3a-9d55-0c2f1b7e6a11","stage":"ResponseComplete",\
      "requestURI":"/apis/psmdb.percona.com/v1/namespaces/mongodb/perconaservermongodbs/cluster-a/status?fieldManager=x",\
      "verb":"patch","user":{"username":"system:serviceaccount:mongodb:percona-server-mongodb-operator",\
      "groups":["system:serviceaccounts"]},"sourceIPs":["10.244.0.12"],\
      "userAgent":"manager/v0.0.0 (linux/amd64) kubernetes/$Format",\
      "objectRef":{"resource":"perconaservermongodbs","namespace":"mongodb","name":"cluster-a",\
      "apiGroup":"psmdb.percona.com","apiVersion":"v1","subresource":"status"},\
      "responseStatus":{"metadata":{},"code":200},\
      "requestReceivedTimestamp":"2026-12-03T10:00:00.123456Z","stageTimestamp":"2026-12-03T10:00:00.130001Z"}
      """;

  private static String withField(String event, String field, String value) {
    return event.replaceFirst(
        "\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\"" + value + "\"");
  }

  private static List<Span> read(String text) {
    Collected c = Collected.stdin(text).ok();
    assertEquals(TraceFormat.K8S_AUDIT, c.report().format(), "sniffed as an audit log");
    return c.spans;
  }

  @Test
  void anAcceptedPatch_becomesAnApiServerSpan_fromReceivedToComplete() {
    Span s = read(PATCH).get(0);
    assertEquals("kube-apiserver", s.service());
    assertEquals(ObjectWrite.AUDIT_SCOPE, s.scope());
    assertEquals(2, s.kind(), "SERVER");
    assertEquals(0x4c4e2a0e8b9b4f3aL, s.traceIdHigh());
    assertEquals(0x9d550c2f1b7e6a11L, s.traceIdLow());
    assertEquals(1_796_292_000_123_456_000L, s.startNanos());
    assertEquals(1_796_292_000_130_001_000L, s.endNanos());
    assertEquals("PATCH", s.attribute("http.request.method"));
    assertEquals(
        "/apis/psmdb.percona.com/v1/namespaces/mongodb/perconaservermongodbs/cluster-a/status",
        s.attribute("url.path"),
        "the query is dropped");
    assertEquals("cluster-a", s.attribute("k8s.object.name"));
    assertEquals("mongodb", s.attribute("k8s.namespace.name"));
  }

  @Test
  void theWrite_isAudited_andItsWriterIsTheUser_notTheGenericAgent() {
    ObjectWrite w = WriteEvidence.of(read(PATCH).get(0));
    assertTrue(w.audited());
    assertEquals("system:serviceaccount:mongodb:percona-server-mongodb-operator", w.client());
    assertEquals("cluster-a", w.name());
    assertEquals("perconaservermongodbs", w.resource());
    assertEquals(1_796_292_000_130_001_000L, w.timeNanos(), "committed by the response");
  }

  @Test
  void everyWriteVerb_maps_andReadsAreLeftOut() {
    StringBuilder log = new StringBuilder();
    String[] verbs = {"create", "update", "patch", "delete", "get", "list", "watch"};
    for (int i = 0; i < verbs.length; i++) {
      log.append(withField(withField(PATCH, "verb", verbs[i]), "auditID", "id-" + i));
    }
    List<String> methods =
        read(log.toString()).stream().map(s -> s.attribute("http.request.method")).toList();
    assertEquals(List.of("POST", "PUT", "PATCH", "DELETE"), methods);
  }

  @Test
  void earlierStages_refusals_andCollectionWrites_areLeftOut() {
    String received = withField(PATCH, "stage", "RequestReceived");
    String refused = PATCH.replace("\"code\":200", "\"code\":409");
    String collection =
        withField(PATCH, "verb", "deletecollection").replace("\"name\":\"cluster-a\",", "");
    String kept = withField(PATCH, "auditID", "kept");
    List<Span> spans = read(received + refused + collection + kept);
    assertEquals(1, spans.size());
    assertTrue(spans.get(0).traceIdHigh() != 0x4c4e2a0e8b9b4f3aL, "the one whose id is 'kept'");
  }

  @Test
  void aLogWithoutAWrite_saysSoInOneWarning() {
    String reads = withField(PATCH, "verb", "get") + withField(PATCH, "verb", "list");
    InputReport r = Collected.stdin(reads).ok().report();
    assertEquals(0, r.spans());
    assertEquals(
        List.of(
            "-: no completed write among 2 audit event(s): reads, refused writes and unfinished"
                + " requests are skipped, so this log adds no evidence (docs/formats.md, \"Audit"
                + " logs\")"),
        r.warnings());
    assertEquals(List.of(), Collected.stdin(PATCH).ok().report().warnings(), "one write: no note");
  }

  @Test
  void aWebhookBatch_isReadItemByItem() {
    String batch =
        "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
            + PATCH.strip()
            + ","
            + withField(PATCH, "auditID", "second").strip()
            + "]}";
    assertEquals(2, read(batch).size());
  }

  @Test
  void anObjectThatIsNoAuditEvent_isOneLineError_withItsPlace() {
    String bad = PATCH + "{\"kind\":\"Event\",\"verb\":\"patch\"}\n";
    Collected c = Collected.stdin(bad);
    String e = c.error();
    assertTrue(e.startsWith("-:2:1: "), e);
    assertTrue(e.contains("expected a Kubernetes audit event"), e);
    assertEquals(1, c.spans.size(), "the first event stays read");
  }

  @Test
  void aTimeThatIsNoTime_namesTheField() {
    String e = Collected.stdin(withField(PATCH, "stageTimestamp", "yesterday")).error();
    assertTrue(e.contains("stageTimestamp") && e.contains("yesterday"), e);
  }

  /** A v1alpha1 event: one {@code timestamp}, no received and stage times. */
  @Test
  void aV1alpha1Event_withOneTimestamp_isAnInstantWrite() {
    String old =
        PATCH
            .replace("audit.k8s.io/v1", "audit.k8s.io/v1alpha1")
            .replaceFirst(
                "\"requestReceivedTimestamp\":\"[^\"]*\",\"stageTimestamp\"", "\"timestamp\"");
    Span s = read(old).get(0);
    assertEquals(1_796_292_000_130_001_000L, s.startNanos());
    assertEquals(1_796_292_000_130_001_000L, s.endNanos());
  }

  /**
   * A GKE audit entry as Cloud Logging holds it: {@code method} and {@code resource} go into {@code
   * methodName} and {@code resourceName}; keys sorted, as gcloud prints them.
   */
  private static String gke(String id, String method, String resource) {
    return """
        {"insertId":"%s","logName":"projects/p/logs/cloudaudit.googleapis.com%%2Factivity",\
        "operation":{"first":true,"id":"%s","last":true,"producer":"k8s.io"},\
        "protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog",\
        "authenticationInfo":{"principalEmail":"system:serviceaccount:mongodb:psmdb-operator"},\
        "methodName":"%s","requestMetadata":{"callerIp":"10.0.0.7",\
        "callerSuppliedUserAgent":"manager/v0.0.0"},"resourceName":"%s","serviceName":"k8s.io",\
        "status":{}},"receiveTimestamp":"2026-12-03T10:00:02.481516273Z",\
        "resource":{"labels":{"cluster_name":"c","location":"europe-west1","project_id":"p"},\
        "type":"k8s_cluster"},"timestamp":"2026-12-03T10:00:00.130001Z"}
        """
        .formatted(id, id, method, resource);
  }

  @Test
  void gkeEntries_asGcloudPrintsThem_becomeWrites_atTheirTimestamp() {
    String array =
        "["
            + String.join(
                ",",
                gke(
                        "0000000a-0000-0000-0000-000000000001",
                        "io.k8s.psmdb.percona.com.v1.perconaservermongodbs.status.patch",
                        "psmdb.percona.com/v1/namespaces/mongodb/perconaservermongodbs/cluster-a/status")
                    .strip(),
                gke(
                        "0000000a-0000-0000-0000-000000000002",
                        "io.k8s.core.v1.nodes.status.update",
                        "core/v1/nodes/node-1/status")
                    .strip(),
                gke(
                        "0000000a-0000-0000-0000-000000000003",
                        "io.k8s.core.v1.namespaces.delete",
                        "core/v1/namespaces/scratch")
                    .strip(),
                gke(
                        "0000000a-0000-0000-0000-000000000004",
                        "io.k8s.core.v1.pods.create",
                        "core/v1/namespaces/mongodb/pods")
                    .replace(
                        "\"status\":{}",
                        "\"status\":{},\"response\":{\"metadata\":{\"name\":\"rs0-x7k2p\"}}")
                    .strip())
            + "]";
    List<Span> spans = read(array);
    assertEquals(
        List.of(
            "PATCH mongodb/cluster-a /apis/psmdb.percona.com/v1/namespaces/mongodb/perconaservermongodbs/cluster-a/status",
            "PUT null/node-1 /api/v1/nodes/node-1/status",
            "DELETE null/scratch /api/v1/namespaces/scratch",
            "POST mongodb/rs0-x7k2p /api/v1/namespaces/mongodb/pods/rs0-x7k2p"),
        spans.stream()
            .map(
                s ->
                    s.attribute("http.request.method")
                        + " "
                        + s.attribute("k8s.namespace.name")
                        + "/"
                        + s.attribute("k8s.object.name")
                        + " "
                        + s.attribute("url.path"))
            .toList());
    Span s = spans.get(0);
    assertEquals(1_796_292_000_130_001_000L, s.startNanos(), "timestamp, not receiveTimestamp");
    assertEquals(s.startNanos(), s.endNanos(), "GKE logs no request-received time");
    assertEquals(0x0000000a00000000L, s.traceIdHigh(), "the insertId is the trace id");
    ObjectWrite w = WriteEvidence.of(s);
    assertTrue(w.audited());
    assertEquals("system:serviceaccount:mongodb:psmdb-operator", w.client());
    assertEquals("perconaservermongodbs", w.resource());
    assertEquals("namespaces", WriteEvidence.of(spans.get(2)).resource());
  }

  @Test
  void gkeEntries_refusedDryRunUnfinishedOtherServicesAndReads_areLeftOut() {
    String patch =
        gke("kept", "io.k8s.core.v1.configmaps.patch", "core/v1/namespaces/a/configmaps/c");
    String refused =
        patch.replace("\"status\":{}", "\"status\":{\"code\":7,\"message\":\"Forbidden\"}");
    String dryRun =
        patch.replace(
            "\"timestamp\"", "\"labels\":{\"command.gke.io/dryRun\":\"true\"},\"timestamp\"");
    String opened = patch.replace(",\"last\":true", "");
    String otherService =
        patch.replace("\"serviceName\":\"k8s.io\"", "\"serviceName\":\"compute.googleapis.com\"");
    String read = gke("r", "io.k8s.core.v1.configmaps.get", "core/v1/namespaces/a/configmaps/c");
    String nonResource = gke("n", "io.k8s.get", "readyz");
    String unnamedCreate = gke("u", "io.k8s.core.v1.pods.create", "core/v1/namespaces/a/pods");
    // one entry per line, keys sorted as jq -S and some sinks leave them
    List<Span> spans =
        read(refused + dryRun + opened + otherService + read + nonResource + unnamedCreate + patch);
    assertEquals(1, spans.size());
    assertEquals("c", spans.get(0).attribute("k8s.object.name"));
  }

  @Test
  void aGkeEntryWithoutTimestamp_takesTheReceiveTimestamp() {
    String entry =
        gke("t", "io.k8s.core.v1.configmaps.update", "core/v1/namespaces/a/configmaps/c")
            .replace(",\"timestamp\":\"2026-12-03T10:00:00.130001Z\"", "");
    assertEquals(1_796_292_002_481_516_273L, read(entry).get(0).startNanos());
  }

  /** An AKS diagnostic-log record carrying {@code log} as a JSON string. */
  private static String aks(String category, String log) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode r = json.createObjectNode();
    r.put("time", "2026-12-03T10:00:00.1300010Z");
    r.put("category", category);
    r.putObject("properties").put("log", log.strip()).put("stream", "stdout");
    return json.writeValueAsString(r) + "\n";
  }

  @Test
  void aksRecords_areReadThroughTheirLog_andOtherCategoriesSkipped() throws Exception {
    List<Span> spans =
        read(aks("kube-apiserver", "I1203 10:00:00 1 x.go:1] ready") + aks("kube-audit", PATCH));
    assertEquals(1, spans.size());
    Span direct = read(PATCH).get(0);
    assertEquals(direct.startNanos(), spans.get(0).startNanos());
    assertEquals(direct.endNanos(), spans.get(0).endNanos());
    assertEquals(direct.attributes(), spans.get(0).attributes());
  }

  @Test
  void noWrite_amongTheAuditRecords_saysSo_countingTheOtherCategories() throws Exception {
    String records =
        aks("kube-apiserver", "I1203 10:00:00 1 x.go:1] ready")
            + aks("kube-audit", withField(PATCH, "verb", "get"));
    InputReport r = Collected.stdin(records).ok().report();
    assertEquals(0, r.spans());
    assertTrue(
        r.warnings()
            .get(0)
            .contains(
                "no completed write among 1 audit event(s) (and 1 log entries of other"
                    + " categories or streams)"),
        r.warnings().toString());
  }

  @Test
  void aBrokenEventInsideAWrapper_isOneLineAtTheWrapper() throws Exception {
    String broken = aks("kube-audit", PATCH).replace("ResponseComplete", "ResponseComplete\\\"");
    Collected c = Collected.stdin(aks("kube-audit", PATCH) + broken);
    String e = c.error();
    assertTrue(e.startsWith("-:2:1: "), e);
    assertTrue(e.contains("\"properties.log\""), e);
    assertEquals(1, c.spans.size(), "the first record stays read");
    String notJson = aks("kube-audit", "not json at all");
    assertTrue(Collected.stdin(notJson).error().contains("to be a JSON object"));
  }

  @Test
  void eksFilterLogEventsOutput_isReadThroughEachMessage() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    var events = root.putArray("events");
    events
        .addObject()
        .put("logStreamName", "kube-apiserver-0f")
        .put("timestamp", 1L)
        .put("message", "I1203 ready");
    events
        .addObject()
        .put("logStreamName", "kube-apiserver-audit-0f")
        .put("timestamp", 1_796_292_000_130L)
        .put("message", PATCH.strip());
    root.putArray("searchedLogStreams");
    List<Span> spans = read(json.writeValueAsString(root));
    assertEquals(1, spans.size());
    assertEquals(read(PATCH).get(0).endNanos(), spans.get(0).endNanos(), "the event's own time");
  }

  /**
   * One GKE entry as {@code gcloud logging read} prints it without {@code --format}: YAML, quotes
   * only where needed, so an {@code insertId} of digits is a YAML number and {@code last} a
   * boolean.
   */
  private static String gkeYaml(String insertId, String method, String dryRun) {
    return """
        insertId: %s
        labels:
          authorization.k8s.io/decision: allow
          command.gke.io/dryRun: %s
        logName: projects/p/logs/cloudaudit.googleapis.com%%2Factivity
        operation:
          first: true
          id: 9f0e7c1a
          last: true
          producer: k8s.io
        protoPayload:
          '@type': type.googleapis.com/google.cloud.audit.AuditLog
          authenticationInfo:
            principalEmail: system:serviceaccount:mongodb:psmdb-operator
          methodName: %s
          requestMetadata:
            callerIp: 10.0.0.7
            callerSuppliedUserAgent: manager/v0.0.0
          resourceName: psmdb.percona.com/v1/namespaces/mongodb/perconaservermongodbs/cluster-a/status
          serviceName: k8s.io
          status: {}
        receiveTimestamp: '2026-12-03T10:00:02.481516273Z'
        resource:
          type: k8s_cluster
        timestamp: '2026-12-03T10:00:00.130001Z'
        """
        .formatted(insertId, dryRun, method);
  }

  @Test
  void gkeEntries_asGcloudPrintsThemByDefault_yamlDocuments_becomeWrites() {
    String method = "io.k8s.com.percona.psmdb.v1.perconaservermongodbs.status.patch";
    String yaml =
        gkeYaml("1234567", method, "'false'")
            + "---\n"
            + gkeYaml("abc", method, "false")
            + "---\n"
            + gkeYaml("dry", method, "'true'")
            + "---\n";
    List<Span> spans = read(yaml);
    assertEquals(2, spans.size(), "the dry run is left out, an unquoted false is no dry run");
    Span s = spans.get(0);
    assertEquals("PATCH", s.attribute("http.request.method"));
    assertEquals("cluster-a", s.attribute("k8s.object.name"));
    assertEquals(1_796_292_000_130_001_000L, s.endNanos());
    assertEquals(
        read(gke(
                "1234567",
                method,
                "psmdb.percona.com/v1/namespaces/mongodb/perconaservermongodbs/cluster-a/status"))
            .get(0),
        s,
        "the same span as from gcloud's JSON");
  }

  @Test
  void brokenYaml_isOneLine_namingItsPlace_afterTheEntriesBefore() {
    String method = "io.k8s.core.v1.pods.patch";
    Collected c = Collected.stdin(gkeYaml("a", method, "'false'") + "---\ninsertId: 'unclosed\n");
    String e = c.error();
    assertTrue(e.startsWith("-:"), e);
    assertTrue(e.contains("not valid YAML"), e);
    assertEquals(1, e.lines().count(), e);
  }

  /** An API server that writes its audit log to its own output ({@code --audit-log-path=-}). */
  @Test
  void anApiServersOutput_readsTheEventsBetweenItsOwnLogLines() {
    String out =
        "I1203 09:59:58.100000       1 flags.go:64] FLAG: --audit-log-path=\"-\"\n"
            + PATCH
            + "{\"ts\":1764756000000.1,\"msg\":\"cacher ready\"}\n"
            + "E1203 10:00:00.200000       1 status.go:71] apiserver received an error {x}\n"
            + withField(PATCH, "auditID", "second");
    Collected c = Collected.stdin(out).ok();
    assertEquals(TraceFormat.K8S_AUDIT, c.report().format());
    assertEquals(2, c.spans.size());
    assertEquals(read(PATCH).get(0), c.spans.get(0));
  }

  @Test
  void eventsAfterAKubectlPrefixAndATime_orACloudWatchExportsTime_areRead() {
    String withTime = "2026-12-03T10:00:00.131Z " + PATCH;
    String kubectl =
        "[pod/kube-apiserver-minikube/kube-apiserver] 2026-12-03T10:00:00.130999123Z "
            + withField(PATCH, "auditID", "second");
    List<Span> spans = read(withTime + kubectl);
    assertEquals(2, spans.size());
    assertEquals(read(PATCH).get(0).endNanos(), spans.get(1).endNanos(), "the event's own time");
  }

  /**
   * A line over the container runtime's limit (16 KiB) is stored as partial records; {@code kubectl
   * logs --timestamps} gives it back with the kubelet's time wherever it was split.
   */
  @Test
  void anEventTheRuntimeSplit_withKubectlTimesInside_isReadWhole() {
    String big =
        PATCH.replace(
            "\"level\":", "\"annotations\":{\"pad\":\"" + "y".repeat(40_000) + "\"},\"level\":");
    String time = "2026-12-03T10:00:00.130999123Z ";
    StringBuilder line = new StringBuilder();
    String event = big.strip();
    for (int at = 0; at < event.length(); at += 16_384) {
      line.append(time).append(event, at, Math.min(event.length(), at + 16_384));
    }
    String inObjectRef = time + event.substring(0, event.indexOf("\"mongodb\",\"name\"") + 3);
    String split =
        inObjectRef + time + event.substring(inObjectRef.length() - time.length()) + "\n";
    List<Span> spans = read(line + "\n" + split);
    assertEquals(2, spans.size());
    assertEquals(read(PATCH).get(0), spans.get(0));
    assertEquals(read(PATCH).get(0), spans.get(1), "split inside the object's namespace");
  }

  /**
   * The API server's file on its node (CRI format), an event split into partial records inside its
   * object, the server's own log on the other stream between them.
   */
  @Test
  void theApiServersFileOnItsNode_joinsTheRecordsOfAnEvent() {
    String event = PATCH.strip();
    int cut = event.indexOf("\"mongodb\",\"name\"") + 3;
    String node =
        "2026-12-03T10:00:00.1Z stderr F I1203 10:00:00.100000       1 flags.go:64] FLAG: x\n"
            + "2026-12-03T10:00:00.131Z stdout P "
            + event.substring(0, cut)
            + "\n2026-12-03T10:00:00.131Z stderr F I1203 10:00:00.131000       1 trace.go:236] y\n"
            + "2026-12-03T10:00:00.131+00:00 stdout F "
            + event.substring(cut)
            + "\n2026-12-03T10:00:00.2Z stdout F "
            + withField(event, "auditID", "second")
            + "\n";
    List<Span> spans = read(node);
    assertEquals(List.of(read(PATCH).get(0)), spans.subList(0, 1));
    assertEquals(2, spans.size());
  }

  @Test
  void aBrokenEventAmongLines_isOneLine_namingItsLine() {
    String out =
        "I1203 09:59:58.100000       1 flags.go:64] FLAG: x\n"
            + PATCH
            + "2026-12-03T10:00:00.131Z {\"kind\":\"Event\",\"auditID\":\"x\",\"stage\":\n";
    Collected c = Collected.stdin(out);
    String e = c.error();
    assertTrue(e.startsWith("-:3:"), e);
    assertEquals(1, c.spans.size(), "the event before stays read");
    String noStage = PATCH.replace("\"stage\":\"ResponseComplete\",", "");
    assertTrue(Collected.stdin("I1203 x\n" + noStage).error().startsWith("-:2: expected a"));
  }

  @Test
  void linesWithoutAnyAuditEvent_givenAsAnAuditLog_areOneLineError() {
    ReadOptions asAudit = new ReadOptions(TraceFormat.K8S_AUDIT, null);
    Collected c =
        Collected.read(
            asAudit,
            new java.io.ByteArrayInputStream(
                "I1203 09:59:58.100000 1 flags.go:64] FLAG: x\nI1203 ready\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "-");
    String e = c.error();
    assertTrue(e.contains("no audit event among 2 line(s)"), e);
    assertEquals(List.of(), c.report().warnings(), "the error says it all");
  }

  @Test
  void anApiServersOutputWithoutAWrite_saysSo_countingItsOwnLines() {
    String out = "I1203 ready\n" + withField(PATCH, "verb", "get") + "I1203 done\n";
    InputReport r = Collected.stdin(out).ok().report();
    assertEquals(
        List.of(
            "-: no completed write among 1 audit event(s) (and 2 lines of the API server's own"
                + " log): reads, refused writes and unfinished requests are skipped, so this log"
                + " adds no evidence (docs/formats.md, \"Audit logs\")"),
        r.warnings());
  }
}
