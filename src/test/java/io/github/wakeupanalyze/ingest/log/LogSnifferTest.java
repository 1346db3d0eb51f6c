package io.github.wakeupanalyze.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.TraceFormat;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A log is told from traces, timestamp CSVs and other text by its first lines. */
class LogSnifferTest {
  @Test
  void everySample_isSniffedAsALog() throws Exception {
    try (var files = Files.walk(LogSamples.DIR)) {
      for (var p : files.filter(Files::isRegularFile).toList()) {
        assertTrue(LogSniffer.looksLike(Files.readString(p), true), p.toString());
      }
    }
  }

  @Test
  void timestampCsvsAndProse_areNotLogs() {
    for (String text :
        List.of(
            "2024-05-01T12:00:00Z\n2024-05-01T12:00:05Z\n",
            "start,end\n2024-05-01 12:00:00,2024-05-01 12:00:01\n",
            "reconsile_dates\n2024-05-01 12:00:00.123\n",
            "1714564800\n1714564805\n",
            "# Exports\n\nOne file per day, 12:00:00 UTC.\n",
            "{\"name\": \"my-package\", \"version\": \"1.0.0\"}\n")) {
      assertFalse(LogSniffer.looksLike(text, true), text);
    }
  }

  @Test
  void aStackTraceAfterTheFirstLine_orALeadingBanner_stillALog() {
    StringBuilder java = new StringBuilder("12:00:00.000 [main] ERROR io.x.Foo -- failed\n");
    java.append("\tat io.x.Foo.bar(Foo.java:1)\n".repeat(60));
    assertTrue(LogSniffer.looksLike(java.toString(), true));
    String banner =
        "Starting operator\nversion 1.2.3\n"
            + "2024-05-01T12:00:00.000Z\tINFO\tsetup\tstarting manager\n".repeat(3);
    assertTrue(LogSniffer.looksLike(banner, true));
  }

  @Test
  void jsonLogLine_withATraceId_isALog_notJaeger() {
    LogSamples.Read r =
        LogSamples.stdin(
            "{\"level\":\"info\",\"ts\":1714564800.1,\"msg\":\"Reconciling\",\"traceID\":\"abc\","
                + "\"spanID\":\"def\",\"reconcileID\":\"1\",\"namespace\":\"d\",\"name\":\"a\"}\n",
            ReadOptions.AUTO);
    assertEquals(TraceFormat.LOG, r.report().format());
    assertEquals(1, r.spans().size());
  }

  @Test
  void notALog_forcedAsOne_saysWhatItFound_onTheFirstLine() {
    LogSamples.Read r =
        LogSamples.stdin(
            "\n\nreconcile_dates\n2024-05-01 12:00:00\n", new ReadOptions(TraceFormat.LOG, null));
    assertEquals(
        "-:3: not an operator log: expected log lines with a time (zap, klog, tracing, logback,"
            + " log4j, logfmt, JSON, or kubectl logs --timestamps), found \"reconcile_dates\""
            + " (the content looks like csv, not log: drop --format or use --format csv)",
        r.report().error());
  }
}
