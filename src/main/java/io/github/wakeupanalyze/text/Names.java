package io.github.wakeupanalyze.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** Makes names read from traces safe as file names, in terminals and in Markdown. */
public final class Names {
  private static final int MAX_SLUG = 60;

  private Names() {}

  /**
   * A file-name-safe slug: lower-case {@code [a-z0-9._-]}, other runs become {@code -}, never
   * {@code .} or {@code ..}, at most 60 characters. When the slug differs from the name, an
   * 8-hex-digit hash of the name is appended so that distinct names never share a slug. Example:
   * {@code psmdb-operator} stays, {@code <script>} becomes {@code script-6d1bd4f2}.
   */
  public static String slug(String name) {
    StringBuilder sb = new StringBuilder();
    boolean dash = false;
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      if (ok) {
        sb.append(c);
        dash = false;
      } else if (!dash && sb.length() > 0) {
        sb.append('-');
        dash = true;
      }
    }
    String s = sb.toString();
    while (s.startsWith(".") || s.startsWith("-")) {
      s = s.substring(1);
    }
    while (s.endsWith("-") || s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.length() > MAX_SLUG) {
      s = s.substring(0, MAX_SLUG);
    }
    if (!s.equals(name)) {
      s = (s.isEmpty() ? "x" : s) + "-" + hash8(name);
    }
    return s;
  }

  /**
   * A name shortened for an error message or a label: at most 40 characters, {@code ...} marking a
   * cut.
   */
  public static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** The first 8 hex digits of the name's SHA-256: a short, stable tag for a name. */
  public static String hash8(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return String.format(Locale.ROOT, "%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** For a terminal: control characters (escape sequences included) become {@code ?}. */
  public static String printable(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return sb.toString();
  }

  /**
   * For Markdown text and table cells: backslash-escapes the characters Markdown or a table would
   * read ({@code \ ` * _ { } [ ] < > # + ! | ~}), so a name is shown, never rendered as markup or
   * HTML; control characters become {@code ?}.
   */
  public static String markdown(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("\\`*_{}[]<>#+!|~".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else if (Character.isISOControl(c)) {
        sb.append('?');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * For inside a Markdown code span, where backslash escapes are shown literally: backticks become
   * {@code '}, pipes (which would end a table cell) {@code ¦}, control characters {@code ?}.
   */
  public static String code(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c == '`' ? '\'' : c == '|' ? '¦' : Character.isISOControl(c) ? '?' : c);
    }
    return sb.toString();
  }
}
