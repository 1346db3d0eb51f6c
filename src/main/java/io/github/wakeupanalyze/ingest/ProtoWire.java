package io.github.wakeupanalyze.ingest;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.github.wakeupanalyze.ingest.core.InputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The protobuf wire format as {@link OtlpProtoDecoder} reads it: a {@link CodedInputStream} with
 * byte offsets past 2 GiB, lengths checked against the enclosing message before they are used,
 * unknown fields skipped, and the library's complaints turned into one line of ours (no advice
 * about its settings), naming the place from {@link ProtoLocation}.
 */
final class ProtoWire {
  /** The largest length of a message or field accepted, a little below 2 GiB. */
  static final long MAX_LENGTH = Integer.MAX_VALUE - (1 << 20);

  final CodedInputStream in;
  private final EndAwareStream stream;

  /** The size of an input held in memory, -1 for a stream. */
  private final long size;

  private final ProtoLocation loc;

  /** Bytes read before the last {@link CodedInputStream#resetSizeCounter()}. */
  private long base;

  /** The id read last by {@link #readId}: high and low 64 bits, big-endian as on the wire. */
  long idHigh;

  long idLow;

  private ProtoWire(CodedInputStream in, EndAwareStream stream, long size, ProtoLocation loc) {
    this.in = in;
    this.stream = stream;
    this.size = size;
    this.loc = loc;
    in.setSizeLimit(Integer.MAX_VALUE);
  }

  static ProtoWire over(InputStream input, ProtoLocation loc) {
    EndAwareStream stream = new EndAwareStream(input);
    return new ProtoWire(CodedInputStream.newInstance(stream, 1 << 16), stream, -1, loc);
  }

  /** Over the bytes between the buffer's position and limit, which are left unchanged. */
  static ProtoWire over(ByteBuffer bytes, ProtoLocation loc) {
    return new ProtoWire(
        CodedInputStream.newInstance(bytes.duplicate()), null, bytes.remaining(), loc);
  }

  /** Bytes read from the start of the input. */
  long offset() {
    return base + in.getTotalBytesRead();
  }

  /**
   * Restarts the library's int byte counter, so inputs past 2 GiB read on; only between top-level
   * fields, with no limit pushed.
   */
  void resetCounter() {
    base += in.getTotalBytesRead();
    in.resetSizeCounter();
  }

  /**
   * Reads the length of a length-delimited field and enters it.
   *
   * @return the limit to give back to {@link #leave}
   */
  int enter(int tag) throws IOException, InputException {
    return in.pushLimit(length(tag));
  }

  /** Leaves a length-delimited field whose fields have all been read. */
  void leave(int oldLimit) throws InputException {
    int left = in.getBytesUntilLimit();
    if (left > 0) {
      throw loc.error(
          "truncated protobuf: the input ends inside "
              + loc.where()
              + "; expected "
              + left
              + " more bytes");
    }
    in.popLimit(oldLimit);
  }

  /**
   * Reads the length of a length-delimited field and checks it against what is left of the
   * enclosing message, or of the input when its size is known.
   */
  int length(int tag) throws IOException, InputException {
    long at = offset();
    long n = in.readRawVarint64();
    boolean top = atTop();
    int left = in.getBytesUntilLimit();
    long room = !top ? left : size >= 0 ? size - offset() : MAX_LENGTH;
    if (n < 0 || n > room) {
      String claim =
          "field "
              + WireFormat.getTagFieldNumber(tag)
              + " at offset "
              + at
              + " claims "
              + Long.toUnsignedString(n)
              + " bytes";
      if (!top) {
        throw loc.error(
            "in " + loc.where() + ", " + claim + ": expected at most the " + left + " left of it");
      }
      if (size >= 0) {
        throw loc.error(
            "truncated protobuf: in "
                + loc.where()
                + ", "
                + claim
                + " but the input ends "
                + room
                + " bytes later");
      }
      throw loc.error("in " + loc.where() + ", " + claim + ": expected at most " + MAX_LENGTH);
    }
    return (int) n;
  }

  /** Skips a field this reader does not use, of any wire type. */
  void skip(int tag) throws IOException, InputException {
    switch (WireFormat.getTagWireType(tag)) {
      case WireFormat.WIRETYPE_LENGTH_DELIMITED -> in.skipRawBytes(length(tag));
      case WireFormat.WIRETYPE_END_GROUP ->
          throw loc.error(
              "unexpected end-group tag (field "
                  + WireFormat.getTagFieldNumber(tag)
                  + ") in "
                  + loc.where()
                  + ": expected a field");
      default -> in.skipField(tag);
    }
  }

  /**
   * Reads a trace id (16 bytes) or span id (8) into {@link #idHigh} and {@link #idLow}; an id of
   * another size is skipped and leaves both 0.
   *
   * @return its size in bytes, 0 when empty
   */
  int readId(int tag) throws IOException, InputException {
    int n = length(tag);
    idHigh = idLow = 0;
    if (n == 16) {
      idHigh = Long.reverseBytes(in.readRawLittleEndian64());
      idLow = Long.reverseBytes(in.readRawLittleEndian64());
    } else if (n == 8) {
      idLow = Long.reverseBytes(in.readRawLittleEndian64());
    } else {
      in.skipRawBytes(n);
    }
    return n;
  }

  /** The protobuf library's complaint as one line of ours, without its advice. */
  InputException translate(InvalidProtocolBufferException e) throws IOException {
    if (e.getCause() instanceof IOException io && !(io instanceof InvalidProtocolBufferException)) {
      throw io; // e.g. a gzip layer ending early: not a protobuf error
    }
    String m = String.valueOf(e.getMessage());
    String where = loc.where();
    String what;
    if (m.contains("ended unexpectedly")) {
      what =
          inputEnded()
              ? "truncated protobuf: the input ends inside " + where + "; expected the rest of it"
              : "a value runs past the end of " + where + ": expected it to fit in its length";
    } else if (m.contains("malformed varint")) {
      what = "malformed varint in " + where + ": expected at most 10 bytes";
    } else if (m.contains("invalid tag")) {
      what = "invalid tag (field number 0) in " + where + ": expected a field number from 1";
    } else if (m.contains("invalid wire type")) {
      what = "invalid wire type in " + where + ": expected 0 to 5";
    } else if (m.contains("levels of nesting")) {
      what = "groups nested too deep in " + where + ": expected at most 100 levels";
    } else if (m.contains("end-group tag")) {
      what = "mismatched end-group tag in " + where + ": expected the group's own field number";
    } else if (m.contains("negative size")) {
      what = "a length above 2 GiB in " + where;
    } else {
      int dot = m.indexOf('.');
      what = "invalid protobuf in " + where + ": " + (dot > 0 ? m.substring(0, dot) : m);
    }
    return loc.error(what);
  }

  /** Whether the decoder is between the top-level fields of a single message (no frame). */
  private boolean atTop() {
    return loc.level == ProtoLocation.Level.MESSAGE && loc.frame == 0;
  }

  /**
   * Whether the input itself has ended: the stream below returned its end, or (in memory, where
   * every length was checked against the size) the decoder is at the top level.
   */
  private boolean inputEnded() {
    return stream != null ? stream.ended : atTop();
  }

  /** Remembers whether the stream below has reached its end. */
  private static final class EndAwareStream extends FilterInputStream {
    boolean ended;

    EndAwareStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      ended |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      ended |= n < 0;
      return n;
    }
  }
}
