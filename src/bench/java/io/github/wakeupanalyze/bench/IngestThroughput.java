package io.github.wakeupanalyze.bench;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Ingest throughput: reads each file as the tool does (sniff, decompress, parse on one thread,
 * extract reconciles on another: {@code Pipeline.extract}) several times and prints the best run as
 * MB/s and spans/s. The first run warms the JIT and is not counted.
 *
 * <pre>
 * java -cp target/bench/benchmarks.jar io.github.wakeupanalyze.bench.IngestThroughput [-n 3] FILE...
 * </pre>
 *
 * Output: one line per file, {@code file format MB spans best_s MB/s spans/s}.
 */
public final class IngestThroughput {
  private IngestThroughput() {}

  public static void main(String[] args) throws Exception {
    int runs = 3;
    int i = 0;
    if (args.length > 1 && args[0].equals("-n")) {
      runs = Integer.parseInt(args[1]);
      i = 2;
    }
    for (; i < args.length; i++) {
      Path file = Path.of(args[i]);
      double mb = Files.size(file) / 1e6;
      double best = Double.MAX_VALUE;
      InputReport last = null;
      for (int r = 0; r <= runs; r++) {
        long t0 = System.nanoTime();
        last =
            Pipeline.extract(
                    new Pipeline.Request(
                        List.of(file.toString()),
                        ReadOptions.AUTO,
                        ExtractRules.defaults(),
                        AnalysisParameters.defaults(),
                        new long[0],
                        System.in))
                .inputs()
                .get(0);
        double s = (System.nanoTime() - t0) / 1e9;
        if (last.failed()) {
          throw new IllegalStateException(last.error());
        }
        if (r > 0) {
          best = Math.min(best, s);
        }
      }
      System.out.println(
          String.format(
              Locale.ROOT,
              "%s %s %.1f %d %.3f %.1f %.0f",
              file.getFileName(),
              last.format().cliName(),
              mb,
              last.spans(),
              best,
              mb / best,
              last.spans() / best));
    }
  }
}
