package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.TraceInputs;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.WakeupAttributes;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Test helper: reads the sample logs under src/test/resources/logs and describes the spans. */
final class LogSamples {
  static final Path DIR = Path.of("src/test/resources/logs");

  /** 2024-05-01T12:00:00Z. */
  static final long T0 = 1_714_564_800_000_000_000L;

  private LogSamples() {}

  /** What reading gave: the report and the spans, sorted by start. */
  record Read(InputReport report, List<Span> spans) {
    /** One line per span: {@code +ms..+ms object controller [hint] [requeue=ms] [error]}. */
    List<String> described(long t0) {
      List<String> out = new ArrayList<>();
      for (Span s : spans) {
        out.add(describe(s, t0));
      }
      return out;
    }
  }

  static Read sample(String name) {
    return read(ReadOptions.AUTO, DIR.resolve(name).toString(), InputStream.nullInputStream());
  }

  static Read sample(String name, ReadOptions options) {
    return read(options, DIR.resolve(name).toString(), InputStream.nullInputStream());
  }

  static Read stdin(String text, ReadOptions options) {
    return read(options, "-", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  static Read read(ReadOptions options, String input, InputStream stdin) {
    List<Span> spans = new ArrayList<>();
    List<InputReport> reports =
        TraceInputs.readAll(
            List.of(input),
            options,
            stdin,
            new TraceInputs.SourceAwareSink() {
              @Override
              public void startSource(int index, String path) {}

              @Override
              public void accept(Span span) {
                spans.add(span);
              }
            });
    spans.sort(
        Comparator.comparingLong(Span::startNanos)
            .thenComparing(Span::service)
            .thenComparing(s -> String.valueOf(s.attribute("name"))));
    return new Read(reports.get(0), spans);
  }

  static String describe(Span s, long t0) {
    StringBuilder sb = new StringBuilder();
    sb.append(ms(s.startNanos() - t0)).append("..").append(ms(s.endNanos() - t0));
    sb.append(' ').append(s.service());
    String ref = s.attribute("object.ref");
    String ns = s.attribute("namespace");
    String name = s.attribute("name");
    sb.append(' ')
        .append(ref != null ? ref : name == null ? "*" : ns == null ? name : ns + "/" + name);
    String c = s.attribute(WakeupAttributes.CONTROLLER);
    sb.append(' ').append(c == null ? "-" : c);
    String reason = s.attribute("object.reason");
    if (reason != null) {
      sb.append(" reason=").append(reason);
    }
    String hint = s.attribute(WakeupAttributes.TRIGGER);
    if (hint != null) {
      sb.append(' ').append(hint);
    }
    String requeue = s.attribute(WakeupAttributes.REQUEUE_AFTER_NANOS);
    if (requeue != null) {
      sb.append(" requeue=").append(ms(Long.parseLong(requeue)));
    }
    if (s.error()) {
      sb.append(" error");
    }
    return sb.toString();
  }

  /** Milliseconds, with a fraction only when there is one: {@code 100}, {@code 10.5}. */
  static String ms(long nanos) {
    if (nanos % 1_000_000 == 0) {
      return Long.toString(nanos / 1_000_000);
    }
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }
}
