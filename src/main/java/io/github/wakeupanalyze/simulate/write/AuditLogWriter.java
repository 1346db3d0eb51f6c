package io.github.wakeupanalyze.simulate.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.wakeupanalyze.model.ObjectRef;
import io.github.wakeupanalyze.simulate.ApiWrite;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.SimSink;
import io.github.wakeupanalyze.simulate.SimSpan;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes the API server's audit log of a simulation: one {@code audit.k8s.io/v1} {@code Event} per
 * line at level {@code Metadata}, stage {@code ResponseComplete}, for every write (the log
 * backend's format, {@code --audit-log-format=json}). Times have the log's microsecond precision.
 * Lines come in the order the writers issue their requests, which may differ from the completion
 * order by a request's duration. Reconciles and spans are not its business.
 */
public final class AuditLogWriter implements SimSink, AutoCloseable {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final JsonGenerator g;

  public AuditLogWriter(OutputStream out) throws IOException {
    g = new JsonFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setRootValueSeparator(null); // one event per line, nothing between
  }

  @Override
  public void reconcile(Label label, List<SimSpan> spans) {}

  @Override
  public void other(List<SimSpan> spans) {}

  @Override
  public void apiWrite(ApiWrite w) throws IOException {
    String path = URI.create(w.url()).getPath();
    ObjectRef ref = ObjectRef.fromApiPath(path);
    String[] parts = path.split("/");
    boolean core = parts.length > 1 && parts[1].equals("api");
    g.writeStartObject();
    g.writeStringField("kind", "Event");
    g.writeStringField("apiVersion", "audit.k8s.io/v1");
    g.writeStringField("level", "Metadata");
    long hi = w.id() * 0x9E3779B97F4A7C15L;
    g.writeStringField("auditID", new UUID(hi, Long.rotateLeft(hi, 29) ^ w.id()).toString());
    g.writeStringField("stage", "ResponseComplete");
    g.writeStringField("requestURI", path);
    g.writeStringField("verb", verb(w.method()));
    g.writeObjectFieldStart("user");
    g.writeStringField("username", w.user());
    g.writeEndObject();
    g.writeArrayFieldStart("sourceIPs");
    g.writeString("10.244.0.12");
    g.writeEndArray();
    g.writeStringField("userAgent", w.userAgent());
    if (ref != null) {
      g.writeObjectFieldStart("objectRef");
      g.writeStringField("resource", ref.resource());
      if (!ref.namespace().isEmpty()) {
        g.writeStringField("namespace", ref.namespace());
      }
      g.writeStringField("name", ref.name());
      if (!core && parts.length > 3) {
        g.writeStringField("apiGroup", parts[2]);
        g.writeStringField("apiVersion", parts[3]);
      } else if (parts.length > 2) {
        g.writeStringField("apiVersion", parts[2]);
      }
      if (path.endsWith("/status")) {
        g.writeStringField("subresource", "status");
      }
      g.writeEndObject();
    }
    g.writeObjectFieldStart("responseStatus");
    g.writeObjectFieldStart("metadata");
    g.writeEndObject();
    g.writeNumberField("code", w.method().equals("POST") ? 201 : 200);
    g.writeEndObject();
    g.writeStringField("requestReceivedTimestamp", time(w.receivedNanos()));
    g.writeStringField("stageTimestamp", time(w.completeNanos()));
    g.writeEndObject();
    g.writeRaw('\n');
  }

  @Override
  public void close() throws IOException {
    g.close();
  }

  private static String verb(String method) {
    return switch (method) {
      case "POST" -> "create";
      case "PUT" -> "update";
      case "DELETE" -> "delete";
      default -> method.toLowerCase(Locale.ROOT);
    };
  }

  private static String time(long nanos) {
    return MICROS.format(Instant.ofEpochSecond(0, nanos));
  }
}
