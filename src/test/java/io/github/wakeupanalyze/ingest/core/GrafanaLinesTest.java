package io.github.wakeupanalyze.ingest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Grafana's "Download logs" text reads as {@code kubectl logs --timestamps --prefix} prints the
 * same lines: the row's time made the kubelet's, the pod of the query's common labels before it.
 */
class GrafanaLinesTest {
  private static final String LABELS =
      "Common labels: {\"app\":\"op\",\"container\":\"manager\",\"pod\":\"op-7c9d8-x2k9p\"}";
  private static final String ZAP = "{\"level\":\"info\",\"msg\":\"Reconciling\"}";

  private static List<String> read(String... lines) {
    Iterator<String> it = List.of(lines).iterator();
    GrafanaLines grafana = new GrafanaLines(() -> it.hasNext() ? it.next() : null);
    List<String> out = new ArrayList<>();
    try {
      for (String line = grafana.next(); line != null; line = grafana.next()) {
        out.add(line);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  @Test
  void grafana10Rows_becomeTheKubeletsTime_afterThePodOfTheCommonLabels() {
    assertEquals(
        List.of(
            LABELS,
            "Line limit: \"1000 (2 returned)\"",
            "",
            "",
            "[pod/op-7c9d8-x2k9p/manager] 2024-05-01T12:00:00.120000000Z " + ZAP,
            "[pod/op-7c9d8-x2k9p/manager] 2024-05-01T12:00:05.000000000Z I0501 12:00:05.000 1 x] hi"),
        read(
            LABELS,
            "Line limit: \"1000 (2 returned)\"",
            "",
            "",
            "1714564800120\t2024-05-01T12:00:00.120Z\t" + ZAP,
            "1714564805000\t2024-05-01T12:00:05.000Z\tI0501 12:00:05.000 1 x] hi"));
  }

  @Test
  void olderRows_loseTheirTime_onlyAfterTheFactsAndTheTwoEmptyLines() {
    String offset = "2024-05-01T14:00:00+02:00\t" + ZAP;
    String local = "2024-05-01 14:00:00.120\t" + ZAP;
    assertEquals(
        List.of(
            LABELS,
            "",
            "",
            "[pod/op-7c9d8-x2k9p/manager] " + ZAP,
            "[pod/op-7c9d8-x2k9p/manager] " + ZAP),
        read(LABELS, "", "", offset, local));
    assertEquals(List.of("", "", ZAP, ZAP), read("", "", offset, local), "no facts at all");
    // zap's console encoder writes an RFC 3339 time and a tab too: without the download's head,
    // such a line is the operator's own
    String console = "2024-05-01T12:00:00.120Z\tINFO\tReconciling";
    assertEquals(List.of(console, local), read(console, local));
    assertEquals(List.of("", console), read("", console), "one empty line is no download's head");
  }

  @Test
  void aDownloadReversedWithTac_stillReadsItsRows_withoutAPod() {
    assertEquals(
        List.of("2024-05-01T12:00:05.000000000Z " + ZAP, "", "", LABELS),
        read("1714564805000\t2024-05-01T12:00:05.000Z\t" + ZAP, "", "", LABELS));
  }

  @Test
  void commonLabelsWithoutAUsablePod_nameNone() {
    String row = "1714564800120\t2024-05-01T12:00:00.120Z\t" + ZAP;
    String read = "2024-05-01T12:00:00.120000000Z " + ZAP;
    assertEquals(read, read("Common labels: {\"app\":\"op\"}", "", "", row).get(3));
    assertEquals(read, read("Common labels: {\"pod\":\"a/b\"}", "", "", row).get(3));
    assertEquals(read, read("Common labels: {\"pod\":", "", "", row).get(3), "cut JSON");
    assertEquals(read, read("Common labels: [\"op\"]", "", "", row).get(3));
  }

  @Test
  void linesThatOnlyLookLikeRows_passUnchanged() {
    List<String> lines =
        List.of(
            "1714564800120\tno time here",
            "123\t2024-05-01T12:00:00.120Z\ttoo few digits for epoch milliseconds",
            "1714564800120\t2024-05-01T12:00:00.120Z",
            "1714564800120 2024-05-01T12:00:00.120Z\tspace, not a tab",
            "Reconciling: \"x\" is a message, not a fact, once a line was read");
    List<String> in = new ArrayList<>(lines);
    in.add(0, "plain first line");
    List<String> expected = new ArrayList<>(in);
    assertEquals(expected, read(in.toArray(String[]::new)));
  }
}
