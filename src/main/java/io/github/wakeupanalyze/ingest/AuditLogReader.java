package io.github.wakeupanalyze.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.Synthetic;
import io.github.wakeupanalyze.ingest.core.Timestamps;
import io.github.wakeupanalyze.model.ObjectWrite;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

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
 * service account usually does.
 */
final class AuditLogReader extends JsonReaderBase {
  /** The service name of the spans, as an API server's own spans would have. */
  static final String SERVICE = "kube-apiserver";

  /** Audit events read, and how many of them were writes. */
  private long events;

  private long writes;

  /** One line when the log held events but no write: it adds no evidence. */
  @Override
  public List<String> warnings() {
    if (events == 0 || writes > 0) {
      return List.of();
    }
    return List.of(
        file
            + ": no completed write among "
            + events
            + " audit event(s): reads, refused writes and unfinished requests are skipped, so"
            + " this log adds no evidence (docs/formats.md, \"Audit logs\")");
  }

  @Override
  String expectedRoot() {
    return "a Kubernetes audit log (audit.k8s.io Event objects, one per line)";
  }

  @Override
  void readRoot(JsonParser p, JsonToken t) throws IOException, InputException {
    if (t == JsonToken.START_OBJECT) {
      readObject(p);
    } else if (t == JsonToken.START_ARRAY) {
      readArray(p);
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
        case "user" -> readUser(p, v, e);
        case "objectRef" -> readObjectRef(p, v, e);
        case "responseStatus" -> readStatus(p, v, e);
        default -> p.skipChildren();
      }
    }
    if (list) {
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
      throw error(start, "audit event " + e.auditId + " has no stageTimestamp");
    }
    long begin = e.received == Long.MIN_VALUE ? e.staged : Math.min(e.received, e.staged);
    builder
        .reset()
        .service(SERVICE)
        .scope(ObjectWrite.AUDIT_SCOPE)
        .name(method)
        .kind(2)
        .startNanos(begin)
        .endNanos(e.staged)
        .attribute("http.request.method", method)
        .attribute("k8s.object.name", e.name);
    traceId(e.auditId);
    builder.spanId(Synthetic.mix(idLow ^ Long.rotateLeft(idHigh, 17)) | 1);
    if (e.namespace != null) {
      builder.attribute("k8s.namespace.name", e.namespace);
    }
    if (e.uri != null) {
      int q = e.uri.indexOf('?');
      builder.attribute("url.path", q < 0 ? e.uri : e.uri.substring(0, q));
    }
    if (e.user != null) {
      builder.attribute("user.name", e.user);
    }
    if (e.userAgent != null) {
      builder.attribute("k8s.audit.user_agent", e.userAgent);
    }
    writes++;
    sink.accept(build(start));
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
    if (v != JsonToken.VALUE_STRING) {
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

  private void readUser(JsonParser p, JsonToken v, Event e) throws IOException, InputException {
    fields(
        p,
        v,
        (name, t) -> {
          if (name.equals("username")) {
            e.user = text(p, t);
          } else {
            p.skipChildren();
          }
        });
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

  private void readStatus(JsonParser p, JsonToken v, Event e) throws IOException, InputException {
    fields(
        p,
        v,
        (name, t) -> {
          if (name.equals("code") && t == JsonToken.VALUE_NUMBER_INT) {
            e.code = p.getIntValue();
          } else {
            p.skipChildren();
          }
        });
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
  }
}
