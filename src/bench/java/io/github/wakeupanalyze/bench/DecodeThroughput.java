package io.github.wakeupanalyze.bench;

import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.TraceInputs;
import io.github.wakeupanalyze.model.Span;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reader throughput alone: each file is sniffed and decoded into a sink that only counts (no
 * extraction, no analysis), on one thread, several times; prints the median run as MB/s and
 * spans/s, wall and CPU. Runs during the first {@link #WARMUP_NANOS} (at least one) warm the JIT
 * and are not counted: the optimizing compiler's code for the decoder arrives after several runs,
 * and on a 2-core machine one warm-up run left the median of five bimodal (1.05 to 1.85 M spans/s
 * on the same file in three invocations).
 *
 * <pre>
 * java -cp target/bench/benchmarks.jar io.github.wakeupanalyze.bench.DecodeThroughput [-n 5] FILE...
 * </pre>
 *
 * Output: one line per file, {@code file format MB spans median_wall_s spans/s spans/cpu-s}.
 */
public final class DecodeThroughput {
  private DecodeThroughput() {}

  /** How long runs are repeated, uncounted, before the counted ones. */
  static final long WARMUP_NANOS = 3_000_000_000L;

  /** Counts spans; reads one field so the work cannot be optimized away. */
  private static final class Counter implements TraceInputs.SourceAwareSink {
    long spans;
    long check;

    @Override
    public void startSource(int index, String path) {}

    @Override
    public void accept(Span s) {
      spans++;
      check += s.endNanos();
    }
  }

  public static void main(String[] args) throws Exception {
    int runs = 5;
    int i = 0;
    if (args.length > 1 && args[0].equals("-n")) {
      runs = Integer.parseInt(args[1]);
      i = 2;
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (; i < args.length; i++) {
      Path file = Path.of(args[i]);
      double mb = Files.size(file) / 1e6;
      double[] walls = new double[runs];
      double[] cpus = new double[runs];
      InputReport last = null;
      long check = 0;
      long warmupEnd = System.nanoTime() + WARMUP_NANOS;
      for (int r = -1; r < runs; r++) {
        Counter c = new Counter();
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        last =
            TraceInputs.readAll(
                    List.of(file.toString()), ReadOptions.AUTO, InputStream.nullInputStream(), c)
                .get(0);
        long c1 = threads.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        if (last.failed()) {
          throw new IllegalStateException(last.error());
        }
        check ^= c.check;
        if (r == -1 && t1 < warmupEnd) {
          r--; // still warming up
        } else if (r >= 0) {
          walls[r] = (t1 - t0) / 1e9;
          cpus[r] = (c1 - c0) / 1e9;
        }
      }
      double wall = median(walls);
      double cpu = median(cpus);
      System.out.println(
          String.format(
              Locale.ROOT,
              "%s %s %.1f %d %.3f %.0f %.0f",
              file.getFileName(),
              last.format().cliName(),
              mb,
              last.spans(),
              wall,
              last.spans() / wall,
              last.spans() / cpu));
      if (check == 42) {
        System.out.println(); // keeps check alive
      }
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
