package io.github.wakeupanalyze.text;

/**
 * CSV cells (RFC 4180) for every file the tool writes.
 *
 * <p>Text cells are quoted when they hold a comma, a double quote, CR or LF. A text cell that a
 * spreadsheet would run as a formula (it begins with {@code =}, {@code +}, {@code -}, {@code @},
 * tab or CR) is prefixed with a single quote, as OWASP's "CSV Injection" page recommends, so a name
 * taken from a trace is shown, never evaluated. Numbers go through {@link #number}, which is never
 * neutralized, so {@code -1.5} stays a number. A cell longer than {@value Names#MAX_NAME}
 * characters is {@linkplain Names#shorten shortened}, so a file never grows with the length of a
 * name.
 */
public final class Csv {
  private Csv() {}

  /** Appends a text cell, neutralized and quoted as needed. */
  public static StringBuilder text(StringBuilder sb, String cell) {
    if (cell == null || cell.isEmpty()) {
      return sb;
    }
    String v = Names.printableText(Names.shorten(cell));
    boolean formula = isFormulaStart(v.charAt(0));
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      return formula ? sb.append('\'').append(v) : sb.append(v);
    }
    sb.append('"');
    if (formula) {
      sb.append('\'');
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    return sb.append('"');
  }

  /** A text cell as a string. */
  public static String text(String v) {
    return text(new StringBuilder(), v).toString();
  }

  /** Appends a number cell as written by the caller (never neutralized). */
  public static StringBuilder number(StringBuilder sb, String v) {
    return sb.append(v);
  }

  private static boolean isFormulaStart(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }
}
