package io.github.wakeupanalyze.cli;

/**
 * The exit codes, a contract with scripts and CI jobs; listed in {@code --help} and in the README.
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** {@code compare}: the candidate regressed past a {@code --fail-on} threshold. */
  public static final int REGRESSION = 1;

  /**
   * Bad command line, including an output folder that cannot be used ({@code --out} is a file, lies
   * under a file, cannot be written, or another run is writing there); checked before any input is
   * read.
   */
  public static final int USAGE = 2;

  /** An input could not be read or is not a valid trace (other inputs were still analyzed). */
  public static final int INVALID_INPUT = 3;

  /**
   * A bug, or out of memory (the line says how to give the JVM more); please report a bug, with
   * {@code --verbose} output.
   */
  public static final int INTERNAL = 4;

  /**
   * A file could not be written while the run was writing its output (disk full, an I/O error, a
   * symbolic link where the tool expects a file or folder): the line names the file and the reason;
   * the output folder has no {@code summary.json}.
   */
  public static final int OUTPUT = 5;

  /** The {@code exitCodeList} lines of {@code --help} that every command shares, after its own. */
  static final String HELP_USAGE =
      "2:usage error: a bad option or argument, or an --out folder that cannot be used "
          + "(a file, unwritable, or another run is writing there)";

  static final String HELP_INTERNAL =
      "4:internal error (run with --verbose and report it), or out of memory (the line says how "
          + "to give Java more)";

  static final String HELP_OUTPUT =
      "5:an output file could not be written (disk full, I/O error); no summary.json then";

  static final String HELP_OUTPUT_FIGURES =
      "5:an output file could not be written (disk full, I/O error); no headline.tex then";

  static final String HELP_OUTPUT_COMPARE =
      "5:an output file could not be written (disk full, I/O error); no compare.json then";

  private ExitCodes() {}
}
