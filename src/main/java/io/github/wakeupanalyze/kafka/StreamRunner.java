package io.github.wakeupanalyze.kafka;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * One application instance: the topology on {@link KafkaStreams}, with one line on {@code log} per
 * state change (with how long a rebalance took) and per restored store partition (records and
 * time), and a graceful close: the current transaction is committed, the group left.
 */
public final class StreamRunner implements AutoCloseable {
  private final KafkaStreams streams;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile long rebalanceStartMillis = -1;

  public StreamRunner(StreamSettings settings, Properties config, PrintWriter log) {
    this.streams = new KafkaStreams(WakeupTopology.build(settings), config);
    streams.setStateListener(
        (now, before) -> {
          long t = System.currentTimeMillis();
          String took = "";
          if (now == KafkaStreams.State.REBALANCING) {
            rebalanceStartMillis = t;
          } else if (now == KafkaStreams.State.RUNNING && rebalanceStartMillis >= 0) {
            took =
                String.format(
                    Locale.ROOT,
                    " (rebalance and restore took %.2f s)",
                    (t - rebalanceStartMillis) / 1e3);
            rebalanceStartMillis = -1;
          }
          log.println("stream: " + before + " -> " + now + took + tasks(now));
          log.flush();
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
    streams.setUncaughtExceptionHandler(
        e -> {
          log.println("stream: failed: " + e);
          log.flush();
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.setGlobalStateRestoreListener(
        new StateRestoreListener() {
          private final java.util.Map<TopicPartition, Long> started =
              new java.util.concurrent.ConcurrentHashMap<>();

          @Override
          public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
            started.put(tp, System.currentTimeMillis());
          }

          @Override
          public void onBatchRestored(TopicPartition tp, String store, long offset, long n) {}

          @Override
          public void onRestoreEnd(TopicPartition tp, String store, long total) {
            Long s = started.remove(tp);
            long ms = s == null ? 0 : System.currentTimeMillis() - s;
            log.println(
                String.format(
                    Locale.ROOT,
                    "stream: restored %s partition %d: %d records in %.2f s",
                    store,
                    tp.partition(),
                    total,
                    ms / 1e3));
            log.flush();
          }
        });
  }

  /** The tasks this instance runs, once it runs: e.g. {@code ; active [0_1, 1_1], standby []}. */
  private String tasks(KafkaStreams.State now) {
    if (now != KafkaStreams.State.RUNNING) {
      return "";
    }
    java.util.TreeSet<String> active = new java.util.TreeSet<>();
    java.util.TreeSet<String> standby = new java.util.TreeSet<>();
    for (var t : streams.metadataForLocalThreads()) {
      t.activeTasks().forEach(m -> active.add(m.taskId().toString()));
      t.standbyTasks().forEach(m -> standby.add(m.taskId().toString()));
    }
    return "; active " + active + ", standby " + standby;
  }

  /** Starts the threads; returns at once. */
  public void start() {
    streams.start();
  }

  /** The running instance, for interactive queries and state. */
  public KafkaStreams streams() {
    return streams;
  }

  /** Blocks until the instance stops (closed, or failed). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Graceful close: commits, leaves the group, waits at most 30 s. */
  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    stopped.countDown();
  }
}
