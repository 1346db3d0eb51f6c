package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.model.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming decoder gives exactly the spans of the reference decoder ({@link TreeProtoDecoder}:
 * the generated opentelemetry-proto parser builds the tree, getters turn it into spans), on every
 * protobuf fixture and on seeded random messages, as serializers write them and scrambled ({@link
 * WireScrambler}: fields in any order, decoys, merged halves, unknown fields of every wire type,
 * known numbers with the wrong wire type), from memory, from a stream handed over in small pieces,
 * and as length-prefixed files.
 */
class OtlpProtoDecoderAgreementTest {
  private static final String SOURCE = "random.pb";
  private static final int MESSAGES = 300;

  /** One seeded random message, as serializers write it and scrambled. */
  private static final class Case {
    final long seed;
    final TracesData data;
    final byte[] plain;
    final byte[] scrambled;

    Case(long seed) {
      this.seed = seed;
      data = new RandomTraces(seed).tracesData();
      plain = data.toByteArray();
      scrambled = new WireScrambler(seed).scramble(data);
    }
  }

  private static List<Case> cases;

  @BeforeAll
  static void makeCases() {
    cases = new ArrayList<>();
    for (long seed = 0; seed < MESSAGES; seed++) {
      cases.add(new Case(seed));
    }
  }

  private static List<Span> streamed(byte[] bytes) throws InputException {
    List<Span> out = new ArrayList<>();
    long n = OtlpProtoDecoder.decode(bytes, SOURCE, out::add);
    assertEquals(out.size(), n, "the returned count is the number of spans delivered");
    return out;
  }

  private static void assertAgree(byte[] bytes, String what) throws Exception {
    assertEquals(TreeProtoDecoder.decode(bytes, SOURCE), streamed(bytes), what);
  }

  @Test
  void randomMessages_asSerializersWriteThem_agree() throws Exception {
    long spans = 0;
    for (Case c : cases) {
      assertAgree(c.plain, "seed " + c.seed);
      spans += streamed(c.plain).size();
    }
    assertTrue(spans > 1_500, "the messages hold spans to compare: " + spans);
  }

  @Test
  void randomMessages_scrambled_agree() throws Exception {
    for (Case c : cases) {
      assertAgree(c.scrambled, "seed " + c.seed);
    }
  }

  @Test
  void scrambling_changesTheBytes_butNotWhatTheReferenceReads() throws Exception {
    int changed = 0;
    for (Case c : cases) {
      if (!Arrays.equals(c.plain, c.scrambled)) {
        changed++;
      }
      assertEquals(
          TreeProtoDecoder.decode(c.plain, SOURCE),
          TreeProtoDecoder.decode(c.scrambled, SOURCE),
          "seed " + c.seed);
    }
    assertTrue(changed > MESSAGES * 9 / 10, "scrambled " + changed + " of " + MESSAGES);
  }

  @Test
  void randomMessages_fromAStreamInSmallPieces_agree() throws Exception {
    for (Case c : cases) {
      List<Span> out = new ArrayList<>();
      OtlpProtoDecoder.decode(new Trickle(c.scrambled, c.seed), SOURCE, out::add);
      assertEquals(TreeProtoDecoder.decode(c.scrambled, SOURCE), out, "seed " + c.seed);
    }
  }

  @Test
  void messageInABufferSlice_readsOnlyTheSlice_andLeavesTheBufferAlone() throws Exception {
    byte[] bytes = new RandomTraces(7).tracesData().toByteArray();
    byte[] padded = new byte[bytes.length + 20];
    System.arraycopy(bytes, 0, padded, 10, bytes.length);
    Arrays.fill(padded, 0, 10, (byte) 0xff);
    Arrays.fill(padded, 10 + bytes.length, padded.length, (byte) 0xff);
    ByteBuffer slice = ByteBuffer.wrap(padded, 10, bytes.length);
    List<Span> out = new ArrayList<>();
    OtlpProtoDecoder.decode(slice, SOURCE, out::add);
    assertEquals(TreeProtoDecoder.decode(bytes, SOURCE), out);
    assertEquals(10, slice.position());
    assertEquals(10 + bytes.length, slice.limit());
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    List<Span> fromDirect = new ArrayList<>();
    OtlpProtoDecoder.decode(direct, SOURCE, fromDirect::add);
    assertEquals(out, fromDirect);
  }

  @Test
  void randomLengthPrefixedFiles_agree() throws Exception {
    SplittableRandom rnd = new SplittableRandom(1);
    for (long seed = 0; seed < MESSAGES / 3; seed++) {
      List<TracesData> frames = new ArrayList<>();
      List<byte[]> encoded = new ArrayList<>();
      TracesData first =
          TracesData.newBuilder().addResourceSpans(new RandomTraces(seed).resourceSpans()).build();
      frames.add(first);
      encoded.add(first.toByteArray()); // the first one plain, as the sniffer must see it
      int more = rnd.nextInt(4);
      for (int i = 0; i < more; i++) {
        Case c = cases.get(rnd.nextInt(cases.size()));
        frames.add(c.data);
        encoded.add(c.scrambled);
      }
      byte[] file = RandomTraces.lengthPrefixed(encoded.toArray(new byte[0][]));
      List<Span> out = new ArrayList<>();
      new OtlpProtoReader().read(new Trickle(file, seed), SOURCE, out::add);
      assertEquals(TreeProtoDecoder.decode(frames, SOURCE), out, "seed " + seed);
    }
  }

  static Stream<String> protobufFixtures() throws IOException {
    List<String> names = new ArrayList<>();
    for (String f : List.of("trace.pb", "trace.framed.pb")) {
      names.add(SameTraceFiles.FOLDER.resolve(f).toString());
    }
    Path fixtures = FixturesConformanceTest.FIXTURES;
    if (Files.isDirectory(fixtures)) {
      try (Stream<Path> walk = Files.walk(fixtures)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> Collected.read(p).report().format() == TraceFormat.OTLP_PROTO)
            .sorted()
            .forEach(p -> names.add(p.toString()));
      }
    } else {
      names.add("(../shared/fixtures is absent)");
    }
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protobufFixtures")
  void everyProtobufFixture_agrees(String name) throws Exception {
    assumeTrue(
        !name.startsWith("("),
        "../shared/fixtures is absent (expected beside the checkout): fixtures not compared");
    byte[] bytes = Files.readAllBytes(Path.of(name));
    List<Span> expected;
    List<Span> actual = new ArrayList<>();
    if (OtlpProtoReader.framing(bytes, bytes.length) == OtlpProtoReader.Framing.SINGLE) {
      expected = TreeProtoDecoder.decode(bytes, SOURCE);
    } else {
      expected = TreeProtoDecoder.decode(frames(bytes), SOURCE);
    }
    new OtlpProtoReader().read(new ByteArrayInputStream(bytes), SOURCE, actual::add);
    assertNotEquals(List.of(), expected, name + " has spans");
    assertEquals(expected, actual, name);
  }

  private static List<TracesData> frames(byte[] file) throws IOException {
    List<TracesData> frames = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(file);
    while (b.hasRemaining()) {
      byte[] frame = new byte[b.getInt()];
      b.get(frame);
      frames.add(TracesData.parseFrom(frame));
    }
    return frames;
  }

  /** Hands its bytes over a few at a time (1 to 13 per read), as a slow network would. */
  static final class Trickle extends InputStream {
    private final byte[] bytes;
    private final SplittableRandom rnd;
    private int at;

    Trickle(byte[] bytes, long seed) {
      this.bytes = bytes;
      this.rnd = new SplittableRandom(seed);
    }

    @Override
    public int read() {
      return at < bytes.length ? bytes[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (at >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + rnd.nextInt(13)), bytes.length - at);
      System.arraycopy(bytes, at, b, off, n);
      at += n;
      return n;
    }
  }
}
