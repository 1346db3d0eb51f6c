package io.github.wakeupanalyze.sources.syntax;

import io.github.wakeupanalyze.sources.SourceFile;
import io.github.wakeupanalyze.sources.SourceTree;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;

/**
 * Reads and parses a scanner's files ahead of it on a small pool, so that parsing (most of a scan's
 * time) uses every core while the scanner walks trees in its own order.
 *
 * <p>The scanner names the files it will want, in the order it will want them; the pool parses at
 * most {@link #WINDOW_PER_THREAD} files per thread ahead of what the scanner has taken, so memory
 * stays bounded by a few trees whatever the tree's size. {@link #get} returns a file's result; a
 * file not parsed ahead (a name resolution reaching outside the list, or taken twice) is parsed at
 * once in the caller's thread. The results are those of parsing in order: output does not depend on
 * the number of threads.
 *
 * <p>One consumer: {@link #get} and {@link #close} are called from the scanner's thread only; each
 * thread has its own {@link TreeSitter} (parsers are not thread-safe).
 *
 * <p>Measured on a generated 10,000-file tree (see {@code docs/sources.md}): the scan's wall time
 * falls with the cores free to parse; with one core it is the sequential scan.
 */
public final class ParseAhead implements AutoCloseable {
  /** Files parsed ahead per pool thread, beyond those taken. */
  static final int WINDOW_PER_THREAD = 4;

  /** A file read and parsed: its text and tree, or why it could not be read. */
  public record Loaded(String text, TreeSitter.Parsed parsed, IOException error) {}

  private static final FutureTask<Loaded> TAKEN = new FutureTask<>(() -> null);

  private final Grammar grammar;
  private final List<SourceFile> order;
  private final ExecutorService pool;
  private final int window;
  private final Map<String, FutureTask<Loaded>> tasks = new HashMap<>();
  private final ThreadLocal<TreeSitter> parsers = ThreadLocal.withInitial(TreeSitter::create);
  private int next;
  private int inFlight;

  /**
   * Starts parsing {@code order} ahead.
   *
   * @param threads pool threads; below 2 nothing is parsed ahead (each {@link #get} parses in the
   *     caller's thread)
   */
  public ParseAhead(Grammar grammar, List<SourceFile> order, int threads) {
    this.grammar = grammar;
    this.order = List.copyOf(order);
    if (threads >= 2 && order.size() > 1) {
      this.pool =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "parse-ahead");
                t.setDaemon(true);
                return t;
              });
      this.window = threads * WINDOW_PER_THREAD;
      refill();
    } else {
      this.pool = null;
      this.window = 0;
    }
  }

  /** Pool threads for this machine: its processors, at most 4. */
  public static int defaultThreads() {
    return Math.min(4, Runtime.getRuntime().availableProcessors());
  }

  /** The file read and parsed: ahead when it was, else now in this thread. */
  public Loaded get(SourceFile f) {
    FutureTask<Loaded> t = tasks.put(f.rel(), TAKEN);
    if (t == null || t == TAKEN) {
      return load(f);
    }
    inFlight--;
    refill();
    try {
      return t.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Loaded(null, null, new IOException("interrupted while parsing", e));
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  private void refill() {
    while (pool != null && inFlight < window && next < order.size()) {
      SourceFile f = order.get(next++);
      if (tasks.containsKey(f.rel())) {
        continue;
      }
      FutureTask<Loaded> t = new FutureTask<>(() -> load(f));
      tasks.put(f.rel(), t);
      inFlight++;
      pool.execute(t);
    }
  }

  private Loaded load(SourceFile f) {
    String text;
    try {
      text = SourceTree.read(f);
    } catch (IOException e) {
      return new Loaded(null, null, e);
    }
    return new Loaded(text, parsers.get().parse(grammar, text), null);
  }

  /** Stops the pool; files parsed ahead and not taken are dropped. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
