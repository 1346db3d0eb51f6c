package io.github.wakeupanalyze.compare;

/** A side of a comparison that cannot be read: the message is one line naming the file. */
public final class CompareInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public CompareInputException(String message) {
    super(message);
  }

  public CompareInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
