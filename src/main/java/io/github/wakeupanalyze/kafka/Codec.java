package io.github.wakeupanalyze.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON for what the application keeps in its stores and repartition topic ({@link Item}, {@link
 * HeldSpan}): the model's records as Jackson maps them, so nothing is mapped by hand. Internal:
 * both ends are this application, of one version.
 */
final class Codec {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Codec() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(byte[] bytes, Class<T> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A serde of {@code type} as JSON. */
  static <T> Serde<T> serde(Class<T> type) {
    Serializer<T> ser = (topic, v) -> v == null ? null : write(v);
    Deserializer<T> de = (topic, b) -> b == null ? null : read(b, type);
    return Serdes.serdeFrom(ser, de);
  }
}
