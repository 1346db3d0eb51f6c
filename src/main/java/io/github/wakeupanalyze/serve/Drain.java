package io.github.wakeupanalyze.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Stops a JDK HTTP server as soon as the exchanges in flight have ended, not after a fixed wait.
 *
 * <p>On JDK 17 to 20, {@code HttpServer.stop(delay)} waits the whole delay even when no exchange is
 * in flight (JDK-8304065, fixed in JDK 21): {@code serve} took ten seconds to stop on an idle
 * server, and every test that started one paid them. So the exchanges are counted here. Once {@link
 * #stop} is called, a new exchange is answered 503 with {@code Retry-After} (exporters and the
 * audit webhook retry it, elsewhere); the server is stopped at once ({@code stop(0)}) when the last
 * exchange in flight has answered, or at the deadline whatever is still running.
 */
final class Drain {
  /** How {@link #stop} ended. */
  enum Stopped {
    /** Every exchange in flight had answered. */
    DRAINED,
    /** The deadline came first; the exchanges still running were cut. */
    DEADLINE
  }

  private final Object lock = new Object();
  private int inFlight;
  private boolean stopping;

  /** {@code handler}, counted; refused with 503 once stopping. */
  HttpHandler counted(HttpHandler handler) {
    return ex -> {
      synchronized (lock) {
        if (!stopping) {
          inFlight++;
        } else {
          refuse(ex);
          return;
        }
      }
      try {
        handler.handle(ex);
      } finally {
        synchronized (lock) {
          if (--inFlight == 0) {
            lock.notifyAll();
          }
        }
      }
    };
  }

  private static void refuse(HttpExchange ex) throws IOException {
    try (ex) {
      ex.getResponseHeaders().set("Retry-After", Integer.toString(HttpFront.RETRY_AFTER_SECONDS));
      ex.getResponseHeaders().set("Connection", "close");
      HttpFront.text(ex, 503, "stopping\n");
    }
  }

  /** Whether {@link #stop} has been called. */
  boolean stopping() {
    synchronized (lock) {
      return stopping;
    }
  }

  /**
   * Refuses new exchanges, waits up to {@code seconds} for those in flight to answer, then stops
   * {@code server} without a further wait.
   */
  Stopped stop(HttpServer server, long seconds) {
    Stopped how = Stopped.DRAINED;
    synchronized (lock) {
      stopping = true;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      try {
        while (inFlight > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            how = Stopped.DEADLINE;
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        how = Stopped.DEADLINE;
      }
    }
    server.stop(0);
    return how;
  }
}
