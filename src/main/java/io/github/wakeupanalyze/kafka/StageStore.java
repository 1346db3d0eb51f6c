package io.github.wakeupanalyze.kafka;

import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The layout both stages give their state store: values as JSON ({@link Codec}) under string keys,
 * plus one entry under {@link #WATERMARK} holding the stage's watermark (nanoseconds of trace time,
 * e.g. {@code 1700000000000000000}). Persistent (RocksDB) and, through its changelog topic,
 * restored on whichever instance runs the task next.
 */
final class StageStore {
  /** The key of the watermark entry; sorts after every object and trace key. */
  static final String WATERMARK = "~watermark";

  private StageStore() {}

  /** A persistent store of this layout named {@code name}. */
  static StoreBuilder<KeyValueStore<String, byte[]>> builder(String name) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
  }

  /**
   * Hands every entry but the watermark to {@code each}, decoded as {@code type}, in key order, and
   * returns the watermark (the highest, when the store spans several partitions), or {@link
   * Long#MIN_VALUE} when none is stored yet.
   */
  static <T> long readAll(
      ReadOnlyKeyValueStore<String, byte[]> store, Class<T> type, BiConsumer<String, T> each) {
    long watermark = Long.MIN_VALUE;
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if (kv.key.equals(WATERMARK)) {
          watermark = Math.max(watermark, Codec.read(kv.value, Long.class));
        } else {
          each.accept(kv.key, Codec.read(kv.value, type));
        }
      }
    }
    return watermark;
  }
}
