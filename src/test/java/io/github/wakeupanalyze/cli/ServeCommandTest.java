package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.serve.ServeSettings;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code serve}'s options, parsed without starting a server: the defaults the docs promise, and
 * every bad value a usage error (exit 2) whose first line names the option, found before anything
 * listens.
 */
class ServeCommandTest {
  /** The settings {@code serve ARGS} would start with. */
  private static ServeSettings settings(String... args) {
    CommandLine serve = new CommandLine(new ServeCommand());
    serve.parseArgs(args);
    return ((ServeCommand) serve.getCommand()).settings();
  }

  @Test
  void defaults_areLocalhostOtlpPortsAnHourWindowAndNoReport() {
    ServeSettings s = settings();
    assertEquals("127.0.0.1", s.bind(), "no authentication, so local by default");
    assertEquals(4318, s.httpPort());
    assertEquals(4317, s.grpcPort());
    assertEquals(ServeSettings.DEFAULT_MAX_REQUEST_BYTES, s.maxRequestBytes());
    assertEquals(ServeSettings.DEFAULT_MAX_QUEUED_SPANS, s.maxQueuedSpans());
    assertNull(s.out());
    assertEquals(LiveSettings.DEFAULT_WINDOW_NANOS, s.live().windowNanos());
    assertEquals(LiveSettings.DEFAULT_GRACE_NANOS, s.live().graceNanos());
  }

  @Test
  void options_reachTheSettings() {
    ServeSettings s =
        settings(
            "--port",
            "0",
            "--grpc-port",
            "-1",
            "--bind",
            "0.0.0.0",
            "--out",
            "final",
            "--window",
            "15m",
            "--grace",
            "2s",
            "--max-request-bytes",
            "2048",
            "--max-queued-spans",
            "10");
    assertEquals(0, s.httpPort());
    assertEquals(-1, s.grpcPort(), "-1 turns gRPC off");
    assertEquals("0.0.0.0", s.bind());
    assertEquals(Path.of("final"), s.out());
    assertEquals(15 * 60_000_000_000L, s.live().windowNanos());
    assertEquals(2_000_000_000L, s.live().graceNanos());
    assertEquals(2048, s.maxRequestBytes());
    assertEquals(10, s.maxQueuedSpans());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "--window, 1 hour",
    "--window, 0s",
    "--grace, soon",
    "--port, 65536",
    "--port, -1",
    "--port, http",
    "--grpc-port, -2",
    "--max-request-bytes, 100",
    "--max-queued-spans, 0",
    "--bind, ' '",
    "--colour, red",
  })
  void badValue_isAUsageError_inOneLineNamingTheOption_beforeAnythingListens(
      String option, String value) {
    StringWriter err = new StringWriter();
    int code =
        Cli.execute(
            new String[] {"serve", option, value},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            InputStream.nullInputStream());
    assertEquals(ExitCodes.USAGE, code, err.toString());
    String first = err.toString().lines().findFirst().orElse("");
    assertTrue(first.contains(option), "first line names " + option + ": " + err);
    assertTrue(!err.toString().contains("listening"), "nothing started: " + err);
  }
}
