package io.github.wakeupanalyze.ingest;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Re-encodes a message the way no serializer writes it but every protobuf parser must read it, to
 * the same content:
 *
 * <ul>
 *   <li>fields in random order (the elements of one repeated field keep theirs);
 *   <li>decoys: a singular scalar field written first with another value (or another member of its
 *       {@code oneof}), which the real one then overrides;
 *   <li>singular message fields split in two occurrences, which merge;
 *   <li>unknown fields anywhere, of every wire type: varints (up to 10 bytes), fixed64, fixed32,
 *       length-delimited, groups with fields nested in them, a repeated varint field unpacked (the
 *       number several times) and packed (one length-delimited run), field numbers up to 2^29 - 1;
 *   <li>known field numbers with another wire type than the schema's (unknown fields too).
 * </ul>
 *
 * <p>The OTLP trace schema has no repeated scalar fields, so packed and unpacked encodings occur
 * only as unknown fields. The resource of a ResourceSpans and the scope of a ScopeSpans are never
 * split nor given a decoy: a streaming decoder passes spans on before a later second occurrence
 * could change them (see {@link OtlpProtoDecoder}).
 */
final class WireScrambler {
  private static final Set<String> NOT_SPLIT =
      Set.of(
          "opentelemetry.proto.trace.v1.ResourceSpans.resource",
          "opentelemetry.proto.trace.v1.ScopeSpans.scope");

  private final SplittableRandom rnd;
  private final RandomTraces values;

  WireScrambler(long seed) {
    rnd = new SplittableRandom(seed);
    values = new RandomTraces(seed ^ 0x5DEECE66DL);
  }

  private boolean chance(double p) {
    return rnd.nextDouble() < p;
  }

  /** The message's bytes, scrambled. */
  byte[] scramble(Message m) {
    List<Deque<byte[]>> queues = new ArrayList<>();
    for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
      FieldDescriptor fd = e.getKey();
      Deque<byte[]> q = new ArrayDeque<>();
      if (fd.isRepeated()) {
        for (Object v : (List<?>) e.getValue()) {
          q.add(encode(fd, v, false));
        }
      } else {
        q.add(encode(fd, e.getValue(), true));
      }
      queues.add(q);
    }
    if (!m.getUnknownFields().asMap().isEmpty()) {
      queues.add(new ArrayDeque<>(List.of(m.getUnknownFields().toByteArray())));
    }
    int unknown = rnd.nextInt(3);
    for (int i = 0; i < unknown; i++) {
      queues.add(new ArrayDeque<>(List.of(unknownField(m.getDescriptorForType(), 0))));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (!queues.isEmpty()) {
      int i = rnd.nextInt(queues.size());
      out.writeBytes(queues.get(i).poll());
      if (queues.get(i).isEmpty()) {
        queues.remove(i);
      }
    }
    return out.toByteArray();
  }

  private byte[] encode(FieldDescriptor fd, Object value, boolean singular) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (singular && !NOT_SPLIT.contains(fd.getFullName()) && chance(0.2)) {
      out.writeBytes(decoy(fd));
    }
    if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      Message sub = (Message) value;
      if (singular && !NOT_SPLIT.contains(fd.getFullName()) && chance(0.3)) {
        Message[] parts = split(sub);
        out.writeBytes(RandomTraces.lengthDelimited(fd.getNumber(), scramble(parts[0])));
        out.writeBytes(RandomTraces.lengthDelimited(fd.getNumber(), scramble(parts[1])));
      } else {
        out.writeBytes(RandomTraces.lengthDelimited(fd.getNumber(), scramble(sub)));
      }
    } else {
      out.writeBytes(single(fd, value));
    }
    return out.toByteArray();
  }

  /**
   * Two messages that merge into {@code m}: each field in one of them, repeated ones cut in two.
   */
  private Message[] split(Message m) {
    Message.Builder a = m.newBuilderForType();
    Message.Builder b = m.newBuilderForType();
    for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
      FieldDescriptor fd = e.getKey();
      if (fd.isRepeated()) {
        List<?> all = (List<?>) e.getValue();
        int cut = rnd.nextInt(all.size() + 1);
        for (int i = 0; i < all.size(); i++) {
          (i < cut ? a : b).addRepeatedField(fd, all.get(i));
        }
      } else {
        (chance(0.5) ? a : b).setField(fd, e.getValue());
      }
    }
    return new Message[] {a.build(), b.build()};
  }

  /** An occurrence of the field (or of another member of its oneof) with some other value. */
  private byte[] decoy(FieldDescriptor fd) {
    OneofDescriptor oneof = fd.getRealContainingOneof();
    FieldDescriptor f = oneof == null ? fd : oneof.getField(rnd.nextInt(oneof.getFieldCount()));
    if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      return RandomTraces.lengthDelimited(f.getNumber(), new byte[0]);
    }
    Object v =
        switch (f.getJavaType()) {
          case STRING -> values.string(rnd.nextInt(1, 10));
          case BYTE_STRING -> values.bytes(rnd.nextInt(1, 18));
          case LONG -> rnd.nextLong() | 1;
          case INT -> rnd.nextInt() | 1;
          case BOOLEAN -> true;
          case DOUBLE -> rnd.nextDouble() + 1;
          case ENUM -> decoyEnum(f);
          default -> throw new IllegalStateException("no decoy for " + f);
        };
    return single(f, v);
  }

  private EnumValueDescriptor decoyEnum(FieldDescriptor f) {
    List<EnumValueDescriptor> vs = f.getEnumType().getValues();
    return vs.get(rnd.nextInt(1, vs.size()));
  }

  /** One scalar field alone, encoded as the schema says. */
  private static byte[] single(FieldDescriptor fd, Object value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      int n = fd.getNumber();
      switch (fd.getType()) {
        case STRING -> out.writeString(n, (String) value);
        case BYTES -> out.writeBytes(n, (ByteString) value);
        case INT64 -> out.writeInt64(n, (Long) value);
        case UINT64 -> out.writeUInt64(n, (Long) value);
        case FIXED64 -> out.writeFixed64(n, (Long) value);
        case SFIXED64 -> out.writeSFixed64(n, (Long) value);
        case INT32 -> out.writeInt32(n, (Integer) value);
        case UINT32 -> out.writeUInt32(n, (Integer) value);
        case FIXED32 -> out.writeFixed32(n, (Integer) value);
        case BOOL -> out.writeBool(n, (Boolean) value);
        case DOUBLE -> out.writeDouble(n, (Double) value);
        case ENUM -> out.writeEnum(n, ((EnumValueDescriptor) value).getNumber());
        default -> throw new IllegalStateException("not in the OTLP trace schema: " + fd);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A field the schema does not have here: an unused number, or a known one with another type. */
  private byte[] unknownField(Descriptor d, int depth) {
    int number;
    int expectedWireType = -1;
    if (d != null && !d.getFields().isEmpty() && chance(0.3)) {
      FieldDescriptor known = d.getFields().get(rnd.nextInt(d.getFields().size()));
      number = known.getNumber();
      expectedWireType = known.getLiteType().getWireType();
    } else {
      number = unusedNumber(d);
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      int kind;
      do {
        kind = rnd.nextInt(7);
      } while (wireTypeOf(kind) == expectedWireType);
      switch (kind) {
        case 0 -> out.writeUInt64(number, chance(0.5) ? rnd.nextLong() : rnd.nextInt(300));
        case 1 -> out.writeFixed64(number, rnd.nextLong());
        case 2 -> out.writeBytes(number, values.bytes(rnd.nextInt(30)));
        case 3 -> out.writeFixed32(number, rnd.nextInt());
        case 4 -> {
          out.writeTag(number, WireFormat.WIRETYPE_START_GROUP);
          int nested = depth < 3 ? rnd.nextInt(3) : 0;
          out.flush();
          for (int i = 0; i < nested; i++) {
            bytes.writeBytes(unknownField(null, depth + 1));
          }
          out.writeTag(number, WireFormat.WIRETYPE_END_GROUP);
        }
        case 5 -> {
          int n = rnd.nextInt(2, 5);
          for (int i = 0; i < n; i++) {
            out.writeUInt64(number, rnd.nextLong());
          }
        }
        default -> {
          ByteArrayOutputStream packed = new ByteArrayOutputStream();
          CodedOutputStream p = CodedOutputStream.newInstance(packed);
          int n = rnd.nextInt(1, 6);
          for (int i = 0; i < n; i++) {
            p.writeUInt64NoTag(rnd.nextLong());
          }
          p.flush();
          out.writeBytes(number, ByteString.copyFrom(packed.toByteArray()));
        }
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int wireTypeOf(int kind) {
    return switch (kind) {
      case 0, 5 -> WireFormat.WIRETYPE_VARINT;
      case 1 -> WireFormat.WIRETYPE_FIXED64;
      case 3 -> WireFormat.WIRETYPE_FIXED32;
      case 4 -> WireFormat.WIRETYPE_START_GROUP;
      default -> WireFormat.WIRETYPE_LENGTH_DELIMITED;
    };
  }

  private int unusedNumber(Descriptor d) {
    while (true) {
      int n =
          switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(1, 16);
            case 1 -> rnd.nextInt(17, 999);
            case 2 -> rnd.nextInt(1001, 18_999);
            default -> (1 << 29) - 1 - rnd.nextInt(1000);
          };
      if (d == null || d.findFieldByNumber(n) == null) {
        return n;
      }
    }
  }
}
