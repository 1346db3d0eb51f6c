package io.github.wakeupanalyze.ingest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container's log as Docker's json-file driver stores it, and as Fluentd and Fluent Bit forward
 * its records, reads as {@code kubectl logs --timestamps --prefix} prints it.
 */
class DockerJsonLinesTest {
  private static List<String> read(String... lines) {
    Iterator<String> it = List.of(lines).iterator();
    DockerJsonLines docker = new DockerJsonLines(() -> it.hasNext() ? it.next() : null, 1 << 20);
    List<String> out = new ArrayList<>();
    try {
      for (String line = docker.next(); line != null; line = docker.next()) {
        out.add(line);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  private static String record(String log, String stream, String time) {
    return "{\"log\":\"" + log + "\",\"stream\":\"" + stream + "\",\"time\":\"" + time + "\"}";
  }

  @Test
  void eachRecord_isTheKubeletsTimeThenTheLine() {
    assertEquals(
        List.of(
            "2024-05-01T12:00:00.123400000Z {\"level\":\"info\",\"msg\":\"hi\"}",
            "2024-05-01T12:00:01.000000000Z I0501 12:00:01.000000 1 x.go:1] \"tab\tand quote\""),
        read(
            record(
                "{\\\"level\\\":\\\"info\\\",\\\"msg\\\":\\\"hi\\\"}\\n",
                "stdout",
                "2024-05-01T12:00:00.1234Z"),
            record(
                "I0501 12:00:01.000000 1 x.go:1] \\\"tab\\tand quote\\\"\\n",
                "stderr",
                "2024-05-01T12:00:01Z")));
  }

  @Test
  void fluentBitsKubernetesFields_nameThePodAndContainer() {
    assertEquals(
        List.of("[pod/op-6d8f7b9c4-x2k9p/manager] 2024-05-01T12:00:00.000000000Z hello"),
        read(
            "{\"time\":\"2024-05-01T12:00:00Z\",\"log\":\"hello\\n\",\"stream\":\"stderr\","
                + "\"kubernetes\":{\"pod_name\":\"op-6d8f7b9c4-x2k9p\",\"namespace_name\":\"ops\","
                + "\"labels\":{\"app\":\"op\"},\"container_name\":\"manager\"}}"));
  }

  @Test
  void aLineOver16KiB_isJoinedFromItsRecords_perStream() {
    String a = "a".repeat(DockerJsonLines.SPLIT);
    String b = "b".repeat(DockerJsonLines.SPLIT);
    assertEquals(
        List.of(
            "2024-05-01T12:00:00.200000000Z on stdout",
            "2024-05-01T12:00:00.100000000Z " + a + b + "c"),
        read(
            record(a, "stderr", "2024-05-01T12:00:00.1Z"),
            record("on stdout\\n", "stdout", "2024-05-01T12:00:00.2Z"),
            record(b, "stderr", "2024-05-01T12:00:00.3Z"),
            record("c\\n", "stderr", "2024-05-01T12:00:00.4Z")));
  }

  @Test
  void fluentBitsLogtag_saysWhatIsPartial_andAShortLineWithoutNewlineIsWhole() {
    assertEquals(
        List.of(
            "2024-05-01T12:00:00.000000000Z one",
            "2024-05-01T12:00:01.000000000Z two",
            "2024-05-01T12:00:02.000000000Z three, and more"),
        read(
            record("one", "stdout", "2024-05-01T12:00:00Z"),
            record("two", "stdout", "2024-05-01T12:00:01Z"),
            "{\"log\":\"three, \",\"stream\":\"stdout\",\"logtag\":\"P\",\"time\":\"2024-05-01T12:00:02Z\"}",
            "{\"log\":\"and more\",\"stream\":\"stdout\",\"logtag\":\"F\",\"time\":\"2024-05-01T12:00:03Z\"}"));
  }

  @Test
  void otherJson_andRecordsWithoutAStream_passUnchanged() {
    String[] lines = {
      "{\"level\":\"info\",\"log\":\"a logger that calls its message log\"}",
      "{\"log\":\"x\\n\",\"stream\":\"stdin\"}",
      "{\"log\":\"x\\n\",\"stream\":\"stdout\"} trailing",
      "{\"log\":",
      "not json {\"log\":\"x\"}"
    };
    assertEquals(List.of(lines), read(lines));
    assertEquals(
        List.of("no time"),
        read("{\"log\":\"no time\\n\",\"stream\":\"stdout\",\"time\":\"soon\"}"));
  }
}
