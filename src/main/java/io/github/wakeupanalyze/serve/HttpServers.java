package io.github.wakeupanalyze.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP server, with {@code TCP_NODELAY} on its connections. It writes an answer's headers
 * and its body in two segments; without it, Nagle's algorithm holds the body until the client
 * acknowledges the headers, which a Linux client delays by up to 40 ms. Every answer with a body
 * waited for it: an OTLP JSON export's {@code {}}, an audit webhook batch's, every 400 (measured on
 * loopback with the JDK's client: 44–48 ms each, against about 1 ms for an empty 200).
 */
final class HttpServers {
  /** The JDK server's switch, read once, when the first server of the process is made. */
  static final String NODELAY = "sun.net.httpserver.nodelay";

  private HttpServers() {}

  /** A server bound to {@code address}, not started. */
  static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    return HttpServer.create(address, backlog);
  }
}
