package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.ingest.ReadProgress;
import io.github.wakeupanalyze.text.Names;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One self-overwriting line on standard error while inputs are read: file, bytes read of its size,
 * spans, rate and time left, e.g. {@code reading big.jsonl 120.3 / 812.0 MB 14.8 % 1.21 M spans 181
 * MB/s ETA 4 s}. Redrawn at most every {@value #REDRAW_MS} ms and erased when reading ends. Shown
 * only on a terminal and without {@code --quiet}, so CI logs stay clean.
 */
final class ProgressLine implements ReadProgress {
  static final long REDRAW_MS = 250;

  private final PrintWriter err;
  private final LongSupplier nanoClock;
  private String name = "";
  private long size = -1;
  private long fileStart;
  private long lastDraw;
  private int width;

  ProgressLine(PrintWriter err, LongSupplier nanoClock) {
    this.err = err;
    this.nanoClock = nanoClock;
  }

  /** A progress line when standard error is a terminal and not {@code --quiet}, else nothing. */
  static ReadProgress forTerminal(PrintWriter err, boolean quiet) {
    return quiet || System.console() == null
        ? ReadProgress.NONE
        : new ProgressLine(err, System::nanoTime);
  }

  @Override
  public void file(String path, long sizeBytes) {
    name = Names.printable(path);
    size = sizeBytes;
    fileStart = nanoClock.getAsLong();
    lastDraw = fileStart;
  }

  @Override
  public void advance(long bytesRead, long spans) {
    long now = nanoClock.getAsLong();
    if (now - lastDraw < REDRAW_MS * 1_000_000L) {
      return;
    }
    lastDraw = now;
    draw(line(bytesRead, spans, (now - fileStart) / 1e9));
  }

  @Override
  public void done() {
    if (width > 0) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
      width = 0;
    }
  }

  /** The text of the line after {@code seconds} of reading the current file. */
  String line(long bytes, long spans, double seconds) {
    double mb = bytes / 1e6;
    double rate = seconds > 0 ? mb / seconds : 0;
    StringBuilder sb = new StringBuilder("reading ").append(name).append("  ");
    if (size > 0) {
      double share = Math.min(1, (double) bytes / size);
      sb.append(String.format(Locale.ROOT, "%.1f / %.1f MB  %.1f %%", mb, size / 1e6, 100 * share));
    } else {
      sb.append(String.format(Locale.ROOT, "%.1f MB", mb));
    }
    sb.append(String.format(Locale.ROOT, "  %s spans  %.0f MB/s", count(spans), rate));
    if (size > 0 && rate > 0 && bytes < size) {
      sb.append(String.format(Locale.ROOT, "  ETA %.0f s", (size - bytes) / 1e6 / rate));
    }
    return sb.toString();
  }

  private void draw(String text) {
    String padded = text.length() < width ? text + " ".repeat(width - text.length()) : text;
    width = Math.max(width, text.length());
    err.print("\r" + padded);
    err.flush();
  }

  private static String count(long n) {
    if (n >= 1_000_000) {
      return String.format(Locale.ROOT, "%.2f M", n / 1e6);
    }
    if (n >= 1_000) {
      return String.format(Locale.ROOT, "%.1f k", n / 1e3);
    }
    return Long.toString(n);
  }
}
