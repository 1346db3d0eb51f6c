package io.github.wakeupanalyze.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server stops when its last exchange has answered: not before (the exchange in flight gets its
 * answer), not after (no fixed wait when nothing is in flight), and a request that comes while it
 * stops is told to retry.
 */
class DrainTest {
  /** Far longer than any test may take: reaching it would mean the stop waited for nothing. */
  static final long HOUR = 3_600;

  final ExecutorService executor = Executors.newFixedThreadPool(4);
  final Drain drain = new Drain();
  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  HttpServer server;

  /** A server whose {@code /slow} answers only once {@link #release} is counted down. */
  void start() throws IOException {
    server = HttpServers.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(executor);
    server.createContext(
        "/",
        drain.counted(
            ex -> {
              try (ex) {
                if (ex.getRequestURI().getPath().equals("/slow")) {
                  entered.countDown();
                  release.await();
                }
                HttpFront.text(ex, 200, "ok\n");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }));
    server.start();
  }

  HttpRequest get(String path) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .build();
  }

  @AfterEach
  void stopAll() {
    release.countDown();
    executor.shutdownNow();
  }

  @Test
  void anIdleServer_stopsAtOnce_notAtTheDeadline() throws Exception {
    start();
    assertEquals(200, client.send(get("/"), HttpResponse.BodyHandlers.ofString()).statusCode());
    // the deadline is an hour: only a stop that does not wait for it ends inside the guard
    Drain.Stopped how =
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> drain.stop(server, HOUR));
    assertEquals(Drain.Stopped.DRAINED, how);
  }

  @Test
  void anExchangeInFlight_isAnswered_andARequestWhileStopping_isToldToRetry() throws Exception {
    start();
    CompletableFuture<HttpResponse<String>> inFlight =
        client.sendAsync(get("/slow"), HttpResponse.BodyHandlers.ofString());
    entered.await();
    CompletableFuture<Drain.Stopped> stop =
        CompletableFuture.supplyAsync(() -> drain.stop(server, HOUR));
    while (!drain.stopping()) {
      Thread.onSpinWait();
    }
    HttpResponse<String> late = client.send(get("/"), HttpResponse.BodyHandlers.ofString());
    assertEquals(503, late.statusCode());
    assertEquals("1", late.headers().firstValue("Retry-After").orElse(""));
    assertFalse(stop.isDone(), "stopped with an exchange still in flight");

    release.countDown();
    HttpResponse<String> answered = inFlight.get(60, TimeUnit.SECONDS);
    assertEquals(200, answered.statusCode());
    assertEquals("ok\n", answered.body());
    assertEquals(Drain.Stopped.DRAINED, stop.get(60, TimeUnit.SECONDS));
  }

  @Test
  void anExchangeThatOutlivesTheDeadline_isCut() throws Exception {
    start();
    client.sendAsync(get("/slow"), HttpResponse.BodyHandlers.ofString());
    entered.await();
    assertEquals(Drain.Stopped.DEADLINE, drain.stop(server, 0));
  }
}
