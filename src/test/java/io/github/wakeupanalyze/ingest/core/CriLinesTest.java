package io.github.wakeupanalyze.ingest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A container's log file on its node (the CRI logging format) reads as {@code kubectl logs
 * --timestamps} prints it: one line per line the container wrote, after the kubelet's time.
 */
class CriLinesTest {
  private static List<String> read(int limit, String... lines) {
    Iterator<String> it = List.of(lines).iterator();
    CriLines cri = new CriLines(() -> it.hasNext() ? it.next() : null, limit);
    List<String> out = new ArrayList<>();
    try {
      for (String line = cri.next(); line != null; line = cri.next()) {
        out.add(line);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  @Test
  void containerdsAndCriOsRecords_becomeTheKubeletsTime_thenTheLine() {
    assertEquals(
        List.of(
            "2024-05-01T12:00:00.120000000Z {\"level\":\"info\"}",
            "2024-05-01T12:00:01.000000000Z I0501 12:00:01.000000 1 x.go:1] hi",
            "2024-05-01T12:00:02.123456789Z from CRI-O",
            "2024-05-01T14:00:03.000000001+02:00 an offset stays",
            "2024-05-01T12:00:04.500000000Z "),
        read(
            100,
            "2024-05-01T12:00:00.12Z stdout F {\"level\":\"info\"}",
            "2024-05-01T12:00:01Z stderr F I0501 12:00:01.000000 1 x.go:1] hi",
            "2024-05-01T12:00:02.123456789+00:00 stdout F from CRI-O",
            "2024-05-01T14:00:03.000000001+02:00 stdout F an offset stays",
            "2024-05-01T12:00:04.5Z stdout F"));
  }

  @Test
  void partialRecords_joinPerStream_underTheTimeOfTheFirst() {
    assertEquals(
        List.of(
            "2024-05-01T12:00:00.200000000Z an error on stderr",
            "2024-05-01T12:00:00.100000000Z {\"msg\":\"a long line\"}"),
        read(
            100,
            "2024-05-01T12:00:00.1Z stdout P {\"msg\":",
            "2024-05-01T12:00:00.2Z stderr F an error on stderr",
            "2024-05-01T12:00:00.3Z stdout P \"a long",
            "2024-05-01T12:00:00.4Z stdout F  line\"}"));
  }

  @Test
  void otherLines_passUnchanged() {
    String[] lines = {
      "2024-05-01T12:00:00.1Z INFO a log's own time, no stream",
      "2024-05-01T12:00:00.1Z stdout f lower-case is no tag",
      "2024-05-01T12:00:00.1Z stdin F no such stream",
      "2024-05-01T12:00:00.1234567890Z stdout F ten digits",
      "2024-05-01 12:00:00.1Z stdout F a space, not T",
      "{\"kind\":\"Event\"}",
      ""
    };
    assertEquals(List.of(lines), read(100, lines));
  }

  @Test
  void aJoinedLine_isCutAtTheLimit_andAPartialAtTheEnd_isKept() {
    assertEquals(
        List.of("2024-05-01T12:00:00.000000000Z 0123456789"),
        read(
            10,
            "2024-05-01T12:00:00Z stdout P 012345",
            "2024-05-01T12:00:01Z stdout P 6789abc",
            "2024-05-01T12:00:02Z stdout F def"));
    assertEquals(
        List.of("2024-05-01T12:00:00.000000000Z cut while wri"),
        read(100, "2024-05-01T12:00:00Z stdout P cut while wri"));
  }

  /**
   * The law: lines written by a container to two streams, each split into records of any size and
   * the streams interleaved in any order, come back as the lines written, in each stream's order.
   */
  @Test
  void anySplitAndInterleaving_givesBackTheLinesAsWritten() {
    Random random = new Random(4_12_2026);
    String alphabet = "ab {}\":Z0T-stdoutPF";
    for (int run = 0; run < 500; run++) {
      List<List<String>> written = List.of(new ArrayList<>(), new ArrayList<>());
      List<List<String>> records = List.of(new ArrayList<>(), new ArrayList<>());
      for (int line = 0; line < 20; line++) {
        int stream = random.nextInt(2);
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(80); i > 0; i--) {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String time = String.format("2024-05-01T12:%02d:%02d.%09dZ", line / 60, line % 60, line);
        written.get(stream).add(time + " " + text);
        String recorded = time.replaceFirst("\\.?0+Z$", "Z"); // RFC3339Nano, as containerd writes
        String header = recorded + (stream == 0 ? " stdout " : " stderr ");
        int size = 1 + random.nextInt(30);
        for (int at = 0; at == 0 || at < text.length(); at += size) {
          boolean last = at + size >= text.length();
          records
              .get(stream)
              .add(
                  header
                      + (last ? "F " : "P ")
                      + text.substring(
                          Math.min(at, text.length()), Math.min(text.length(), at + size)));
        }
      }
      List<String> file = new ArrayList<>();
      int[] next = {0, 0};
      while (next[0] < records.get(0).size() || next[1] < records.get(1).size()) {
        int s =
            next[1] == records.get(1).size()
                ? 0
                : next[0] == records.get(0).size() ? 1 : random.nextInt(2);
        file.add(records.get(s).get(next[s]++));
      }
      List<List<String>> read = List.of(new ArrayList<>(), new ArrayList<>());
      List<String> all = read(Integer.MAX_VALUE, file.toArray(String[]::new));
      for (String line : all) {
        read.get(written.get(0).contains(line) ? 0 : 1).add(line);
      }
      assertEquals(written, read, "run " + run);
    }
  }
}
