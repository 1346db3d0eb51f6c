package io.github.wakeupanalyze.serve;

import io.github.wakeupanalyze.text.Names;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The server's log: one line per event on the error stream, names from requests made printable.
 * Refused requests get a line each; requests refused for backpressure are summed up, at most one
 * line per {@value #BUSY_EVERY_SECONDS} s, so an overloaded server does not flood its log.
 */
final class ServeLog {
  static final int BUSY_EVERY_SECONDS = 10;

  private final Consumer<String> out;
  private final LongSupplier clock;
  private long busySince = Long.MIN_VALUE;
  private long busyCount;

  /**
   * @param out receives each line, without its end
   * @param clock wall-clock nanoseconds
   */
  ServeLog(Consumer<String> out, LongSupplier clock) {
    this.out = out;
    this.clock = clock;
  }

  void info(String line) {
    out.accept("serve: " + Names.printable(line));
  }

  /** A request refused with {@code status}; {@code message} says why in one line. */
  void refused(String transport, String status, String peer, String message) {
    out.accept(
        "serve: "
            + transport
            + " "
            + status
            + " from "
            + Names.printable(peer)
            + ": "
            + Names.printable(message));
  }

  /** A request refused because the analysis is behind. */
  synchronized void busy(String transport, String peer) {
    long now = clock.getAsLong();
    busyCount++;
    if (busySince == Long.MIN_VALUE || now - busySince >= BUSY_EVERY_SECONDS * 1_000_000_000L) {
      out.accept(
          "serve: "
              + transport
              + " busy: "
              + busyCount
              + " export request(s) refused with a retry (last from "
              + Names.printable(peer)
              + "): the analysis is behind");
      busySince = now;
      busyCount = 0;
    }
  }
}
