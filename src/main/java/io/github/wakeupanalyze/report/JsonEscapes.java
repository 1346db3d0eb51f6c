package io.github.wakeupanalyze.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * JSON escapes for files people also read in a terminal: besides what JSON requires (quote,
 * backslash, U+0000–U+001F), DEL and the C1 controls (U+007F–U+009F) are written as a backslash,
 * {@code u} and four hex digits, so {@code cat summary.json} cannot drive a terminal whatever a
 * name from a trace holds. The JSON means the same; only the spelling differs. This is Jackson's
 * own extension point ({@code JsonGenerator.setCharacterEscapes}); Jackson's built-in option,
 * {@code ESCAPE_NON_ASCII}, would escape every non-ASCII letter of a name too.
 */
public final class JsonEscapes extends CharacterEscapes {
  private static final long serialVersionUID = 1L;

  /** Shared: the escapes hold no state that changes. */
  public static final JsonEscapes INSTANCE = new JsonEscapes();

  private final int[] ascii;

  private JsonEscapes() {
    ascii = standardAsciiEscapesForJSON();
    ascii[0x7f] = ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii.clone();
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    return ch >= 0x80 && ch <= 0x9f
        ? new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch))
        : null;
  }
}
