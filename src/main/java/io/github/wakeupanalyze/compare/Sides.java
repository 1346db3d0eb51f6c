package io.github.wakeupanalyze.compare;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.pipeline.Pipeline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one side of a comparison, whatever it is:
 *
 * <ul>
 *   <li>a {@code summary.json} (detected by content: see {@link SummaryReader#probe});
 *   <li>a folder holding {@code summary.json} (an earlier run's {@code --out});
 *   <li>otherwise a trace in any format the tool reads ({@code -} for standard input), analyzed on
 *       the fly with the default analysis parameters.
 * </ul>
 */
public final class Sides {
  private Sides() {}

  /** A side and the warnings reading it gave. */
  public record Loaded(Snapshot snapshot, List<String> warnings) {}

  /**
   * Loads one side: a {@code summary.json} (by content), a folder holding one, or a trace analyzed
   * on the fly with {@code read}, {@code rules} and the external {@code events}.
   */
  public static Loaded load(
      String arg,
      ReadOptions read,
      ExtractRules rules,
      long[] events,
      List<Long> unloadAfterNanos,
      InputStream stdin)
      throws CompareInputException {
    if (!arg.equals("-")) {
      Path path = Path.of(arg);
      if (Files.isDirectory(path)) {
        Path summary = path.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
          throw new CompareInputException(
              arg
                  + ": a folder without summary.json (expected a "
                  + "trace, a summary.json, or an analyze output folder)");
        }
        return new Loaded(SummaryReader.read(summary.toString(), summary), List.of());
      }
      try {
        if (Files.isRegularFile(path) && SummaryReader.probe(path).summary()) {
          return new Loaded(SummaryReader.read(arg, path), List.of());
        }
      } catch (IOException e) {
        throw new CompareInputException(arg + ": cannot read: " + e.getMessage(), e);
      }
    }
    Pipeline.Result result =
        Pipeline.run(
            new Pipeline.Request(
                List.of(arg), read, rules, AnalysisParameters.defaults(), events, stdin));
    List<String> warnings = new ArrayList<>();
    for (InputReport r : result.inputs()) {
      if (r.failed()) {
        throw new CompareInputException(r.error());
      }
      warnings.addAll(r.warnings());
    }
    if (result.extraction().reconciles().isEmpty()) {
      throw new CompareInputException(arg + ": no reconcile spans found; nothing to compare");
    }
    return new Loaded(Snapshots.of(arg, result.analysis(), unloadAfterNanos), warnings);
  }
}
