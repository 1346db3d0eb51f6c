package io.github.wakeupanalyze.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP server of {@code serve} asks the JDK for {@code TCP_NODELAY}: without it an answer
 * with a body waits for the client's delayed ACK (the latency itself is the bench's to measure).
 */
class HttpServersTest {
  @Test
  void aServerMadeHere_turnsOnNoDelay() throws Exception {
    HttpServer s = HttpServers.create(new InetSocketAddress("127.0.0.1", 0), 1);
    try {
      assertEquals("true", System.getProperty(HttpServers.NODELAY));
    } finally {
      s.stop(0);
    }
  }
}
