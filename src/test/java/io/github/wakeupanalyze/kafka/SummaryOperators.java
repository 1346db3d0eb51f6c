package io.github.wakeupanalyze.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.extract.ExtractCounts;
import io.github.wakeupanalyze.extract.ExtractResult;
import io.github.wakeupanalyze.model.TraceEvidence;
import io.github.wakeupanalyze.report.SummaryJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code operators} section of a {@code summary.json} (counts, causes, timers per controller),
 * without what depends on the length of the observed window (rates per hour, the unload model): the
 * part a live view and the batch analysis of the same reconciles share.
 */
final class SummaryOperators {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SummaryOperators() {}

  static JsonNode of(String summaryJson) {
    try {
      JsonNode ops = MAPPER.readTree(summaryJson).get("operators");
      strip(ops);
      return ops;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode of(Analysis a) {
    StringWriter w = new StringWriter();
    ExtractCounts none = new ExtractCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    ExtractResult x =
        new ExtractResult(
            List.of(),
            none,
            List.of(),
            a.windowStartNanos(),
            a.windowEndNanos(),
            Map.of(),
            TraceEvidence.NONE,
            List.of(),
            List.of(),
            List.of(),
            List.of());
    try {
      SummaryJson.write("test", List.of(), x, a, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(w.toString());
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (f.contains("hour") || f.equals("unload")) {
          it.remove();
        }
      }
    }
    for (JsonNode c : n) {
      strip(c);
    }
  }
}
