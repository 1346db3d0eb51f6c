package io.github.wakeupanalyze.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.testing.DemoTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detecting and reading summary.json: by content, by schema, tolerant of fields it lacks. */
class CompareSummaryReaderTest {
  @TempDir Path dir;

  /** The golden summary.json of the demo trace, as analyze writes it. */
  static String golden() throws Exception {
    return Files.readString(Path.of("src/test/resources/golden/demo/summary.json"));
  }

  @Test
  void probe_byContent_notByName() throws Exception {
    Path trace = dir.resolve("summary.json");
    Files.writeString(trace, DemoTrace.build().toJson());
    assertFalse(SummaryReader.probe(trace).summary(), "a trace named summary.json is a trace");
    Path summary = dir.resolve("trace.json");
    Files.writeString(summary, golden());
    assertEquals(new SummaryReader.Probe(true, 1), SummaryReader.probe(summary));
    Path junk = dir.resolve("junk");
    Files.writeString(junk, "{\"schema\": 1, \"operators\"");
    assertFalse(SummaryReader.probe(junk).summary());
    Files.write(junk, new byte[] {0x1f, (byte) 0x8b, 8, 0});
    assertFalse(SummaryReader.probe(junk).summary());
  }

  @Test
  void read_currentSchema_countsTimersAndUnload() throws Exception {
    Path p = dir.resolve("s.json");
    Files.writeString(p, golden());
    Snapshot s = SummaryReader.read("s.json", p);
    assertEquals(Snapshot.Kind.SUMMARY, s.kind());
    assertEquals(117_450_000_000L, s.windowNanos());
    OperatorSnapshot demo = s.operators().get(0);
    assertEquals("demo-operator", demo.operator());
    assertEquals(27, demo.reconciles());
    assertEquals(21, demo.timerDriven());
    assertEquals(6, demo.apiWrites());
    assertEquals(27, demo.callsRecorded());
    assertEquals(5.0, demo.controllers().get(0).timers().get(0).delaySeconds());
    assertEquals(3, demo.unload().size());
    assertEquals(26, demo.unload().get(0).observed().reloads());
  }

  @Test
  void read_schemaOneWithoutTheLaterFields_readsThemAsUnknown() throws Exception {
    String older =
        golden()
            .replaceAll("(?s),\\s*\"api_writes\"[^}]*", "\n")
            .replaceAll("(?s),\\s*\"unload\" : \\{.*?\\n      \\}", "");
    assertFalse(older.contains("api_writes"));
    assertFalse(older.contains("unload"));
    Path p = dir.resolve("older.json");
    Files.writeString(p, older);
    Snapshot s = SummaryReader.read("older.json", p);
    assertEquals(-1, s.operators().get(0).apiWrites());
    assertTrue(s.operators().get(0).unload().isEmpty());
    assertEquals(27, s.operators().get(0).reconciles());
    assertEquals(27, s.operators().get(0).callsRecorded(), "every reconcile, as before the field");
  }

  /**
   * A side read from a trace with the operator's log beside it: writes per wake-up is per reconcile
   * whose calls were recorded, not diluted by the log's reconciles, which show none.
   */
  @Test
  void writesPerWakeup_isPerReconcileWhoseCallsWereRecorded() throws Exception {
    Path p = dir.resolve("s.json");
    Files.writeString(p, golden().replace("\"calls_recorded\" : 27", "\"calls_recorded\" : 3"));
    OperatorSnapshot demo = SummaryReader.read("s.json", p).operators().get(0);
    assertEquals(3, demo.callsRecorded());
    Comparer.Counts counts =
        new Comparer.Counts(
            demo.reconciles(),
            demo.timerDriven(),
            demo.apiWrites(),
            demo.errors(),
            demo.timers(),
            demo.callsRecorded());
    assertEquals(2.0, Comparer.value(Metric.WRITES_PER_WAKEUP, counts, 1), "6 writes by 3");
  }

  @Test
  void read_otherSchemas_refusedWithOneLine() throws Exception {
    for (String schema : new String[] {"2", "0", "\"1\"", "1.5"}) {
      Path p = dir.resolve("s.json");
      Files.writeString(p, golden().replace("\"schema\" : 1", "\"schema\" : " + schema));
      CompareInputException e =
          assertThrows(CompareInputException.class, () -> SummaryReader.read("s.json", p), schema);
      assertTrue(e.getMessage().startsWith("s.json: summary.json "), e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
  }

  @Test
  void read_wrongTypes_sayWhere() throws Exception {
    Path p = dir.resolve("s.json");
    Files.writeString(
        p,
        golden()
            .replace(
                "\"timer_driven\" : 21,\n          " + "\"timer_share\"",
                "\"timer_driven\" : \"many\",\n          \"timer_share\""));
    CompareInputException e =
        assertThrows(CompareInputException.class, () -> SummaryReader.read("s.json", p));
    assertTrue(
        e.getMessage()
            .matches(
                "s\\.json:\\d+:\\d+: invalid summary\\.json: "
                    + "\"operators\\[0\\]\\.controllers\\[0\\]\\.timer_driven\": expected an"
                    + " integer"),
        e.getMessage());
  }

  @Test
  void read_missingRequiredField_namesItsPath() throws Exception {
    Path p = dir.resolve("s.json");
    Files.writeString(p, golden().replaceFirst("\"delay_s\" : [0-9.]+,", ""));
    CompareInputException e =
        assertThrows(CompareInputException.class, () -> SummaryReader.read("s.json", p));
    assertTrue(
        e.getMessage()
            .matches(
                "s\\.json:\\d+:\\d+: invalid summary\\.json: "
                    + "\"operators\\[0\\]\\.controllers\\[0\\]\\.timers\\[0\\]\\.delay_s\": missing"),
        e.getMessage());
  }
}
