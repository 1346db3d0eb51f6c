package io.github.wakeupanalyze.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.SpanSink;
import io.github.wakeupanalyze.ingest.core.Synthetic;
import io.github.wakeupanalyze.ingest.core.TraceReader;
import io.github.wakeupanalyze.model.Ids;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.io.InputStream;

/**
 * What the streaming JSON readers share: the parser factory and its limits, the loop over root
 * values (one document, JSON Lines, or any concatenation), id parsing straight from the parser's
 * characters, and errors that name line and column.
 *
 * <p>Limits: nesting deeper than {@value #MAX_NESTING} levels is rejected by Jackson's {@link
 * StreamReadConstraints} before any deep structure is built, so a document nested thousands deep
 * gets one line, not a {@code StackOverflowError}; strings are capped by Jackson's default (20 M
 * characters).
 */
abstract class JsonReaderBase implements TraceReader {
  static final int MAX_NESTING = 200;

  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
          .build();

  /** Jackson's reference to a location in its messages, shortened to "line L, column C". */
  private static final java.util.regex.Pattern SOURCE_REF =
      java.util.regex.Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");

  String file;
  SpanSink sink;
  final Span.Builder builder = Span.builder();

  /** Set by {@link #readId}: the id just read, high and low 64 bits. */
  long idHigh;

  long idLow;

  /**
   * What the format's root value is, for the error on an empty input, e.g. "an OTLP JSON object".
   */
  abstract String expectedRoot();

  /** Reads one root value; the parser is on its first token. */
  abstract void readRoot(JsonParser p, JsonToken t) throws IOException, InputException;

  @Override
  public void read(InputStream in, String file, SpanSink sink) throws IOException, InputException {
    this.file = file;
    this.sink = sink;
    readRoots(FACTORY.createParser(in));
  }

  /**
   * Reads every root value {@code p} gives, then closes it (not its source); Jackson's errors
   * become one line with their place. A reader whose input may also be YAML hands in a YAML parser,
   * which gives each document as a root value.
   */
  final void readRoots(JsonParser p) throws IOException, InputException {
    p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    try {
      JsonToken t;
      boolean any = false;
      while ((t = p.nextToken()) != null) {
        readRoot(p, t);
        any = true;
      }
      if (!any) {
        throw new InputException(file, "", "empty input: expected " + expectedRoot());
      }
    } catch (JsonProcessingException e) {
      throw jsonError(file, e, p.currentLocation());
    } finally {
      p.close();
    }
  }

  /**
   * Converts Jackson's exception into one line with its location, or {@code fallback} when it has
   * none (a broken limit, such as the nesting depth, carries no location).
   */
  static InputException jsonError(String file, JsonProcessingException e, JsonLocation fallback) {
    JsonLocation loc = e.getLocation() != null ? e.getLocation() : fallback;
    String where = loc == null ? "" : InputException.lineColumn(loc.getLineNr(), loc.getColumnNr());
    String msg = e.getOriginalMessage();
    if (msg == null) {
      msg = e.getClass().getSimpleName();
    }
    msg = SOURCE_REF.matcher(msg).replaceAll("line $1, column $2");
    if (msg.contains("end-of-input")) {
      msg = "truncated JSON: " + msg;
    } else if (msg.contains("nesting depth")) {
      msg = "JSON nested deeper than " + MAX_NESTING + " levels: expected a trace export";
    } else if (e instanceof com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException) {
      msg = "not valid YAML: " + msg;
    } else if (msg.contains("Invalid UTF-8")
        || msg.contains("Unexpected character")
        || msg.contains("Unrecognized token")) {
      msg = "not valid JSON: " + msg;
    }
    return new InputException(file, where, msg, e);
  }

  final InputException error(JsonParser p, String message) {
    JsonLocation loc = p.currentTokenLocation();
    return new InputException(
        file, InputException.lineColumn(loc.getLineNr(), loc.getColumnNr()), message);
  }

  final InputException error(JsonLocation loc, String message) {
    return new InputException(
        file, InputException.lineColumn(loc.getLineNr(), loc.getColumnNr()), message);
  }

  /**
   * Builds the span, turning the builder's complaint into an error at {@code start}. A span without
   * a span id (the empty string means unset) gets {@link #syntheticId} of its position, so that it
   * is still counted, once.
   */
  final Span build(JsonLocation start) throws InputException {
    if (builder.spanId() == 0) {
      builder.spanId(
          syntheticId(
              file, start.getCharOffset() >= 0 ? start.getCharOffset() : start.getByteOffset()));
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw error(start, e.getMessage());
    }
  }

  /**
   * The span id given to a span that has none: a hash of the file name and the span's position in
   * it, so re-reading the same file gives the same id. No other span can name it as parent.
   */
  static long syntheticId(String file, long position) {
    return Synthetic.mix(Synthetic.hash(file) ^ (position * 0x9E3779B97F4A7C15L));
  }

  /**
   * Reads an id (hex of any case, or base64 of 8 or 16 bytes) into {@link #idHigh}/{@link #idLow},
   * parsing hex straight from the parser's buffer without making a string.
   *
   * @param bytes the id length the format promises: 16 for trace ids, 8 for span ids
   * @return false when the id is unset (null or the empty string)
   */
  final boolean readId(JsonParser p, JsonToken t, int bytes) throws IOException, InputException {
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw error(p, "expected an id string, found " + describe(p));
    }
    char[] buf = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    if (len == 0) {
      return false;
    }
    if (len <= 2 * bytes) {
      long hi = 0;
      long lo = 0;
      int loStart = Math.max(0, len - 16);
      int i = 0;
      for (; i < len; i++) {
        int d = hexDigit(buf[off + i]);
        if (d < 0) {
          break;
        }
        if (i < loStart) {
          hi = (hi << 4) | d;
        } else {
          lo = (lo << 4) | d;
        }
      }
      if (i == len) {
        idHigh = hi;
        idLow = lo;
        return true;
      }
    }
    try {
      long[] id = Ids.parse(p.getText(), bytes);
      idHigh = id[0];
      idLow = id[1];
      return true;
    } catch (IllegalArgumentException e) {
      throw error(p, e.getMessage());
    }
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * A count of microseconds (a number or a string of digits) as nanoseconds.
   *
   * @param what "a start time" or "a duration", for the error
   */
  final long micros(JsonParser p, JsonToken t, String what) throws IOException, InputException {
    long v;
    if (t == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType nt = p.getNumberType();
      if (nt != JsonParser.NumberType.INT && nt != JsonParser.NumberType.LONG) {
        throw error(
            p,
            what
                + " out of range: expected microseconds below 2^63, found "
                + Names.abbreviate(p.getText()));
      }
      v = p.getLongValue();
    } else if (t == JsonToken.VALUE_STRING) {
      try {
        v = Long.parseLong(p.getText().trim());
      } catch (NumberFormatException e) {
        throw error(p, "expected " + what + " in microseconds as an integer, found " + describe(p));
      }
    } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      if (!(d >= 0 && d < 9.2e15)) {
        throw error(
            p,
            what
                + " out of range: expected microseconds in [0, 9.2e15), found "
                + Names.abbreviate(p.getText()));
      }
      return Math.round(d * 1000.0);
    } else {
      throw error(p, "expected " + what + " in microseconds, found " + describe(p));
    }
    if (v < 0) {
      throw error(p, "expected " + what + " of zero or more microseconds, found " + v);
    }
    if (v > Long.MAX_VALUE / 1000) {
      throw error(p, what + " out of range: " + v + " microseconds is beyond the year 2262");
    }
    return v * 1000;
  }

  /** The text of a scalar value (string, number, boolean), or null for null and structures. */
  static String scalarText(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    return p.getText();
  }

  static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "the string \"" + Names.abbreviate(p.getText()) + "\"";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + Names.abbreviate(p.getText());
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case END_OBJECT -> "the end of an object";
      case END_ARRAY -> "the end of an array";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  /** The OTLP span kind for a kind name as Jaeger tags and Zipkin write it, or -1. */
  static int kindFromName(String name) {
    if (name == null) {
      return -1;
    }
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "unspecified", "span_kind_unspecified" -> 0;
      case "internal", "span_kind_internal" -> 1;
      case "server", "span_kind_server" -> 2;
      case "client", "span_kind_client" -> 3;
      case "producer", "span_kind_producer" -> 4;
      case "consumer", "span_kind_consumer" -> 5;
      default -> -1;
    };
  }

  /**
   * Applies a tag that an OTLP-to-Jaeger or OTLP-to-Zipkin translation made out of a span field
   * ({@code span.kind}, {@code otel.scope.name}, {@code otel.status_code}, ...) back to the field.
   *
   * @param errorTagAnyValue Zipkin: an {@code error} tag means error whatever its value; Jaeger:
   *     only when true
   * @return true when the tag was such a field and must not become an attribute
   */
  final boolean applyTranslatedTag(String key, String value, boolean errorTagAnyValue) {
    switch (key) {
      case "span.kind" -> {
        int k = kindFromName(value);
        if (k < 0) {
          return false;
        }
        builder.kind(k);
        return true;
      }
      case "otel.scope.name", "otel.library.name" -> {
        builder.scope(value);
        return true;
      }
      case "otel.scope.version",
          "otel.library.version",
          "otel.status_description",
          "internal.span.format" -> {
        return true;
      }
      case "otel.status_code" -> {
        if (value != null && value.equalsIgnoreCase("ERROR")) {
          builder.error(true);
        }
        return true;
      }
      case "error" -> {
        if (errorTagAnyValue || "true".equalsIgnoreCase(value)) {
          builder.error(true);
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }
}
