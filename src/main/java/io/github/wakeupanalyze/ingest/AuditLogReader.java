package io.github.wakeupanalyze.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.wakeupanalyze.ingest.core.CriLines;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.KubeletTime;
import io.github.wakeupanalyze.ingest.core.SpanSink;
import io.github.wakeupanalyze.ingest.core.Synthetic;
import io.github.wakeupanalyze.ingest.core.Timestamps;
import io.github.wakeupanalyze.model.ObjectWrite;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a Kubernetes API server audit log ({@code audit.k8s.io/v1} {@code Event}s: the log
 * backend's JSON lines, a webhook's {@code EventList} batches, or an array of events) as the writes
 * it records, one SERVER span each of service {@value #SERVICE} and scope {@link
 * ObjectWrite#AUDIT_SCOPE}. Head sampling never touches an audit log, so its writes are complete
 * evidence beside a sampled trace ({@code docs/method.md}, "Audit logs").
 *
 * <p>An event becomes a span when its {@code stage} is {@code ResponseComplete}, its {@code verb}
 * is {@code create}, {@code update}, {@code patch} or {@code delete} (POST, PUT, PATCH, DELETE),
 * its {@code objectRef} names an object and its {@code responseStatus.code}, when given, is below
 * 400 (a refused write changes nothing, so no watch event follows). Other events (reads, earlier
 * stages, collection deletes, refusals) are counted and skipped.
 *
 * <p>Mapping: the span runs from {@code requestReceivedTimestamp} to {@code stageTimestamp} (the
 * change is committed by the end, as for an API server's own span); the trace id is the {@code
 * auditID} (a UUID, else its hash); attributes {@code http.request.method}, {@code url.path} (the
 * {@code requestURI} without its query), {@code k8s.namespace.name}, {@code k8s.object.name},
 * {@code user.name} (the writer, e.g. {@code system:serviceaccount:ns:my-operator}) and {@code
 * user_agent} as {@code k8s.audit.user_agent}. The writer is the user, not the user agent:
 * controller-runtime's default agent is {@code manager/…}, which names no operator, while its
 * service account usually does. Events of {@code audit.k8s.io/v1alpha1}, which have one {@code
 * timestamp} instead of the two times, are read with that time for both.
 *
 * <p><b>GKE.</b> Google Kubernetes Engine keeps no audit file: its audit events reach Cloud Logging
 * as {@code LogEntry}s whose {@code protoPayload} is a {@code google.cloud.audit.AuditLog} of
 * service {@code k8s.io}. Those are read too, as {@code gcloud logging read --format=json} prints
 * them (an array) or a log sink exports them (one per line). The verb is the last part of {@code
 * methodName} ({@code io.k8s.core.v1.pods.status.patch}); the object comes from {@code
 * resourceName} ({@code GROUP/VERSION[/namespaces/NS]/RESOURCE/NAME[/SUB]}, the core group written
 * {@code core}), its name on a create from {@code response.metadata.name} or {@code
 * request.metadata.name} when the path ends at the collection; the writer is {@code
 * authenticationInfo.principalEmail}; a write was accepted when {@code protoPayload.status.code} is
 * 0 or absent (a {@code google.rpc.Code}, 7 for a 403) and is not labelled {@code
 * command.gke.io/dryRun}; an entry that opens a long-running request ({@code operation.first}
 * without {@code last}) is not a completed one. GKE logs no request-received time: the span is the
 * instant {@code timestamp} (microseconds, the API server's time; {@code receiveTimestamp}, when
 * Cloud Logging took it, is seconds later and used only without it). Google does not document
 * whether {@code timestamp} is the request's arrival or its completion; the two lie a request's
 * latency apart, and the write-to-reconcile lag the engine fits takes up a constant difference.
 * Entries of other services, and requests that name no object, are counted and skipped.
 *
 * <p><b>EKS and AKS</b> hand out the events themselves, each as a JSON string inside a record of
 * their log store: CloudWatch Logs events ({@code message}) and AKS diagnostic logs ({@code
 * properties.log}); see {@link #wrapped}.
 *
 * <p><b>Layouts.</b> The first character that is not blank decides ({@link AuditLayout#of}): {@code {}
 * or {@code [} is JSON (one document, JSON lines or any concatenation); a first line that is a YAML
 * key or {@code ---} is YAML, each document an entry, as {@code gcloud logging read} prints GKE's
 * entries by default; anything else is read line by line ({@link #readLines}): an API server's own
 * output ({@code --audit-log-path=-}, as {@code kubectl logs} gives it, with or without {@code
 * --timestamps} or {@code --prefix}) or a CloudWatch Logs export to S3, where each event follows a
 * time, and the lines that are no audit event (the server's own log) are counted and skipped.
 */
final class AuditLogReader extends JsonReaderBase {
  /** The service name of the spans, as an API server's own spans would have. */
  static final String SERVICE = "kube-apiserver";

  /** Audit events read, and how many of them were writes. */
  private long events;

  /**
   * Entries of a managed cluster's log service that hold no audit event (other categories), and
   * lines of an API server's output that are its own log.
   */
  private long otherEntries;

  /** Reading YAML: a scalar a string field holds may have been typed as a number or a boolean. */
  private boolean yaml;

  /** Reading line by line: a JSON line that is no audit event is the server's own log. */
  private boolean lines;

  /**
   * YAML as {@code gcloud logging read} prints GKE's audit entries. SnakeYAML's limits hold per
   * document (an entry): no more aliases than a log entry needs (none), 4 M characters.
   */
  private static final YAMLFactory YAML = yamlFactory();

  private static YAMLFactory yamlFactory() {
    LoaderOptions limits = new LoaderOptions();
    limits.setMaxAliasesForCollections(10);
    limits.setNestingDepthLimit(MAX_NESTING);
    limits.setCodePointLimit(1 << 22);
    return YAMLFactory.builder().loaderOptions(limits).build();
  }

  @Override
  public void read(InputStream in, String file, SpanSink sink) throws IOException, InputException {
    this.file = file;
    this.sink = sink;
    BufferedInputStream b =
        in instanceof BufferedInputStream buffered
            ? buffered
            : new BufferedInputStream(in, 1 << 16);
    switch (AuditLayout.of(b)) {
      case JSON -> readRoots(FACTORY.createParser(b));
      case YAML -> {
        yaml = true;
        readRoots(YAML.createParser(b));
      }
      case LINES -> readLines(b);
    }
  }

  /**
   * An API server's output or an export with a time before each event: every line whose {@link
   * AuditLayout#EVENT_LINE} finds an event start is read as one JSON object; a line without one, or
   * a JSON object that is neither an audit event nor a managed cluster's record (the server's own
   * log in JSON), is counted and skipped. An input with no audit event at all is an error.
   */
  private void readLines(InputStream in) throws IOException, InputException {
    lines = true;
    BufferedReader r =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    long[] physical = {0};
    CriLines records =
        new CriLines(
            () -> {
              String line = r.readLine();
              physical[0] += line == null ? 0 : 1;
              return line;
            },
            Integer.MAX_VALUE); // also the API server's own file on its node
    long n = 0;
    long other = 0;
    String line;
    while ((line = records.next()) != null) {
      n = physical[0]; // a split event is named by its last record's line
      Matcher m = AuditLayout.EVENT_LINE.matcher(line);
      if (!m.find()) {
        if (!line.isBlank()) {
          otherEntries++;
          other++;
        }
        continue;
      }
      int at = m.start(1);
      String event = line.substring(at);
      if (KubeletTime.startsIn(line, 0, at)) {
        event = KubeletTime.joinPartials(event); // kubectl logs --timestamps of a line over 16 KiB
      }
      try (JsonParser p = FACTORY.createParser(event)) {
        p.nextToken();
        readObject(p);
        if (p.nextToken() != null) {
          throw error(p, "expected one audit event on the line, found more after it");
        }
      } catch (InputException e) {
        throw new InputException(file, Long.toString(n), e.detail(), e);
      } catch (JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where =
            loc == null
                ? Long.toString(n)
                : InputException.lineColumn(n, at + Math.max(1, loc.getColumnNr()));
        throw new InputException(file, where, jsonError(file, e, null).detail(), e);
      }
    }
    if (events == 0 && other > 0) {
      throw new InputException(
          file,
          "",
          "no audit event among "
              + other
              + " line(s): expected audit.k8s.io Event objects as JSON, one per line, each"
              + " alone or after a time (kubectl logs --timestamps, a CloudWatch export), or GKE"
              + " entries as YAML");
    }
  }

  private long writes;

  /** One line when the log held events but no write: it adds no evidence. */
  @Override
  public List<String> warnings() {
    if (writes > 0 || (events == 0 && (otherEntries == 0 || lines))) {
      return List.of(); // read line by line, a log without any event failed with its own line
    }
    String others =
        otherEntries == 0
            ? ""
            : lines
                ? " (and " + otherEntries + " lines of the API server's own log)"
                : " (and " + otherEntries + " log entries of other categories or streams)";
    return List.of(
        file
            + ": no completed write among "
            + events
            + " audit event(s)"
            + others
            + ": reads, refused writes and unfinished requests are skipped, so"
            + " this log adds no evidence (docs/formats.md, \"Audit logs\")");
  }

  @Override
  String expectedRoot() {
    return "a Kubernetes audit log (audit.k8s.io Event objects, one per line, or GKE audit"
        + " LogEntry objects as JSON or YAML)";
  }

  @Override
  void readRoot(JsonParser p, JsonToken t) throws IOException, InputException {
    if (t == JsonToken.START_OBJECT) {
      readObject(p);
    } else if (t == JsonToken.START_ARRAY) {
      readArray(p);
    } else if (yaml
        && (t == JsonToken.VALUE_NULL || (t == JsonToken.VALUE_STRING && p.getTextLength() == 0))) {
      // an empty YAML document (a marker at the end, or two in a row) holds no entry
    } else {
      throw error(p, "expected an audit event object, found " + describe(p));
    }
  }

  private void readArray(JsonParser p) throws IOException, InputException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.START_OBJECT) {
        readObject(p);
      } else if (t != JsonToken.VALUE_NULL) {
        throw error(p, "expected an audit event object, found " + describe(p));
      }
    }
  }

  /** One event, or an {@code EventList} whose {@code items} are events. */
  private void readObject(JsonParser p) throws IOException, InputException {
    JsonLocation start = p.currentTokenLocation();
    Event e = new Event();
    boolean list = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "kind" -> list = "EventList".equals(text(p, v));
        case "items" -> {
          if (v != JsonToken.START_ARRAY) {
            throw error(p, "expected \"items\" to be an array of audit events");
          }
          readArray(p);
          list = true;
        }
        case "auditID" -> e.auditId = text(p, v);
        case "stage" -> e.stage = text(p, v);
        case "verb" -> e.verb = text(p, v);
        case "requestURI" -> e.uri = text(p, v);
        case "userAgent" -> e.userAgent = text(p, v);
        case "requestReceivedTimestamp" -> e.received = time(p, v, name);
        case "stageTimestamp" -> e.staged = time(p, v, name);
        case "user" -> e.user = stringField(p, v, "username");
        case "objectRef" -> readObjectRef(p, v, e);
        case "responseStatus" -> e.code = code(p, v);
        case "timestamp" -> {
          if (v == JsonToken.VALUE_STRING) {
            e.timestamp = time(p, v, name);
          } else {
            p.skipChildren(); // a CloudWatch event's milliseconds: the event inside has its own
          }
        }
        case "receiveTimestamp" -> e.receiveTimestamp = time(p, v, name);
        case "insertId" -> e.insertId = text(p, v);
        case "protoPayload" -> readProtoPayload(p, v, e);
        case "operation" -> readOperation(p, v, e);
        case "labels" -> readLabels(p, v, e);
        case "events" -> {
          if (v != JsonToken.START_ARRAY) {
            throw error(p, "expected \"events\" to be an array of CloudWatch log events");
          }
          readArray(p);
          list = true;
        }
        case "message" -> {
          e.wrapped = v == JsonToken.VALUE_STRING ? p.getText() : skip(p);
          e.wrappedField = name;
        }
        case "properties" -> {
          e.wrapped = stringField(p, v, "log");
          e.wrappedField = "properties.log";
        }
        case "category", "logStreamName" -> e.source = text(p, v);
        default -> p.skipChildren();
      }
    }
    if (list) {
      return;
    }
    if (e.gke != null) {
      gkeEntry(start, e);
      return;
    }
    if (e.wrapped != null && e.auditId == null && e.stage == null) {
      wrapped(start, e);
      return;
    }
    if (lines && e.auditId == null && e.stage == null) {
      otherEntries++; // the server's own log, as JSON
      return;
    }
    if (e.auditId == null || e.stage == null) {
      throw error(
          start, "expected a Kubernetes audit event (audit.k8s.io Event with auditID and stage)");
    }
    events++;
    String method = method(e.verb);
    if (!"ResponseComplete".equals(e.stage)
        || method == null
        || e.name == null
        || e.name.isEmpty()
        || e.code >= 400) {
      return;
    }
    if (e.staged == Long.MIN_VALUE) {
      e.staged = e.timestamp; // audit.k8s.io/v1alpha1 has one time
    }
    if (e.staged == Long.MIN_VALUE) {
      throw error(start, "audit event " + e.auditId + " has no stageTimestamp");
    }
    long begin = e.received == Long.MIN_VALUE ? e.staged : Math.min(e.received, e.staged);
    String path = null;
    if (e.uri != null) {
      int q = e.uri.indexOf('?');
      path = q < 0 ? e.uri : e.uri.substring(0, q);
    }
    write(
        start, e.auditId, method, begin, e.staged, e.namespace, e.name, path, e.user, e.userAgent);
  }

  /** One completed, accepted write, as a span. */
  private void write(
      JsonLocation start,
      String id,
      String method,
      long begin,
      long end,
      String namespace,
      String name,
      String path,
      String user,
      String userAgent)
      throws InputException {
    builder
        .reset()
        .service(SERVICE)
        .scope(ObjectWrite.AUDIT_SCOPE)
        .name(method)
        .kind(2)
        .startNanos(begin)
        .endNanos(end)
        .attribute("http.request.method", method)
        .attribute("k8s.object.name", name);
    traceId(id);
    builder.spanId(Synthetic.mix(idLow ^ Long.rotateLeft(idHigh, 17)) | 1);
    if (namespace != null) {
      builder.attribute("k8s.namespace.name", namespace);
    }
    if (path != null) {
      builder.attribute("url.path", path);
    }
    if (user != null) {
      builder.attribute("user.name", user);
    }
    if (userAgent != null) {
      builder.attribute("k8s.audit.user_agent", userAgent);
    }
    writes++;
    sink.accept(build(start));
  }

  /**
   * A GKE audit {@code LogEntry}: a write when it is a completed, accepted one of {@code k8s.io}.
   */
  private void gkeEntry(JsonLocation start, Event e) throws InputException {
    Gke g = e.gke;
    events++;
    if (!"k8s.io".equals(g.service) || g.methodName == null || g.resourceName == null) {
      return; // another service's audit entry, or none of a request
    }
    String method = method(g.methodName.substring(g.methodName.lastIndexOf('.') + 1));
    if (method == null || g.code != 0 || e.dryRun || (e.first && !e.last)) {
      return;
    }
    String[] p = g.resourceName.split("/", -1);
    if (p.length < 4) {
      return; // a collection or no resource at all
    }
    String group = p[0].equals("core") ? "" : p[0];
    String version = p[1];
    // the Namespace object is namespaces/NAME, like the start of a namespaced path
    boolean namespaceObject =
        group.isEmpty() && g.methodName.startsWith("io.k8s.core." + version + ".namespaces.");
    int i = 2;
    String namespace = null;
    if (p[2].equals("namespaces") && !namespaceObject && p.length >= 5) {
      namespace = p[3];
      i = 4;
    }
    String resource = p[i];
    String name = p.length > i + 1 ? p[i + 1] : "";
    if (name.isEmpty()) {
      name = g.responseName != null ? g.responseName : g.requestName;
    }
    if (resource.isEmpty() || name == null || name.isEmpty()) {
      return;
    }
    long at = e.timestamp != Long.MIN_VALUE ? e.timestamp : e.receiveTimestamp;
    if (at == Long.MIN_VALUE) {
      throw error(start, "GKE audit entry " + e.insertId + " has no timestamp");
    }
    StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/" : "/apis/" + group + "/");
    path.append(version);
    if (namespace != null) {
      path.append("/namespaces/").append(namespace);
    }
    path.append('/').append(resource).append('/').append(name);
    if (p.length > i + 2 && !p[i + 2].isEmpty()) {
      path.append('/').append(p[i + 2]); // the subresource; a proxied path after it is not kept
    }
    String id = e.insertId != null ? e.insertId : e.operationId;
    if (id == null) {
      id = g.resourceName + "@" + at;
    }
    write(start, id, method, at, at, namespace, name, path.toString(), g.user, g.userAgent);
  }

  /**
   * An audit event carried as a JSON string by a managed cluster's log service: AKS diagnostic logs
   * ({@code properties.log}, category {@code kube-audit} or {@code kube-audit-admin}) and EKS
   * CloudWatch Logs events ({@code message}, stream {@code kube-apiserver-audit-…}, also inside the
   * {@code events} of {@code aws logs filter-log-events}). Entries of other categories or streams
   * (the control plane's own logs) are counted and skipped.
   */
  private void wrapped(JsonLocation start, Event e) throws IOException, InputException {
    String field = e.wrappedField;
    if (e.source != null
        && !e.source.startsWith("kube-audit")
        && !e.source.startsWith("kube-apiserver-audit")) {
      otherEntries++;
      return;
    }
    String json = e.wrapped.strip();
    if (!json.startsWith("{")) {
      throw error(start, "expected the audit event in \"" + field + "\" to be a JSON object");
    }
    try (JsonParser sub = FACTORY.createParser(json)) {
      sub.nextToken();
      readObject(sub);
      if (sub.nextToken() != null) {
        throw error(start, "expected one audit event in \"" + field + "\", found more");
      }
    } catch (InputException ex) {
      throw error(start, "in the audit event of \"" + field + "\": " + ex.detail());
    } catch (JsonProcessingException ex) {
      throw error(
          start, "the audit event in \"" + field + "\" is not JSON: " + ex.getOriginalMessage());
    }
  }

  /** Skips the value the parser is on; returns null. */
  private static String skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  /** The auditID as the trace id: a UUID's 128 bits, else a hash of the text. */
  private void traceId(String auditId) {
    String hex = auditId.replace("-", "");
    if (hex.length() == 32 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      idHigh = Long.parseUnsignedLong(hex.substring(0, 16), 16);
      idLow = Long.parseUnsignedLong(hex.substring(16), 16);
    } else {
      idHigh = Synthetic.hash(auditId);
      idLow = Synthetic.mix(idHigh);
    }
    builder.traceId(idHigh, idLow);
  }

  private static String method(String verb) {
    if (verb == null) {
      return null;
    }
    return switch (verb.toLowerCase(Locale.ROOT)) {
      case "create" -> "POST";
      case "update" -> "PUT";
      case "patch" -> "PATCH";
      case "delete" -> "DELETE";
      default -> null;
    };
  }

  private String text(JsonParser p, JsonToken v) throws IOException, InputException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v != JsonToken.VALUE_STRING && !(yaml && v.isScalarValue())) {
      throw error(p, "expected a string for \"" + p.currentName() + "\", found " + describe(p));
    }
    return p.getText();
  }

  private long time(JsonParser p, JsonToken v, String field) throws IOException, InputException {
    String s = text(p, v);
    if (s == null) {
      return Long.MIN_VALUE;
    }
    try {
      return Timestamps.parseDateTime(s);
    } catch (IllegalArgumentException ex) {
      throw error(p, "expected an RFC 3339 time for \"" + field + "\", found \"" + s + "\"");
    }
  }

  /** Reads one field's value; the parser is on it. */
  @FunctionalInterface
  private interface Field {
    void read(String name, JsonToken value) throws IOException, InputException;
  }

  /** Each field of an object value (anything else is skipped). */
  private static void fields(JsonParser p, JsonToken v, Field field)
      throws IOException, InputException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      field.read(name, p.nextToken());
    }
  }

  private void readObjectRef(JsonParser p, JsonToken v, Event e)
      throws IOException, InputException {
    fields(
        p,
        v,
        (name, t) -> {
          switch (name) {
            case "name" -> e.name = text(p, t);
            case "namespace" -> e.namespace = text(p, t);
            default -> p.skipChildren();
          }
        });
  }

  /**
   * The integer {@code code} of a status object value ({@code responseStatus}, {@code status}), or
   * 0.
   */
  private static int code(JsonParser p, JsonToken v) throws IOException, InputException {
    int[] code = {0};
    fields(
        p,
        v,
        (n, t) -> {
          if (n.equals("code") && t == JsonToken.VALUE_NUMBER_INT) {
            code[0] = p.getIntValue();
          } else {
            p.skipChildren();
          }
        });
    return code[0];
  }

  private void readProtoPayload(JsonParser p, JsonToken v, Event e)
      throws IOException, InputException {
    if (v != JsonToken.START_OBJECT) {
      throw error(p, "expected \"protoPayload\" to be an object, found " + describe(p));
    }
    Gke g = new Gke();
    e.gke = g;
    fields(
        p,
        v,
        (name, t) -> {
          switch (name) {
            case "serviceName" -> g.service = text(p, t);
            case "methodName" -> g.methodName = text(p, t);
            case "resourceName" -> g.resourceName = text(p, t);
            case "authenticationInfo" -> g.user = stringField(p, t, "principalEmail");
            case "requestMetadata" -> g.userAgent = stringField(p, t, "callerSuppliedUserAgent");
            case "status" -> g.code = code(p, t);
            case "response" -> g.responseName = metadataName(p, t);
            case "request" -> g.requestName = metadataName(p, t);
            default -> p.skipChildren();
          }
        });
  }

  /** The string {@code field} of an object value (null when absent); the rest is skipped. */
  private String stringField(JsonParser p, JsonToken v, String field)
      throws IOException, InputException {
    String[] value = {null};
    fields(
        p,
        v,
        (n, t) -> {
          if (n.equals(field)) {
            value[0] = text(p, t);
          } else {
            p.skipChildren();
          }
        });
    return value[0];
  }

  /** {@code metadata.name} of an object value, or null. */
  private String metadataName(JsonParser p, JsonToken v) throws IOException, InputException {
    String[] name = {null};
    fields(
        p,
        v,
        (n, t) -> {
          if (n.equals("metadata")) {
            name[0] = stringField(p, t, "name");
          } else {
            p.skipChildren();
          }
        });
    return name[0];
  }

  private void readOperation(JsonParser p, JsonToken v, Event e)
      throws IOException, InputException {
    fields(
        p,
        v,
        (name, t) -> {
          switch (name) {
            case "id" -> e.operationId = text(p, t);
            case "first" -> e.first = t == JsonToken.VALUE_TRUE;
            case "last" -> e.last = t == JsonToken.VALUE_TRUE;
            default -> p.skipChildren();
          }
        });
  }

  private void readLabels(JsonParser p, JsonToken v, Event e) throws IOException, InputException {
    fields(
        p,
        v,
        (name, t) -> {
          if (name.equals("command.gke.io/dryRun")) {
            e.dryRun =
                !(t == JsonToken.VALUE_FALSE
                    || (t == JsonToken.VALUE_STRING && p.getText().equalsIgnoreCase("false")));
          }
          p.skipChildren();
        });
  }

  /** The fields of a GKE entry's {@code protoPayload} the reader uses. */
  private static final class Gke {
    String service;
    String methodName;
    String resourceName;
    String user;
    String userAgent;
    String responseName;
    String requestName;
    int code;
  }

  /** The fields of one event the reader uses. */
  private static final class Event {
    String auditId;
    String stage;
    String verb;
    String uri;
    String user;
    String userAgent;
    String name;
    String namespace;
    int code;
    long received = Long.MIN_VALUE;
    long staged = Long.MIN_VALUE;
    long timestamp = Long.MIN_VALUE;

    /** GKE: the LogEntry's fields; {@link #gke} is null for an {@code audit.k8s.io} event. */
    Gke gke;

    String insertId;
    String operationId;
    long receiveTimestamp = Long.MIN_VALUE;
    boolean first;
    boolean last;
    boolean dryRun;

    /** AKS or EKS: the event as a JSON string, and the category or log stream it came in. */
    String wrapped;

    String wrappedField;
    String source;
  }
}
