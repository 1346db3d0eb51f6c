package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Replay;
import io.github.wakeupanalyze.testing.WebhookBatches;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A 10 % head-sampled Percona-like run (40 min) with the API server's audit log: the trace as the
 * Collector's records, the log as the webhook's batches (10 s, sent half a minute late), and the
 * batch verdicts of {@code analyze} with the log and without it.
 */
record AuditedRun(
    List<CollectorRecords.Rec> records,
    WebhookBatches audit,
    TreeMap<String, String> withLog,
    TreeMap<String, String> traceAlone) {

  /** An audit record a bridge cut short: not audit events. */
  static final byte[] BROKEN =
      "{\"kind\":\"EventList\",\"items\":[{\"audit".getBytes(StandardCharsets.UTF_8);

  static AuditedRun simulate(Path dir) throws Exception {
    SimulationRun.Written w =
        SimulationRun.write(
            ScenarioLoader.load(Replay.PERCONA_SAMPLED_AUDIT).withDuration(40 * 60_000_000_000L),
            OutputFormat.OTLP_PROTO_DELIMITED,
            dir,
            "audit");
    return new AuditedRun(
        CollectorRecords.records(w.trace()),
        WebhookBatches.of(w.audit()),
        CollectorRecords.verdicts(Replay.analyze(w.trace(), w.audit())),
        CollectorRecords.verdicts(Replay.analyze(w.trace())));
  }

  /**
   * Hands on the trace records and the audit batches in the order they would be sent: a batch
   * before the first record whose trace time is past the batch's sending time.
   */
  void inSendingOrder(Consumer<CollectorRecords.Rec> trace, Consumer<WebhookBatches.Batch> audit) {
    List<WebhookBatches.Batch> batches = this.audit.batches();
    int next = 0;
    for (CollectorRecords.Rec r : records) {
      long now = r.timestampMillis() * 1_000_000L;
      while (next < batches.size() && batches.get(next).sendNanos() <= now) {
        audit.accept(batches.get(next++));
      }
      trace.accept(r);
    }
    while (next < batches.size()) {
      audit.accept(batches.get(next++));
    }
  }
}
