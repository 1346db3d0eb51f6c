package io.github.wakeupanalyze.ingest.core;

/**
 * A trace input that cannot be read: the message is one line, {@code FILE:LINE:COL: what was
 * expected} for text, {@code FILE: offset N: ...} for binary input (N counted in decompressed
 * bytes, or {@code offset N (compressed)} when the compression itself is broken), {@code FILE: ...}
 * when no place applies. Built by this one class so that every error reads alike.
 */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String detail;

  public InputException(String file, String where, String message, Throwable cause) {
    super(file + joined(where) + ": " + oneLine(message), cause);
    this.file = file;
    this.detail = oneLine(message);
  }

  public InputException(String file, String where, String message) {
    this(file, where, message, null);
  }

  /** {@code :12:5} for a line and column, {@code : offset 42} for a byte offset. */
  private static String joined(String where) {
    if (where == null || where.isEmpty()) {
      return "";
    }
    return Character.isDigit(where.charAt(0)) ? ":" + where : ": " + where;
  }

  /** Where the error was found, as {@code LINE:COL}. */
  public static String lineColumn(long line, long column) {
    return line + ":" + column;
  }

  /** Where the error was found in a binary file. */
  public static String offset(long offset) {
    return "offset " + offset;
  }

  public String file() {
    return file;
  }

  /** What was wrong, without the file and the place. */
  public String detail() {
    return detail;
  }

  /**
   * {@code s} on one line of at most 300 characters, for an error message: {@code "bad\n token"}
   * becomes {@code "bad token"}; {@code null} becomes {@code "unknown error"}.
   */
  public static String oneLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String t = s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    return t.length() > 300 ? t.substring(0, 297) + "..." : t;
  }
}
