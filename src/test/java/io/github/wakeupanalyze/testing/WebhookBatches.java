package io.github.wakeupanalyze.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An audit log (one event per line, as {@code simulate} writes it) cut as the API server's audit
 * webhook sends it: batches of at most {@value #BATCH_NANOS} ns of events, each an {@code
 * EventList}, sent {@value #DELAY_NANOS} ns after its first event (the webhook's default batch wait
 * is 30 s).
 */
public final class WebhookBatches {
  public static final long BATCH_NANOS = 10_000_000_000L;
  public static final long DELAY_NANOS = 30_000_000_000L;

  /**
   * One batch.
   *
   * @param sendNanos when the webhook sends it (trace time)
   * @param body the {@code EventList}, UTF-8 JSON
   * @param events how many events it holds
   */
  public record Batch(long sendNanos, byte[] body, int events) {}

  private final List<Batch> batches;
  private final int events;

  private WebhookBatches(List<Batch> batches, int events) {
    this.batches = List.copyOf(batches);
    this.events = events;
  }

  /** The batches of the log at {@code audit}, in sending order. */
  public static WebhookBatches of(Path audit) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
    long[] at = new long[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      Instant t = Instant.parse(json.readTree(lines.get(i)).get("stageTimestamp").asText());
      at[i] = t.getEpochSecond() * 1_000_000_000L + t.getNano();
      if (i > 0 && at[i] < at[i - 1]) {
        throw new IllegalStateException(audit + ":" + (i + 1) + ": the log is not in time order");
      }
    }
    List<Batch> out = new ArrayList<>();
    int from = 0;
    while (from < lines.size()) {
      long end = at[from] + BATCH_NANOS;
      int to = from;
      while (to < lines.size() && at[to] < end) {
        to++;
      }
      byte[] body =
          ("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                  + String.join(",", lines.subList(from, to))
                  + "]}")
              .getBytes(StandardCharsets.UTF_8);
      out.add(new Batch(at[from] + DELAY_NANOS, body, to - from));
      from = to;
    }
    return new WebhookBatches(out, lines.size());
  }

  public List<Batch> batches() {
    return batches;
  }

  /** Events in the log, all batches together. */
  public int events() {
    return events;
  }
}
