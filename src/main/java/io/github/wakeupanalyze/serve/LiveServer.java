package io.github.wakeupanalyze.serve;

import com.sun.net.httpserver.HttpExchange;
import io.github.wakeupanalyze.live.FirstVerdict;
import io.github.wakeupanalyze.live.LiveEngine;
import io.github.wakeupanalyze.live.LiveView;
import io.github.wakeupanalyze.report.ReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The running server: receivers, intake, engine, API and metrics, and the way it stops.
 *
 * <p><b>Stopping</b> ({@link #close}, on SIGTERM through the command's shutdown hook): {@code
 * /readyz} turns 503; both receivers stop accepting and finish the exports in flight (up to {@value
 * #DRAIN_SECONDS} s); everything queued and held is extracted and analysed in a last pass; the
 * final report of the window is written to {@code --out} when given.
 */
public final class LiveServer implements AutoCloseable {
  static final int DRAIN_SECONDS = 10;

  /** First verdicts kept for {@code /api/v1/recent} and the page's timeline. */
  static final int RECENT = 500;

  private final ServeSettings settings;
  private final String toolVersion;
  private final ServeLog log;
  private final LiveEngine engine;
  private final LiveMetrics metrics;
  private final Intake intake;
  private final ExecutorService httpExecutor;
  private final ExecutorService grpcExecutor;
  private final HttpFront http;
  private final GrpcFront grpc;
  private final LivePage page;
  private final ArrayDeque<FirstVerdict> recent = new ArrayDeque<>();

  /** The notes already logged (analysis thread only). */
  private final java.util.Set<String> noted = new java.util.HashSet<>();

  /** Whether log lines read late were noted in the log (once, whatever their count). */
  private boolean lateLinesNoted;

  private volatile boolean ready;
  private boolean closed;

  private LiveServer(
      ServeSettings settings, String toolVersion, Consumer<String> logLines, LongSupplier clock)
      throws IOException {
    this.settings = settings;
    this.toolVersion = toolVersion;
    this.log = new ServeLog(logLines, clock);
    this.engine = new LiveEngine(settings.live());
    this.page = LivePage.load();
    this.metrics = new LiveMetrics(engine::view, this::queuedSpans, this::lateLogLines);
    this.intake =
        new Intake(
            engine,
            settings.maxQueuedSpans(),
            settings.idleFlushNanos(),
            settings.minPassNanos(),
            clock,
            this::onPass);
    Receiver receiver = new Receiver(intake, engine, metrics);
    this.httpExecutor = executor("wakeup-http");
    this.http =
        new HttpFront(
            new InetSocketAddress(settings.bind(), settings.httpPort()),
            httpExecutor,
            receiver,
            metrics,
            log,
            settings.maxRequestBytes(),
            this::get);
    if (settings.grpcPort() >= 0) {
      this.grpcExecutor = executor("wakeup-grpc");
      this.grpc =
          new GrpcFront(
              new InetSocketAddress(settings.bind(), settings.grpcPort()),
              grpcExecutor,
              receiver,
              metrics,
              log,
              settings.maxRequestBytes());
    } else {
      this.grpcExecutor = null;
      this.grpc = null;
    }
  }

  /**
   * Starts a server.
   *
   * @param logLines receives the log, one line at a time
   * @param clock wall-clock nanoseconds ({@code System::nanoTime}); trace time never depends on it
   * @throws IOException when a port cannot be bound
   */
  public static LiveServer start(
      ServeSettings settings, String toolVersion, Consumer<String> logLines, LongSupplier clock)
      throws IOException {
    LiveServer s = new LiveServer(settings, toolVersion, logLines, clock);
    s.intake.start();
    try {
      s.http.start();
      if (s.grpc != null) {
        s.grpc.start();
      }
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    s.ready = true;
    return s;
  }

  /** A small pool for one receiver; when it is busy the accepting thread runs the exchange. */
  private static ExecutorService executor(String name) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        1,
        4,
        30,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(64),
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.CallerRunsPolicy());
  }

  public int httpPort() {
    return http.port();
  }

  /** The gRPC port, or -1 when gRPC is off. */
  public int grpcPort() {
    return grpc == null ? -1 : grpc.port();
  }

  /** The latest pass's view of the window. */
  public LiveView view() {
    return engine.view();
  }

  private long queuedSpans() {
    return intake.queuedSpans();
  }

  private long lateLogLines() {
    return intake.lateLogLines();
  }

  /** The receiver's own warnings for the summary, after the analysis's notes. */
  private List<String> warnings() {
    return ApiJson.lateLogLines(intake.lateLogLines(), settings.live().graceNanos());
  }

  /** Whether everything received has been extracted and analysed (see {@link Intake#settled}). */
  boolean settled() {
    return intake.settled();
  }

  /** Extracts the traces still held once the queue is empty, as an idle pause would. */
  void flushWhenIdle() {
    intake.flushWhenIdle();
  }

  private void onPass(LiveView view, List<FirstVerdict> first, long lagNanos, long passNanos) {
    metrics.pass(first, lagNanos, passNanos);
    for (String note : view.notes()) {
      if (noted.add(note)) {
        log.info("note: " + note); // once each; the summary's input warnings hold the current ones
      }
    }
    if (intake.lateLogLines() > 0 && !lateLinesNoted) {
      lateLinesNoted = true;
      log.info("note: " + warnings().get(0) + " (wakeup_log_lines_late_total counts them)");
    }
    synchronized (recent) {
      for (FirstVerdict f : first) {
        recent.addLast(f);
        if (recent.size() > RECENT) {
          recent.removeFirst();
        }
      }
    }
  }

  private List<FirstVerdict> recent() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  /** The GET routes. */
  private boolean get(String path, HttpExchange ex) throws IOException {
    switch (path) {
      case "/" -> page.send(ex);
      case "/metrics" -> {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
        metrics.write(buf);
        HttpFront.send(ex, 200, metrics.contentType(), buf.toByteArray());
      }
      case "/healthz" -> {
        boolean ok = intake.healthy() || closed;
        HttpFront.text(ex, ok ? 200 : 500, ok ? "ok\n" : "failed: " + intake.failure() + "\n");
      }
      case "/readyz" -> HttpFront.text(ex, ready ? 200 : 503, ready ? "ready\n" : "not ready\n");
      case "/api/v1/summary" ->
          HttpFront.send(
              ex, HttpFront.JSON, w -> ApiJson.summary(engine.view(), warnings(), toolVersion, w));
      case "/api/v1/objects" ->
          HttpFront.send(ex, HttpFront.JSON, w -> ApiJson.objects(engine.view(), w));
      case "/api/v1/recent" ->
          HttpFront.send(ex, HttpFront.JSON, w -> ApiJson.recent(engine.view(), recent(), w));
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * Stops gracefully: not ready, receivers drained, the last pass run, the final report written.
   *
   * @return the files of the final report (empty without {@code --out})
   */
  public synchronized List<Path> shutdown() throws IOException {
    if (closed) {
      return List.of();
    }
    ready = false;
    log.info("stopping: finishing exports in flight");
    // receivers first, while the intake still accepts, so exports in flight are taken whole
    if (grpc != null) {
      grpc.stop(DRAIN_SECONDS);
    }
    if (http.stop(DRAIN_SECONDS) == Drain.Stopped.DEADLINE) {
      log.info("stopping: requests still running after " + DRAIN_SECONDS + " s were cut");
    }
    intake.close();
    httpExecutor.shutdown();
    if (grpcExecutor != null) {
      grpcExecutor.shutdown();
    }
    closed = true;
    if (intake.failure() != null) {
      log.info("the analysis had failed: " + intake.failure());
    }
    LiveView v = engine.view();
    if (settings.out() == null) {
      return List.of();
    }
    List<Path> written =
        ReportWriter.writeAll(
            settings.out(),
            toolVersion,
            ApiJson.inputs(v, warnings()),
            ApiJson.extraction(v),
            v.analysis());
    log.info("wrote " + written.size() + " files under " + settings.out());
    return written;
  }

  @Override
  public void close() throws IOException {
    shutdown();
  }
}
