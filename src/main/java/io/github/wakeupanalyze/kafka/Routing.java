package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.model.StreamKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * How the controller stage's input is keyed and partitioned. The key names the object ({@code
 * operator␟controller␟object}), the partition is chosen by its controller: the engine's first and
 * last steps are cross-object (the timers pooled over a controller's objects, its worker's busy
 * blocks, resync bursts), so a controller's objects share a task, while each object keeps its own
 * window in the store. Evidence (writes by other clients, span links) goes to every partition,
 * since any controller may reconcile the object written.
 */
final class Routing {
  /** The key of evidence, which every partition receives. */
  static final String EVERY_PARTITION = "";

  static final char SEP = '\u001f';

  private Routing() {}

  /** The key of a stream: operator, controller and object separated by U+001F. */
  static String key(StreamKey k) {
    return k.operator() + SEP + k.controller() + SEP + k.object();
  }

  static StreamKey streamKey(String key) {
    int a = key.indexOf(SEP);
    int b = key.indexOf(SEP, a + 1);
    return new StreamKey(key.substring(0, a), key.substring(a + 1, b), key.substring(b + 1));
  }

  /** The partition of a controller's objects among {@code n}: murmur2 of operator␟controller. */
  static int partition(String operator, String controller, int n) {
    byte[] b = (operator + SEP + controller).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(b)) % n;
  }

  /** The repartition topic's partitioner. */
  static StreamPartitioner<String, Item> partitioner() {
    return (topic, key, value, n) -> {
      if (key == null || key.isEmpty()) {
        return Optional.of(IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableSet()));
      }
      StreamKey k = streamKey(key);
      return Optional.of(Set.of(partition(k.operator(), k.controller(), n)));
    };
  }
}
