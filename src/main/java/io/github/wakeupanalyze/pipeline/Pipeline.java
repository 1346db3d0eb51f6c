package io.github.wakeupanalyze.pipeline;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.Analyzer;
import io.github.wakeupanalyze.extract.ExtractResult;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.extract.ReconcileExtractor;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.ReadProgress;
import io.github.wakeupanalyze.ingest.TraceInputs;
import java.io.InputStream;
import java.util.List;

/** ingest → extract → analyze for one set of inputs, read once, in order. */
public final class Pipeline {
  private Pipeline() {}

  /**
   * What the pipeline needs.
   *
   * @param inputs files or {@code -} for standard input, merged into one analysis
   * @param read how inputs are read: a forced format or sniffing, the operator for CSV inputs
   * @param events sorted epoch-ns times of external changes (from {@code --events}), may be empty
   */
  public record Request(
      List<String> inputs,
      ReadOptions read,
      ExtractRules rules,
      AnalysisParameters parameters,
      long[] events,
      InputStream stdin,
      ReadProgress progress) {
    public Request {
      inputs = List.copyOf(inputs);
      read = read == null ? ReadOptions.AUTO : read;
      progress = progress == null ? ReadProgress.NONE : progress;
    }

    /** A request without progress reporting. */
    public Request(
        List<String> inputs,
        ReadOptions read,
        ExtractRules rules,
        AnalysisParameters parameters,
        long[] events,
        InputStream stdin) {
      this(inputs, read, rules, parameters, events, stdin, ReadProgress.NONE);
    }
  }

  /** What it produced: per-input reports, the extraction and the analysis. */
  public record Result(List<InputReport> inputs, ExtractResult extraction, Analysis analysis) {
    public Result {
      inputs = List.copyOf(inputs);
    }

    public boolean anyFailed() {
      return inputs.stream().anyMatch(InputReport::failed);
    }
  }

  /** What reading and extraction gave, before any analysis. */
  public record Extracted(List<InputReport> inputs, ExtractResult extraction) {
    public Extracted {
      inputs = List.copyOf(inputs);
    }
  }

  /**
   * Reads every input once and extracts the reconciles: parsing here, extraction on another core.
   */
  public static Extracted extract(Request request) {
    ReconcileExtractor extractor = new ReconcileExtractor(request.rules());
    List<InputReport> reports;
    // not try-with-resources: when reading fails, close() could throw the very same error object
    // again (the extraction thread's, or the JVM's preallocated out-of-memory error), and Java
    // cannot add an exception to itself as suppressed
    HandOffSink sink = new HandOffSink(extractor);
    try {
      reports =
          TraceInputs.readAll(
              request.inputs(), request.read(), request.stdin(), sink, request.progress());
    } catch (RuntimeException | Error e) {
      sink.abandon();
      throw e;
    }
    sink.close();
    return new Extracted(reports, extractor.finish());
  }

  public static Result run(Request request) {
    Extracted x = extract(request);
    ExtractResult extraction = x.extraction();
    Analysis analysis =
        new Analyzer(request.parameters())
            .analyze(
                extraction.reconciles(),
                request.events(),
                extraction.evidence(),
                extraction.windowStartNanos(),
                extraction.windowEndNanos())
            .withOperatorWindows(extraction.operatorWindows());
    return new Result(x.inputs(), extraction, analysis);
  }
}
