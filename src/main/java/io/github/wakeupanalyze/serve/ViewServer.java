package io.github.wakeupanalyze.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.wakeupanalyze.live.LiveView;
import io.github.wakeupanalyze.text.Names;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The live API's read side on its own HTTP server, for an engine other than {@link LiveServer}'s
 * (the Kafka Streams application): {@code GET /metrics} and {@code GET /api/v1/summary} written as
 * {@code serve} writes them (the same {@link LiveMetrics} window gauges, the same {@code
 * summary.json} schema through {@link ApiJson}), {@code /healthz} and {@code /readyz}.
 *
 * <p>{@code ?scope=all} asks for the combined view (every instance) instead of this instance's; a
 * view that cannot be built now (a rebalance, a peer that does not answer) is a 503 with one line
 * saying why. The receiver-side metrics of {@code serve} are declared but stay empty.
 */
public final class ViewServer implements AutoCloseable {
  /** Where the views come from. */
  public interface Views {
    /**
     * The view of this instance's share, or of every instance's when {@code combined}.
     *
     * @throws IllegalStateException when it cannot be built now (answered 503 with the message)
     * @throws IOException when a peer could not be read (answered 503)
     */
    LiveView view(boolean combined) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final String toolVersion;
  private final Views views;
  private final BooleanSupplier ready;
  private final Map<String, Supplier<byte[]>> other;
  private final Object scrape = new Object();
  private final Drain exchanges = new Drain();
  private LiveView current;
  private final LiveMetrics metrics = new LiveMetrics(() -> current, () -> 0L, () -> 0L);

  private ViewServer(
      InetSocketAddress address,
      String toolVersion,
      Views views,
      BooleanSupplier ready,
      Map<String, Supplier<byte[]>> other)
      throws IOException {
    this.toolVersion = toolVersion;
    this.views = views;
    this.ready = ready;
    this.other = Map.copyOf(other);
    this.server = HttpServers.create(address, 64);
    this.executor = Executors.newFixedThreadPool(2, r -> daemon(r));
    server.setExecutor(executor);
    server.createContext("/", exchanges.counted(this::handle));
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "wakeup-view-http");
    t.setDaemon(true);
    return t;
  }

  /**
   * Starts a server.
   *
   * @param address where to listen, e.g. 127.0.0.1:9464 (port 0: any free port)
   * @param ready whether {@code /readyz} answers 200
   * @param other further GET routes answering JSON, by path (e.g. an internal route for peers); a
   *     supplier may throw {@link IllegalStateException} for a 503
   */
  public static ViewServer start(
      InetSocketAddress address,
      String toolVersion,
      Views views,
      BooleanSupplier ready,
      Map<String, Supplier<byte[]>> other)
      throws IOException {
    ViewServer s = new ViewServer(address, toolVersion, views, ready, other);
    s.server.start();
    return s;
  }

  /** The port listened on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String query = ex.getRequestURI().getQuery();
      boolean combined = query != null && query.contains("scope=all");
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET");
        HttpFront.text(ex, 405, "method not allowed\n");
        return;
      }
      try {
        route(ex, path, combined);
      } catch (IllegalStateException | IOException e) {
        HttpFront.text(
            ex, 503, "unavailable: " + Names.printable(String.valueOf(e.getMessage())) + "\n");
      }
    }
  }

  private void route(HttpExchange ex, String path, boolean combined) throws IOException {
    switch (path) {
      case "/metrics" -> {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
        LiveView v = views.view(combined);
        synchronized (scrape) {
          current = v;
          metrics.write(buf);
        }
        HttpFront.send(ex, 200, metrics.contentType(), buf.toByteArray());
      }
      case "/api/v1/summary" -> {
        LiveView v = views.view(combined);
        HttpFront.send(ex, HttpFront.JSON, w -> ApiJson.summary(v, List.of(), toolVersion, w));
      }
      case "/healthz" -> HttpFront.text(ex, 200, "ok\n");
      case "/readyz" -> {
        boolean ok = ready.getAsBoolean();
        HttpFront.text(ex, ok ? 200 : 503, ok ? "ready\n" : "not ready\n");
      }
      default -> {
        Supplier<byte[]> s = other.get(path);
        if (s == null) {
          HttpFront.text(ex, 404, "not found: " + Names.printable(path) + "\n");
        } else {
          HttpFront.send(ex, 200, HttpFront.JSON, s.get());
        }
      }
    }
  }

  /** Refuses new requests and stops once those in flight have answered (a second at most). */
  @Override
  public void close() {
    exchanges.stop(server, 1);
    executor.shutdown();
  }
}
