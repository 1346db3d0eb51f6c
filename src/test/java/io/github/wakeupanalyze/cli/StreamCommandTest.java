package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stream}'s usage errors: found before any connection is tried. */
class StreamCommandTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Cli.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err), null);
  }

  @Test
  void noBootstrapServers_isAUsageError() {
    assertEquals(ExitCodes.USAGE, run("stream"));
    assertTrue(err.toString().contains("--bootstrap-servers"), err.toString());
  }

  @Test
  void unknownEncoding_isAUsageError() {
    assertEquals(
        ExitCodes.USAGE, run("stream", "--bootstrap-servers", "127.0.0.1:1", "--encoding", "avro"));
    assertTrue(err.toString().contains("otlp_proto or otlp_json"), err.toString());
  }

  @Test
  void unreadableConfig_exitsWithInvalidInput(@TempDir Path dir) {
    Path missing = dir.resolve("missing.properties");
    assertEquals(ExitCodes.INVALID_INPUT, run("stream", "--config", missing.toString()));
    assertTrue(err.toString().contains(missing.toString()), err.toString());
  }

  @Test
  void httpPortInUse_isAUsageError_beforeAnyConnection() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertEquals(
          ExitCodes.USAGE,
          run("stream", "--bootstrap-servers", "127.0.0.1:1", "--http-port", "" + port));
      assertTrue(err.toString().contains("cannot listen on 127.0.0.1:" + port), err.toString());
    }
  }
}
