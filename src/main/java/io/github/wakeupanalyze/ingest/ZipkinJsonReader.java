package io.github.wakeupanalyze.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.model.Span;
import java.io.IOException;

/**
 * Streaming reader for Zipkin v2 JSON: an array of spans ({@code /api/v2/trace/{id}}), an array of
 * such arrays ({@code /api/v2/traces}), a single span object, or JSON Lines of either.
 *
 * <p>Mapping to a {@link Span}: {@code timestamp} and {@code duration} are microseconds; trace ids
 * of 64 or 128 bits; service from {@code localEndpoint.serviceName}; {@code kind} CLIENT, SERVER,
 * PRODUCER, CONSUMER to the OTLP numbers, and no kind (a local span) to INTERNAL; an {@code error}
 * tag (any value) or {@code otel.status_code=ERROR} → error; {@code otel.scope.name} → scope; the
 * other tags become attributes. Zipkin v2 has no links.
 *
 * <p>A {@code "shared": true} span is the server side of an RPC whose client span has the same id
 * (B3 single-span RPCs). So that neither is lost as a duplicate, the shared span gets a new id
 * derived from the shared one ({@link #sharedId}) and the client span as its parent, as Jaeger's
 * span-id deduper does.
 */
final class ZipkinJsonReader extends JsonReaderBase {

  @Override
  String expectedRoot() {
    return "Zipkin v2 JSON (an array of spans or a span object)";
  }

  @Override
  void readRoot(JsonParser p, JsonToken t) throws IOException, InputException {
    if (t == JsonToken.START_OBJECT) {
      readSpan(p);
    } else if (t == JsonToken.START_ARRAY) {
      readArray(p, 0);
    } else {
      throw error(p, "expected a Zipkin span array or span object, found " + describe(p));
    }
  }

  private void readArray(JsonParser p, int depth) throws IOException, InputException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.START_OBJECT) {
        readSpan(p);
      } else if (t == JsonToken.START_ARRAY && depth == 0) {
        readArray(p, 1); // a list of traces
      } else if (t != JsonToken.VALUE_NULL) {
        throw error(p, "expected a Zipkin span object, found " + describe(p));
      }
    }
  }

  private void readSpan(JsonParser p) throws IOException, InputException {
    JsonLocation start = p.currentTokenLocation();
    Span.Builder b = builder.reset().kind(1);
    int kind = -1;
    boolean shared = false;
    boolean hasTimestamp = false;
    long startNanos = 0;
    long durationNanos = 0;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (field) {
        case "traceId" -> {
          if (readId(p, t, 16)) {
            b.traceId(idHigh, idLow);
          }
        }
        case "id" -> {
          if (readId(p, t, 8)) {
            b.spanId(idLow);
          }
        }
        case "parentId" -> {
          if (readId(p, t, 8)) {
            b.parentSpanId(idLow);
          }
        }
        case "name" -> b.name(scalarText(p, t));
        case "kind" -> {
          String k = scalarText(p, t);
          if (k != null) {
            kind =
                switch (k) {
                  case "CLIENT" -> 3;
                  case "SERVER" -> 2;
                  case "PRODUCER" -> 4;
                  case "CONSUMER" -> 5;
                  default ->
                      throw error(
                          p,
                          "expected a span kind CLIENT, SERVER, PRODUCER or "
                              + "CONSUMER, found "
                              + describe(p));
                };
          }
        }
        case "timestamp" -> {
          if (t != JsonToken.VALUE_NULL) {
            startNanos = micros(p, t, "a timestamp");
            hasTimestamp = true;
          }
        }
        case "duration" -> {
          if (t != JsonToken.VALUE_NULL) {
            durationNanos = micros(p, t, "a duration");
          }
        }
        case "localEndpoint" -> {
          if (t == JsonToken.START_OBJECT) {
            readEndpoint(p, b);
          } else {
            p.skipChildren();
          }
        }
        case "tags" -> readTags(p, t);
        case "shared" -> shared = t == JsonToken.VALUE_TRUE;
        default -> p.skipChildren();
      }
    }
    if (!hasTimestamp) {
      throw error(start, "span without \"timestamp\": expected its start in microseconds");
    }
    if (kind >= 0) {
      b.kind(kind);
    }
    if (durationNanos > Long.MAX_VALUE - startNanos) {
      throw error(start, "span end out of range: timestamp + duration is beyond the year 2262");
    }
    b.startNanos(startNanos);
    b.endNanos(startNanos + durationNanos);
    if (shared && b.spanId() != 0) {
      b.parentSpanId(b.spanId());
      b.spanId(sharedId(b.spanId()));
    }
    sink.accept(build(start));
  }

  /** The id given to a shared (server) span: a fixed mix of the shared id, never 0 nor equal. */
  static long sharedId(long id) {
    long h = (id ^ 0x5348415245440000L) * 0x9E3779B97F4A7C15L;
    h ^= h >>> 32;
    return h == 0 || h == id ? ~id : h;
  }

  private void readEndpoint(JsonParser p, Span.Builder b) throws IOException {
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (field.equals("serviceName") && t == JsonToken.VALUE_STRING) {
        b.service(p.getText());
      } else {
        p.skipChildren();
      }
    }
  }

  private void readTags(JsonParser p, JsonToken t) throws IOException, InputException {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      throw error(p, "expected an object of tags, found " + describe(p));
    }
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken vt = p.nextToken();
      String value = scalarText(p, vt);
      if (value != null && !applyTranslatedTag(key, value, true)) {
        builder.attribute(key, value);
      }
    }
  }
}
