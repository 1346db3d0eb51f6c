package io.github.wakeupanalyze.simulate;

/** A scenario file that cannot be read or is invalid; the message names the file and the key. */
public final class ScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  ScenarioException(String message) {
    super(message);
  }

  ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
