package io.github.wakeupanalyze.serve;

import io.github.wakeupanalyze.live.LiveSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A server on random loopback ports for a test, its log kept in memory, and a plain HTTP client to
 * ask it things. Passes run as soon as the window changes; held traces are extracted when the test
 * says the input paused (the idle flush is a minute, longer than any test), so a test waits for a
 * settled state, never for a time.
 */
final class TestServer implements AutoCloseable {
  final LiveServer server;
  final List<String> log = new CopyOnWriteArrayList<>();
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  TestServer(LiveSettings live, int maxRequestBytes, long maxQueuedSpans, Path out)
      throws IOException {
    ServeSettings s =
        new ServeSettings(
            "127.0.0.1",
            0,
            0,
            maxRequestBytes,
            maxQueuedSpans,
            out,
            0,
            TimeUnit.MINUTES.toNanos(1),
            live);
    server = LiveServer.start(s, "test", log::add, System::nanoTime);
  }

  TestServer() throws IOException {
    this(
        LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS),
        ServeSettings.DEFAULT_MAX_REQUEST_BYTES,
        ServeSettings.DEFAULT_MAX_QUEUED_SPANS,
        null);
  }

  String http() {
    return "http://127.0.0.1:" + server.httpPort();
  }

  String grpc() {
    return "http://127.0.0.1:" + server.grpcPort();
  }

  /**
   * Extracts every trace held once the queue is empty (the input has paused) and waits until
   * everything received is extracted and analysed (at most a minute).
   */
  void awaitSettled() throws InterruptedException {
    server.flushWhenIdle();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!server.settled()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the server did not settle; log: " + log);
      }
      Thread.sleep(20);
    }
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(http() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(http() + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
