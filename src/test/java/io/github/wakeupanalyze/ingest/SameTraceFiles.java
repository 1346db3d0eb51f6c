package io.github.wakeupanalyze.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test case folder {@code src/test/resources/ingest/same-trace/}: one small operator trace,
 * written in every format the tool reads, the way each exporter writes it.
 *
 * <p>The trace ({@link #tracesData()}, built with the generated opentelemetry-proto builders):
 * operator {@code psmdb-operator}, controller {@code psmdb-controller}, two objects. Trace 1:
 * {@code Reconcile} of {@code mongodb/cluster-a} with a nested {@code reconcileReplsets} helper, a
 * GET under the helper and a PATCH of the status, linked to the watch event that caused it (in
 * another trace). Trace 2: {@code Reconcile} of {@code mongodb/cluster-b} that fails: its PATCH
 * gets 409 (status ERROR) and so does the reconcile; linked to another trace too. Trace 3: the next
 * reconcile of cluster-a 5 s after trace 1, a GET only. 9 spans, 3 reconciles; times are whole
 * microseconds, as Jaeger and Zipkin keep them.
 *
 * <p>Each format carries its writer's quirks: OTLP JSON pretty-printed with hex ids and string
 * nanos; JSON Lines one span per line, <em>children before parents</em>, base64 ids and enum names
 * as Python's {@code MessageToJson} writes them; protobuf as one message and as the Collector file
 * exporter's length-prefixed messages (one per ResourceSpans); Jaeger as the query API/UI download
 * ({@code data}, {@code processes} after {@code spans}, kind/scope/status as {@code span.kind},
 * {@code otel.scope.name}, {@code otel.status_code} + {@code error} tags, links as {@code
 * FOLLOWS_FROM}); Zipkin v2 as a span array (no kind for internal spans, {@code error} tag, no
 * links: Zipkin has none).
 *
 * <p>Regenerate after a change with {@code mvn -q test -Dtest=SameTraceTest
 * -Dwakeup.regenerate=true}; {@link SameTraceTest} fails when the files differ from what this class
 * writes.
 */
final class SameTraceFiles {
  static final Path FOLDER = Path.of("src", "test", "resources", "ingest", "same-trace");
  static final String SERVICE = "psmdb-operator";
  static final String SCOPE = "github.com/percona/percona-server-mongodb-operator";
  static final long T0 = 1_714_564_800_000_000_000L; // 2024-05-01T12:00:00Z
  private static final String API =
      "https://10.96.0.1:443/apis/psmdb.percona.com/v1/namespaces/mongodb/perconaservermongodbs/";

  static final String TRACE_1 = "0af7651916cd43dd8448eb211c80319c";
  static final String TRACE_2 = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACE_3 = "5b8aa5a2d2c872e8321cf37308d69df2";
  static final String WATCH_TRACE = "e5a0e2a1d2c3b4a5968778695a4b3c2d";

  private SameTraceFiles() {}

  /** The files of the folder: name → content, in the order the test lists them. */
  static Map<String, byte[]> files() {
    TracesData data = tracesData();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("trace.otlp.json", utf8(otlpJson(data)));
    files.put("trace.otlp.jsonl", utf8(otlpJsonLines(data)));
    files.put("trace.pb", data.toByteArray());
    files.put("trace.framed.pb", lengthPrefixed(data));
    files.put("trace.jaeger.json", utf8(jaeger(data)));
    files.put("trace.zipkin.json", utf8(zipkin(data)));
    return files;
  }

  /** Writes the folder. */
  public static void main(String[] args) throws IOException {
    Files.createDirectories(FOLDER);
    for (var e : files().entrySet()) {
      Files.write(FOLDER.resolve(e.getKey()), e.getValue());
    }
  }

  static TracesData tracesData() {
    Span r1 =
        span(
                TRACE_1,
                "a100000000000001",
                "",
                "Reconcile",
                Span.SpanKind.SPAN_KIND_INTERNAL,
                0,
                40_000,
                null)
            .addAllAttributes(object("cluster-a"))
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(id(WATCH_TRACE))
                    .setSpanId(id("c0ffee0000000001")))
            .build();
    Span h1 =
        span(
                TRACE_1,
                "a100000000000002",
                "a100000000000001",
                "reconcileReplsets",
                Span.SpanKind.SPAN_KIND_INTERNAL,
                5_000,
                35_000,
                null)
            .addAttributes(str("replset", "rs0"))
            .build();
    Span g1 =
        span(
                TRACE_1,
                "a100000000000003",
                "a100000000000002",
                "GET",
                Span.SpanKind.SPAN_KIND_CLIENT,
                6_000,
                9_000,
                null)
            .addAttributes(str("http.request.method", "GET"))
            .addAttributes(str("url.full", API + "cluster-a"))
            .addAttributes(integer("http.response.status_code", 200))
            .addAttributes(bool("cache.hit", true))
            .build();
    Span p1 =
        span(
                TRACE_1,
                "a100000000000004",
                "a100000000000001",
                "PATCH",
                Span.SpanKind.SPAN_KIND_CLIENT,
                36_000,
                38_000,
                null)
            .addAttributes(str("http.request.method", "PATCH"))
            .addAttributes(str("url.full", API + "cluster-a/status"))
            .addAttributes(integer("http.response.status_code", 200))
            .build();
    Span r2 =
        span(
                TRACE_2,
                "b200000000000001",
                "",
                "Reconcile",
                Span.SpanKind.SPAN_KIND_INTERNAL,
                1_000_000,
                1_050_000,
                "PATCH status: conflict")
            .addAllAttributes(object("cluster-b"))
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(id(WATCH_TRACE))
                    .setSpanId(id("c0ffee0000000002")))
            .build();
    Span g2 =
        span(
                TRACE_2,
                "b200000000000002",
                "b200000000000001",
                "GET",
                Span.SpanKind.SPAN_KIND_CLIENT,
                1_002_000,
                1_004_000,
                null)
            .addAttributes(str("http.request.method", "GET"))
            .addAttributes(str("url.full", API + "cluster-b"))
            .addAttributes(integer("http.response.status_code", 200))
            .build();
    Span p2 =
        span(
                TRACE_2,
                "b200000000000003",
                "b200000000000001",
                "PATCH",
                Span.SpanKind.SPAN_KIND_CLIENT,
                1_005_000,
                1_009_000,
                "conflict")
            .addAttributes(str("http.request.method", "PATCH"))
            .addAttributes(str("url.full", API + "cluster-b/status"))
            .addAttributes(integer("http.response.status_code", 409))
            .addAttributes(dbl("retry.backoff_s", 0.5))
            .build();
    Span r3 =
        span(
                TRACE_3,
                "c300000000000001",
                "",
                "Reconcile",
                Span.SpanKind.SPAN_KIND_INTERNAL,
                5_000_000,
                5_030_000,
                null)
            .addAllAttributes(object("cluster-a"))
            .build();
    Span g3 =
        span(
                TRACE_3,
                "c300000000000002",
                "c300000000000001",
                "GET",
                Span.SpanKind.SPAN_KIND_CLIENT,
                5_001_000,
                5_003_000,
                null)
            .addAttributes(str("http.request.method", "GET"))
            .addAttributes(str("url.full", API + "cluster-a"))
            .addAttributes(integer("http.response.status_code", 200))
            .build();
    return TracesData.newBuilder()
        .addResourceSpans(resourceSpans(List.of(r1, h1, g1, p1, r3, g3)))
        .addResourceSpans(resourceSpans(List.of(r2, g2, p2)))
        .build();
  }

  private static ResourceSpans resourceSpans(List<Span> spans) {
    return ResourceSpans.newBuilder()
        .setResource(
            Resource.newBuilder()
                .addAttributes(str("service.name", SERVICE))
                .addAttributes(str("k8s.pod.name", "psmdb-operator-7d9f8c6b5-x2x9k")))
        .addScopeSpans(
            ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName(SCOPE).setVersion("1.16.0"))
                .addAllSpans(spans))
        .build();
  }

  private static Span.Builder span(
      String trace,
      String span,
      String parent,
      String name,
      Span.SpanKind kind,
      long startMicros,
      long endMicros,
      String error) {
    Span.Builder b =
        Span.newBuilder()
            .setTraceId(id(trace))
            .setSpanId(id(span))
            .setName(name)
            .setKind(kind)
            .setStartTimeUnixNano(T0 + startMicros * 1000)
            .setEndTimeUnixNano(T0 + endMicros * 1000);
    if (!parent.isEmpty()) {
      b.setParentSpanId(id(parent));
    }
    if (error != null) {
      b.setStatus(
          Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(error));
    }
    return b;
  }

  private static List<KeyValue> object(String name) {
    return List.of(
        str("controller", "psmdb-controller"),
        str("k8s.namespace.name", "mongodb"),
        str("k8s.object.name", name));
  }

  private static ByteString id(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  private static KeyValue str(String k, String v) {
    return KeyValue.newBuilder()
        .setKey(k)
        .setValue(AnyValue.newBuilder().setStringValue(v))
        .build();
  }

  private static KeyValue integer(String k, long v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setIntValue(v)).build();
  }

  private static KeyValue bool(String k, boolean v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setBoolValue(v)).build();
  }

  private static KeyValue dbl(String k, double v) {
    return KeyValue.newBuilder()
        .setKey(k)
        .setValue(AnyValue.newBuilder().setDoubleValue(v))
        .build();
  }

  // ---- writers ----

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String json(boolean pretty, Body body) {
    try {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
        if (pretty) {
          g.setPrettyPrinter(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));
        }
        body.write(g);
      }
      return w.toString() + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hex(ByteString b) {
    return HexFormat.of().formatHex(b.toByteArray());
  }

  private static String base64(ByteString b) {
    return Base64.getEncoder().encodeToString(b.toByteArray());
  }

  /** OTLP JSON as the Collector's otlpjson marshaler writes it (pretty-printed). */
  static String otlpJson(TracesData data) {
    return json(
        true,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("resourceSpans");
          for (ResourceSpans rs : data.getResourceSpansList()) {
            g.writeStartObject();
            g.writeObjectFieldStart("resource");
            otlpAttributes(g, "attributes", rs.getResource().getAttributesList());
            g.writeEndObject();
            g.writeArrayFieldStart("scopeSpans");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
              g.writeStartObject();
              g.writeObjectFieldStart("scope");
              g.writeStringField("name", ss.getScope().getName());
              g.writeStringField("version", ss.getScope().getVersion());
              g.writeEndObject();
              g.writeArrayFieldStart("spans");
              for (Span s : ss.getSpansList()) {
                otlpSpan(g, s, false);
              }
              g.writeEndArray();
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /**
   * JSON Lines: one {@code TracesData} per span, deepest spans first (children before parents),
   * protobuf-JSON style (base64 ids, enum names).
   */
  static String otlpJsonLines(TracesData data) {
    StringBuilder out = new StringBuilder();
    for (ResourceSpans rs : data.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        List<Span> spans = new ArrayList<>(ss.getSpansList());
        spans.sort(Comparator.comparingInt((Span s) -> -depth(s, ss.getSpansList())));
        for (Span s : spans) {
          out.append(
              json(
                  false,
                  g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart("resourceSpans");
                    g.writeStartObject();
                    g.writeObjectFieldStart("resource");
                    otlpAttributes(g, "attributes", rs.getResource().getAttributesList());
                    g.writeEndObject();
                    g.writeArrayFieldStart("scopeSpans");
                    g.writeStartObject();
                    g.writeObjectFieldStart("scope");
                    g.writeStringField("name", ss.getScope().getName());
                    g.writeStringField("version", ss.getScope().getVersion());
                    g.writeEndObject();
                    g.writeArrayFieldStart("spans");
                    otlpSpan(g, s, true);
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeEndObject();
                  }));
        }
      }
    }
    return out.toString();
  }

  private static int depth(Span s, List<Span> all) {
    int d = 0;
    ByteString parent = s.getParentSpanId();
    while (!parent.isEmpty()) {
      d++;
      ByteString p = parent;
      parent =
          all.stream()
              .filter(x -> x.getSpanId().equals(p))
              .findFirst()
              .map(Span::getParentSpanId)
              .orElse(ByteString.EMPTY);
    }
    return d;
  }

  private static void otlpSpan(JsonGenerator g, Span s, boolean protobufJson) throws IOException {
    g.writeStartObject();
    g.writeStringField("traceId", protobufJson ? base64(s.getTraceId()) : hex(s.getTraceId()));
    g.writeStringField("spanId", protobufJson ? base64(s.getSpanId()) : hex(s.getSpanId()));
    if (!s.getParentSpanId().isEmpty() || !protobufJson) {
      g.writeStringField(
          "parentSpanId", protobufJson ? base64(s.getParentSpanId()) : hex(s.getParentSpanId()));
    }
    g.writeStringField("name", s.getName());
    if (protobufJson) {
      g.writeStringField("kind", s.getKind().name());
    } else {
      g.writeNumberField("kind", s.getKindValue());
    }
    g.writeStringField("startTimeUnixNano", Long.toString(s.getStartTimeUnixNano()));
    g.writeStringField("endTimeUnixNano", Long.toString(s.getEndTimeUnixNano()));
    otlpAttributes(g, "attributes", s.getAttributesList());
    if (s.getLinksCount() > 0) {
      g.writeArrayFieldStart("links");
      for (Span.Link l : s.getLinksList()) {
        g.writeStartObject();
        g.writeStringField("traceId", protobufJson ? base64(l.getTraceId()) : hex(l.getTraceId()));
        g.writeStringField("spanId", protobufJson ? base64(l.getSpanId()) : hex(l.getSpanId()));
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeObjectFieldStart("status");
    if (s.getStatus().getCode() != Status.StatusCode.STATUS_CODE_UNSET) {
      g.writeStringField("message", s.getStatus().getMessage());
      if (protobufJson) {
        g.writeStringField("code", s.getStatus().getCode().name());
      } else {
        g.writeNumberField("code", s.getStatus().getCodeValue());
      }
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void otlpAttributes(JsonGenerator g, String field, List<KeyValue> attrs)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (KeyValue kv : attrs) {
      g.writeStartObject();
      g.writeStringField("key", kv.getKey());
      g.writeObjectFieldStart("value");
      AnyValue v = kv.getValue();
      switch (v.getValueCase()) {
        case STRING_VALUE -> g.writeStringField("stringValue", v.getStringValue());
        case INT_VALUE -> g.writeStringField("intValue", Long.toString(v.getIntValue()));
        case BOOL_VALUE -> g.writeBooleanField("boolValue", v.getBoolValue());
        case DOUBLE_VALUE -> g.writeNumberField("doubleValue", v.getDoubleValue());
        default -> throw new IllegalStateException("not used in this trace: " + v);
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Length-prefixed protobuf: one TracesData per ResourceSpans, each after its 4-byte length. */
  static byte[] lengthPrefixed(TracesData data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ResourceSpans rs : data.getResourceSpansList()) {
      byte[] msg = TracesData.newBuilder().addResourceSpans(rs).build().toByteArray();
      out.writeBytes(ByteBuffer.allocate(4).putInt(msg.length).array());
      out.writeBytes(msg);
    }
    return out.toByteArray();
  }

  /** Jaeger query API / UI "Download JSON". */
  static String jaeger(TracesData data) {
    Map<ByteString, List<Span>> traces = new LinkedHashMap<>();
    for (ResourceSpans rs : data.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          traces.computeIfAbsent(s.getTraceId(), k -> new ArrayList<>()).add(s);
        }
      }
    }
    return json(
        true,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("data");
          for (var trace : traces.entrySet()) {
            g.writeStartObject();
            g.writeStringField("traceID", hex(trace.getKey()));
            g.writeArrayFieldStart("spans");
            for (Span s : trace.getValue()) {
              jaegerSpan(g, s);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("processes");
            g.writeObjectFieldStart("p1");
            g.writeStringField("serviceName", SERVICE);
            g.writeArrayFieldStart("tags");
            jaegerTag(g, "k8s.pod.name", "psmdb-operator-7d9f8c6b5-x2x9k");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeNullField("warnings");
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeNumberField("total", 0);
          g.writeNumberField("limit", 0);
          g.writeNumberField("offset", 0);
          g.writeNullField("errors");
          g.writeEndObject();
        });
  }

  private static void jaegerSpan(JsonGenerator g, Span s) throws IOException {
    g.writeStartObject();
    g.writeStringField("traceID", hex(s.getTraceId()));
    g.writeStringField("spanID", hex(s.getSpanId()));
    g.writeStringField("operationName", s.getName());
    g.writeArrayFieldStart("references");
    if (!s.getParentSpanId().isEmpty()) {
      jaegerRef(g, "CHILD_OF", s.getTraceId(), s.getParentSpanId());
    }
    for (Span.Link l : s.getLinksList()) {
      jaegerRef(g, "FOLLOWS_FROM", l.getTraceId(), l.getSpanId());
    }
    g.writeEndArray();
    g.writeNumberField("startTime", s.getStartTimeUnixNano() / 1000);
    g.writeNumberField("duration", (s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1000);
    g.writeArrayFieldStart("tags");
    jaegerTag(g, "otel.scope.name", SCOPE);
    jaegerTag(g, "otel.scope.version", "1.16.0");
    for (KeyValue kv : s.getAttributesList()) {
      AnyValue v = kv.getValue();
      g.writeStartObject();
      g.writeStringField("key", kv.getKey());
      switch (v.getValueCase()) {
        case STRING_VALUE -> {
          g.writeStringField("type", "string");
          g.writeStringField("value", v.getStringValue());
        }
        case INT_VALUE -> {
          g.writeStringField("type", "int64");
          g.writeNumberField("value", v.getIntValue());
        }
        case BOOL_VALUE -> {
          g.writeStringField("type", "bool");
          g.writeBooleanField("value", v.getBoolValue());
        }
        case DOUBLE_VALUE -> {
          g.writeStringField("type", "float64");
          g.writeNumberField("value", v.getDoubleValue());
        }
        default -> throw new IllegalStateException("not used in this trace: " + v);
      }
      g.writeEndObject();
    }
    jaegerTag(
        g, "span.kind", s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT ? "client" : "internal");
    if (s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      jaegerTag(g, "otel.status_code", "ERROR");
      jaegerTag(g, "otel.status_description", s.getStatus().getMessage());
      g.writeStartObject();
      g.writeStringField("key", "error");
      g.writeStringField("type", "bool");
      g.writeBooleanField("value", true);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("logs");
    g.writeEndArray();
    g.writeStringField("processID", "p1");
    g.writeNullField("warnings");
    g.writeEndObject();
  }

  private static void jaegerRef(JsonGenerator g, String type, ByteString trace, ByteString span)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("refType", type);
    g.writeStringField("traceID", hex(trace));
    g.writeStringField("spanID", hex(span));
    g.writeEndObject();
  }

  private static void jaegerTag(JsonGenerator g, String key, String value) throws IOException {
    g.writeStartObject();
    g.writeStringField("key", key);
    g.writeStringField("type", "string");
    g.writeStringField("value", value);
    g.writeEndObject();
  }

  /** Zipkin v2 span array, as the Collector's Zipkin exporter writes it. */
  static String zipkin(TracesData data) {
    return json(
        true,
        g -> {
          g.writeStartArray();
          for (ResourceSpans rs : data.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
              for (Span s : ss.getSpansList()) {
                g.writeStartObject();
                g.writeStringField("traceId", hex(s.getTraceId()));
                if (!s.getParentSpanId().isEmpty()) {
                  g.writeStringField("parentId", hex(s.getParentSpanId()));
                }
                g.writeStringField("id", hex(s.getSpanId()));
                if (s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT) {
                  g.writeStringField("kind", "CLIENT");
                }
                g.writeStringField("name", s.getName());
                g.writeNumberField("timestamp", s.getStartTimeUnixNano() / 1000);
                g.writeNumberField(
                    "duration", (s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1000);
                g.writeObjectFieldStart("localEndpoint");
                g.writeStringField("serviceName", SERVICE);
                g.writeEndObject();
                g.writeObjectFieldStart("tags");
                for (KeyValue kv : s.getAttributesList()) {
                  g.writeStringField(kv.getKey(), TreeProtoDecoder.text(kv.getValue()));
                }
                g.writeStringField("otel.scope.name", SCOPE);
                g.writeStringField("otel.scope.version", "1.16.0");
                if (s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
                  g.writeStringField("otel.status_code", "ERROR");
                  g.writeStringField("error", s.getStatus().getMessage());
                }
                g.writeEndObject();
                g.writeEndObject();
              }
            }
          }
          g.writeEndArray();
        });
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
