package io.github.wakeupanalyze.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The application's topology:
 *
 * <pre>
 * otlp_spans ─▶ trace-stage (stores held-spans,  ─▶ by-controller repartition topic
 *   (partitioned by trace)   released-spans)            key operator␟controller␟object,
 *                            decode, hold, extract,     partition by controller, evidence to all
 *                            rejoin late spans
 *            ─▶ controller-stage (store object-windows) ─▶ wakeup.reconciles, wakeup.controllers
 *                 windows per object, engine per controller
 * </pre>
 *
 * The stores are persistent (RocksDB under {@code state.dir}) with a changelog topic each: what
 * they hold is bounded by the grace period (held spans) and the window (released spans, reconciles
 * and evidence); a task that moves restores it from the changelog, and one restarted after a clean
 * stop reads only what its checkpoint lacks.
 */
public final class WakeupTopology {
  private WakeupTopology() {}

  public static Topology build(StreamSettings settings) {
    StreamsBuilder b = new StreamsBuilder();
    b.addStateStore(TraceStage.storeBuilder());
    b.addStateStore(TraceStage.releasedStoreBuilder());
    b.addStateStore(ControllerStage.storeBuilder());
    Repartitioned<String, Item> byController =
        Repartitioned.<String, Item>as("by-controller")
            .withKeySerde(Serdes.String())
            .withValueSerde(Codec.serde(Item.class))
            .withStreamPartitioner(Routing.partitioner());
    b.stream(
            settings.auditTopic() == null
                ? List.of(settings.inputTopic())
                : List.of(settings.inputTopic(), settings.auditTopic()),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("otlp-records"))
        .process(
            () -> new TraceStage(settings),
            Named.as("trace-stage"),
            TraceStage.STORE,
            ReleasedTraces.STORE)
        .repartition(byController)
        .process(
            () -> new ControllerStage(settings),
            Named.as("controller-stage"),
            ControllerStage.STORE)
        .to(
            (k, v, ctx) ->
                v.controller() ? settings.controllersTopic() : settings.reconcilesTopic(),
            Produced.with(Serdes.String(), outputSerde()).withName("outputs"));
    return b.build();
  }

  /**
   * The Streams configuration: exactly-once (v2), then {@code extra} (a properties file, flags)
   * over it.
   */
  public static Properties config(String applicationId, String bootstrapServers, Properties extra) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.putAll(extra);
    return p;
  }

  private static Serde<ControllerStage.Output> outputSerde() {
    Serializer<ControllerStage.Output> ser =
        (topic, v) -> v == null ? null : v.json().getBytes(StandardCharsets.UTF_8);
    Deserializer<ControllerStage.Output> de =
        (topic, b) ->
            b == null
                ? null
                : new ControllerStage.Output(false, new String(b, StandardCharsets.UTF_8));
    return Serdes.serdeFrom(ser, de);
  }
}
