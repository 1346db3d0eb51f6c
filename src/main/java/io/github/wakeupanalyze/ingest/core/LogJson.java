package io.github.wakeupanalyze.ingest.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Deque;

/** The JSON factory of this package's readers of collected logs. */
final class LogJson {
  /** Nesting is bounded: the records are shallow, and hostile input must not recurse deeply. */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build();

  private LogJson() {}

  /**
   * Adds a record's text to {@code ready}: its first line after {@code head} (the pod and time),
   * each further line as it is; empty lines at its end are dropped.
   */
  /**
   * Adds a record as {@code kubectl logs --prefix --timestamps} prints it: its first line after the
   * pod's prefix (when {@code pod} is one) and the time (when {@code epochNanos} is positive), each
   * further line of {@code text} as it is.
   */
  static void addRecord(
      Deque<String> ready, String pod, String container, long epochNanos, String text) {
    StringBuilder head = new StringBuilder();
    PodPrefix.append(head, pod, container);
    if (epochNanos > 0) {
      head.append(KubeletTime.ofNanos(epochNanos)).append(' ');
    }
    addLines(ready, head, text);
  }

  static void addLines(Deque<String> ready, CharSequence head, String text) {
    String[] lines = text.split("\r?\n", -1);
    int last = lines.length;
    while (last > 1 && lines[last - 1].isEmpty()) {
      last--;
    }
    ready.add(head + lines[0]);
    for (int i = 1; i < last; i++) {
      ready.add(lines[i]);
    }
  }

  /**
   * Epoch nanoseconds (a uint64) at the parser's current token, as a decimal string or a number; 0
   * when neither.
   */
  static long nanos(JsonParser p) {
    try {
      return switch (p.currentToken()) {
        case VALUE_STRING -> Long.parseLong(p.getText().strip());
        case VALUE_NUMBER_INT -> p.getLongValue();
        default -> {
          p.skipChildren();
          yield 0;
        }
      };
    } catch (NumberFormatException | IOException e) {
      return 0;
    }
  }

  /** The input's first characters without a byte-order mark and leading white space. */
  static String head(String text) {
    String s = text.stripLeading();
    return s.startsWith("\uFEFF") ? s.substring(1).stripLeading() : s;
  }
}
