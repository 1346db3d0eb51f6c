package io.github.wakeupanalyze.ingest;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.SpanSink;
import io.github.wakeupanalyze.ingest.core.TraceReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streaming reader for OTLP protobuf: one {@code TracesData} / {@code ExportTraceServiceRequest}
 * message (both have {@code repeated ResourceSpans resource_spans = 1}), or the Collector file
 * exporter's {@code format: proto}, where each such message is preceded by its length as 4 bytes
 * big-endian. Which of the two is decided from the first bytes ({@link #framing}).
 *
 * <p>The messages themselves are decoded by {@link OtlpProtoDecoder}, span by span, so memory stays
 * bounded by one span, not by the message or the file. A length (of a frame or a field) larger than
 * what follows is not allocated up front: reading stops at the end of the input with a "truncated"
 * error. Errors name the byte offset, the message (for length-prefixed input) and the element.
 */
final class OtlpProtoReader implements TraceReader {
  /** How the messages of a protobuf input are delimited. */
  enum Framing {
    /** One message, no length prefix. */
    SINGLE,
    /** Each message preceded by a 4-byte big-endian length (Collector file exporter). */
    LENGTH_PREFIXED
  }

  /**
   * Tells from the first bytes whether they look like OTLP protobuf, and how it is delimited.
   *
   * <p>A single message starts with the tag of field 1 ({@code 0a}), a varint length, and then the
   * tag of a ResourceSpans field ({@code 0a} resource, {@code 12} scope_spans, {@code 1a}
   * schema_url, {@code c2 3e} the old field 1000). A length-prefixed message starts with 4 bytes of
   * length and then the same. When both readings fit (possible only for a first frame of 160 MiB or
   * more) the single message wins.
   *
   * @return null when neither fits
   */
  static Framing framing(byte[] b, int n) {
    if (plausibleMessage(b, 0, n)) {
      return Framing.SINGLE;
    }
    if (n >= 5) {
      long len =
          ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
      if (len >= 2 && plausibleMessage(b, 4, n)) {
        return Framing.LENGTH_PREFIXED;
      }
    }
    return null;
  }

  private static boolean plausibleMessage(byte[] b, int at, int n) {
    if (at >= n || b[at] != 0x0a) {
      return false;
    }
    int i = at + 1;
    long len = 0;
    int shift = 0;
    while (true) {
      if (i >= n || shift > 28) {
        return false;
      }
      int x = b[i++] & 0xff;
      len |= (long) (x & 0x7f) << shift;
      shift += 7;
      if ((x & 0x80) == 0) {
        break;
      }
    }
    if (len == 0) {
      return true;
    }
    if (i >= n) {
      return false;
    }
    int tag = b[i] & 0xff;
    return tag == 0x0a
        || tag == 0x12
        || tag == 0x1a
        || (tag == 0xc2 && i + 1 < n && (b[i + 1] & 0xff) == 0x3e);
  }

  @Override
  public void read(InputStream input, String file, SpanSink sink)
      throws IOException, InputException {
    BufferedInputStream in =
        input instanceof BufferedInputStream bis ? bis : new BufferedInputStream(input, 1 << 16);
    in.mark(64);
    byte[] head = in.readNBytes(64);
    in.reset();
    if (head.length == 0) {
      throw new InputException(file, "", "empty input: expected an OTLP protobuf message");
    }
    Framing framing = framing(head, head.length);
    if (framing == null) {
      throw new InputException(
          file,
          InputException.offset(0),
          "expected OTLP protobuf (a TracesData message starting 0a, or 4-byte big-endian "
              + "lengths each followed by one), found "
              + FormatSniffer.describeBytes(head));
    }
    OtlpProtoDecoder decoder = OtlpProtoDecoder.overStream(in, file, sink);
    if (framing == Framing.SINGLE) {
      decoder.readMessage();
    } else {
      readLengthPrefixed(decoder);
    }
  }

  /** Reads messages each preceded by its length as 4 bytes big-endian, to the end of the input. */
  private static void readLengthPrefixed(OtlpProtoDecoder decoder)
      throws IOException, InputException {
    ProtoWire wire = decoder.wire();
    ProtoLocation loc = decoder.location();
    CodedInputStream cis = wire.in;
    try {
      while (!cis.isAtEnd()) {
        loc.frame++;
        loc.level = ProtoLocation.Level.MESSAGE;
        long at = wire.offset();
        loc.fieldAt = at;
        long len = 0;
        for (int i = 0; i < 4; i++) {
          if (cis.isAtEnd()) {
            throw loc.error(
                "truncated length prefix of message #"
                    + loc.frame
                    + ": expected 4 bytes, found "
                    + i);
          }
          len = (len << 8) | (cis.readRawByte() & 0xff);
        }
        if (len > ProtoWire.MAX_LENGTH) {
          throw loc.error(
              "length prefix of message #"
                  + loc.frame
                  + " claims "
                  + len
                  + " bytes: expected at most "
                  + ProtoWire.MAX_LENGTH
                  + " (is this really a length-prefixed OTLP protobuf file?)");
        }
        int old = cis.pushLimit((int) len);
        decoder.readFramedMessage();
        int left = cis.getBytesUntilLimit();
        if (left > 0) {
          throw loc.error(
              at,
              "truncated protobuf: message #"
                  + loc.frame
                  + " claims "
                  + len
                  + " bytes but the input ends "
                  + left
                  + " bytes early");
        }
        cis.popLimit(old);
        wire.resetCounter();
      }
    } catch (InvalidProtocolBufferException e) {
      throw wire.translate(e);
    }
  }
}
