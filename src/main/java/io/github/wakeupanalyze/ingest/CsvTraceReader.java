package io.github.wakeupanalyze.ingest;

import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.SpanSink;
import io.github.wakeupanalyze.ingest.core.Synthetic;
import io.github.wakeupanalyze.ingest.core.TraceReader;
import io.github.wakeupanalyze.model.Span;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a timestamp CSV ({@link TimestampCsv}: one reconcile per line, a start and optionally an
 * end) as synthetic spans, so that timestamps from earlier research go through the same analysis.
 *
 * <p>Each record becomes one root span named {@value #SPAN_NAME}, kind INTERNAL, no attributes,
 * whose service (the operator) is the override given, else the file name without directory and
 * extensions ({@code psmdb} for {@code logs/psmdb.csv.gz}; {@code stdin} for {@code -}). Its
 * controller is therefore {@code reconcile} and its object {@code *}: one stream per file.
 *
 * <p>Ids are {@link Synthetic}: the trace id is (a hash of the file name, the line number).
 */
final class CsvTraceReader implements TraceReader {
  static final String SPAN_NAME = "reconcile";

  private final String operatorOverride;
  private final Span.Builder builder = Span.builder();
  private final List<String> warnings = new ArrayList<>();

  CsvTraceReader(String operatorOverride) {
    this.operatorOverride = operatorOverride;
  }

  @Override
  public void read(InputStream in, String file, SpanSink sink) throws IOException, InputException {
    warnings.clear();
    String operator = operatorOverride != null ? operatorOverride : Synthetic.operatorOf(file);
    long fileHash = Synthetic.hash(file);
    long[] rows = {0};
    TimestampCsv.read(
        in,
        file,
        (line, start, end) -> {
          rows[0]++;
          sink.accept(
              builder
                  .reset()
                  .service(operator)
                  .traceId(fileHash, line)
                  .spanId(Synthetic.mix(fileHash ^ line))
                  .name(SPAN_NAME)
                  .kind(1)
                  .startNanos(start)
                  .endNanos(end)
                  .build());
        },
        warnings::add);
    if (rows[0] == 0) {
      throw new InputException(file, "", "no timestamps: expected one time per line");
    }
  }

  @Override
  public List<String> warnings() {
    return List.copyOf(warnings);
  }
}
