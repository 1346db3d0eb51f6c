package io.github.wakeupanalyze.ingest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An OTLP logs export request reads as the same lines whether it came in protobuf or in OTLP JSON:
 * each record after its pod's {@code kubectl logs --prefix} and its time, a string body as it is, a
 * map body as a JSON object (values of no kind the reader knows left out), records in time order.
 */
class OtlpLogRequestTest {
  private static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  private static KeyValue kv(String k, AnyValue v) {
    return KeyValue.newBuilder().setKey(k).setValue(v).build();
  }

  /** Two records of one pod, the later one first; the second's body a map of every kind. */
  private static byte[] protobuf() {
    AnyValue map =
        AnyValue.newBuilder()
            .setKvlistValue(
                KeyValueList.newBuilder()
                    .addValues(kv("msg", str("Reconcile done, requeueing after 5s")))
                    .addValues(kv("n", AnyValue.newBuilder().setIntValue(3).build()))
                    .addValues(kv("ok", AnyValue.newBuilder().setBoolValue(true).build()))
                    .addValues(
                        kv("raw", AnyValue.newBuilder().setBytesValue(ByteString.EMPTY).build()))
                    .addValues(
                        kv(
                            "ids",
                            AnyValue.newBuilder()
                                .setArrayValue(
                                    ArrayValue.newBuilder()
                                        .addValues(str("a"))
                                        .addValues(AnyValue.newBuilder().setDoubleValue(1.5)))
                                .build())))
            .build();
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(kv("k8s.pod.name", str("op-6d8f7b9c4-x2k9p")))
                        .addAttributes(kv("k8s.container.name", str("manager"))))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .addLogRecords(
                            LogRecord.newBuilder().setTimeUnixNano(2_000_000_000L).setBody(map))
                        .addLogRecords(
                            LogRecord.newBuilder()
                                .setObservedTimeUnixNano(1_000_000_000L)
                                .setBody(str("Reconciling")))))
        .build()
        .toByteArray();
  }

  /** The same request in OTLP JSON, the later record first too. */
  private static byte[] json() {
    return """
        {"resourceLogs":[{"resource":{"attributes":[\
        {"key":"k8s.pod.name","value":{"stringValue":"op-6d8f7b9c4-x2k9p"}},\
        {"key":"k8s.container.name","value":{"stringValue":"manager"}}]},\
        "scopeLogs":[{"logRecords":[\
        {"timeUnixNano":"2000000000","body":{"kvlistValue":{"values":[\
        {"key":"msg","value":{"stringValue":"Reconcile done, requeueing after 5s"}},\
        {"key":"n","value":{"intValue":"3"}},{"key":"ok","value":{"boolValue":true}},\
        {"key":"raw","value":{"bytesValue":""}},\
        {"key":"ids","value":{"arrayValue":{"values":[{"stringValue":"a"},{"doubleValue":1.5}]}}}\
        ]}}},\
        {"observedTimeUnixNano":"1000000000","body":{"stringValue":"Reconciling"}}]}]}]}"""
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void protobufAndJson_readAsTheSameLines_inTimeOrder() throws Exception {
    List<String> fromProto = OtlpLogRequest.lines(protobuf(), false, "proto");
    List<String> fromJson = OtlpLogRequest.lines(json(), true, "json");
    assertEquals(
        List.of(
            "[pod/op-6d8f7b9c4-x2k9p/manager] 1970-01-01T00:00:01.000000000Z Reconciling",
            "[pod/op-6d8f7b9c4-x2k9p/manager] 1970-01-01T00:00:02.000000000Z"
                + " {\"msg\":\"Reconcile done, requeueing after 5s\",\"n\":3,\"ok\":true,"
                + "\"ids\":[\"a\",1.5]}"),
        fromProto);
    assertEquals(fromJson, fromProto);
  }

  @Test
  void aBrokenBody_failsNamingTheRequestAndWhatWasExpected() {
    InputException proto =
        assertThrows(
            InputException.class,
            () -> OtlpLogRequest.lines(new byte[] {0x0a, (byte) 0xff}, false, "POST /v1/logs"));
    assertTrue(proto.getMessage().startsWith("POST /v1/logs"), proto.getMessage());
    assertTrue(proto.getMessage().contains("OTLP logs export request"), proto.getMessage());
    InputException json =
        assertThrows(
            InputException.class,
            () ->
                OtlpLogRequest.lines(
                    "{\"resourceLogs\":[{".getBytes(StandardCharsets.UTF_8),
                    true,
                    "POST /v1/logs"));
    assertTrue(json.getMessage().contains("not valid OTLP JSON logs"), json.getMessage());
  }
}
