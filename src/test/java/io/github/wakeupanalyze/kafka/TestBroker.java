package io.github.wakeupanalyze.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One KRaft node (broker and controller in one) started in this JVM from the Apache Kafka jars, on
 * loopback with random ports and a temporary directory.
 */
final class TestBroker implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  TestBroker(Path dir) throws Exception {
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBaseDirectory(dir)
            .build();
    cluster =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "4")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "4")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("group.min.session.timeout.ms", "2000")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  String bootstrap() {
    return cluster.bootstrapServers();
  }

  void createTopics(int partitions, String... names) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    for (String n : names) {
      topics.add(new NewTopic(n, partitions, (short) 1));
    }
    try (Admin a = cluster.admin()) {
      a.createTopics(topics).all().get();
    }
  }

  /** Bytes on disk per topic (every partition's log), sorted by topic. */
  TreeMap<String, Long> topicSizes() throws Exception {
    TreeMap<String, Long> out = new TreeMap<>();
    try (Admin a = cluster.admin()) {
      var dirs = a.describeLogDirs(cluster.brokers().keySet()).allDescriptions().get();
      for (var byDir : dirs.values()) {
        for (var d : byDir.values()) {
          for (Map.Entry<org.apache.kafka.common.TopicPartition, ReplicaInfo> e :
              d.replicaInfos().entrySet()) {
            out.merge(e.getKey().topic(), e.getValue().size(), Long::sum);
          }
        }
      }
    }
    return out;
  }

  KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A read-committed consumer of {@code topic} from its start. */
  KafkaConsumer<String, String> consumer(String topic, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, String> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    c.subscribe(List.of(topic));
    return c;
  }

  /** What an output consumer saw: latest value per key, first arrival per key, records. */
  static final class Seen {
    final TreeMap<String, String> latest = new TreeMap<>();
    final List<Long> latenciesMillis = new ArrayList<>();
    long records;
    long lastChangeMillis = System.currentTimeMillis();

    void add(ConsumerRecord<String, String> r, long nowMillis) {
      records++;
      String before = latest.put(r.key(), r.value());
      if (before == null) {
        latenciesMillis.add(nowMillis - r.timestamp());
      }
      if (!r.value().equals(before)) {
        lastChangeMillis = nowMillis;
      }
    }
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
