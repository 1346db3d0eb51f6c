package io.github.wakeupanalyze.cli;

/** The exit codes, a contract with scripts and CI jobs; listed in {@code --help} and README. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** {@code compare}: the candidate regressed past a {@code --fail-on} threshold. */
  public static final int REGRESSION = 1;

  /** Bad command line. */
  public static final int USAGE = 2;

  /** An input could not be read or is not a valid trace (other inputs were still analyzed). */
  public static final int INVALID_INPUT = 3;

  /** A bug: please report it, with {@code --verbose} output. */
  public static final int INTERNAL = 4;

  private ExitCodes() {}
}
