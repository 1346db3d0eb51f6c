package io.github.wakeupanalyze.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A task revived after an aborted transaction (Kafka Streams re-initialises the same processor on
 * the committed store): the verdicts sent in the aborted transaction were never committed, so the
 * stage sends them again.
 */
class StageRestartTest {
  private static final long S = 1_000_000_000L;

  private static long verdictsSent(MockProcessorContext<String, ControllerStage.Output> ctx) {
    return ctx.forwarded().stream().filter(f -> !f.record().value().controller()).count();
  }

  @Test
  void controllerStage_initialisedAgainOnTheCommittedStore_sendsItsVerdictsAgain() {
    MockProcessorContext<String, ControllerStage.Output> ctx = new MockProcessorContext<>();
    KeyValueStore<String, byte[]> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ControllerStage.STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    store.init(ctx.getStateStoreContext(), store);
    ctx.addStateStore(store);
    StreamSettings settings =
        new StreamSettings(
            LiveSettings.defaults(3600 * S),
            "otlp_spans",
            Encoding.OTLP_PROTO,
            "wakeup.",
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    ControllerStage stage = new ControllerStage(settings);
    stage.init(ctx);
    for (int i = 0; i < 3; i++) {
      long start = 1_700_000_000L * S + i * 30 * S;
      Reconcile r =
          new Reconcile(
              new StreamKey("op", "ctl", "obj"),
              0,
              7,
              i + 1,
              start,
              start + S / 10,
              false,
              null,
              ApiCalls.NONE,
              0);
      stage.process(new Record<>(Routing.key(r.key()), Item.of(start + S, 0, r), 0));
    }
    stage.pass();
    assertEquals(3, verdictsSent(ctx));

    ctx.resetForwards();
    stage.init(ctx);
    stage.pass();

    assertEquals(3, verdictsSent(ctx), "the verdicts of the aborted transaction, sent again");
  }
}
