package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.extract.SpanLimitError;
import io.github.wakeupanalyze.report.OutputException;
import io.github.wakeupanalyze.report.OutputFolder;
import io.github.wakeupanalyze.text.Names;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The lines a run ends with when it fails, each one line on standard error, built here so they read
 * alike:
 *
 * <ul>
 *   <li>any exception a command did not handle is a bug: {@code wakeup-analyze: internal error:
 *       ...}, exit 4, the stack trace only with {@code --verbose};
 *   <li>out of memory: {@code wakeup-analyze: out of memory while STAGE (N MB heap): ...; give Java
 *       more memory, e.g. ...}, exit 4, saying what was left behind;
 *   <li>an output folder that cannot be used: {@code error: --out DIR: reason}, exit 2;
 *   <li>a file that cannot be written: {@code error: cannot write FILE: reason; ...}, exit 5.
 * </ul>
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    boolean verbose = verbose(parseResult);
    cl.getErr()
        .println(
            "wakeup-analyze: internal error: "
                + Names.printableLine(ex.toString())
                + (verbose ? "" : " (run with --verbose for details)"));
    if (verbose) {
      ex.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    return ExitCodes.INTERNAL;
  }

  static boolean verbose(CommandLine.ParseResult parseResult) {
    return parseResult != null
        && (parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
            || parseResult.hasMatchedOption("--verbose"));
  }

  /**
   * The out-of-memory line; exit {@link ExitCodes#INTERNAL}.
   *
   * @param stage what the run was doing, e.g. {@code writing the reports}, or null
   * @param out the output folder, or null when none was opened
   * @param verbose also print the stack trace of {@code e}
   */
  static int outOfMemory(
      PrintWriter err, String stage, OutputFolder out, boolean verbose, OutOfMemoryError e) {
    StringBuilder sb = new StringBuilder("wakeup-analyze: out of memory");
    if (stage != null) {
      sb.append(" while ").append(stage);
    }
    sb.append(" (").append(Runtime.getRuntime().maxMemory() >> 20).append(" MB heap");
    if (e instanceof SpanLimitError) {
      sb.append(": ").append(e.getMessage()); // which limit bound, and where
    }
    sb.append(')');
    if (out != null) {
      sb.append(": ").append(incomplete(out));
    }
    sb.append(
        "; give Java more memory, e.g. WAKEUP_ANALYZE_JAVA_OPTS=-Xmx4g scripts/wakeup-analyze ..."
            + " or java -Xmx4g -jar wakeup-analyze.jar ...");
    err.println(sb);
    if (verbose && e != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /** {@code --out} cannot be used: one line, exit {@link ExitCodes#USAGE}. */
  static int unusable(PrintWriter err, OutputException e) {
    err.println("error: --out " + Names.printableLine(e.getMessage()));
    err.flush();
    return ExitCodes.USAGE;
  }

  /** A file could not be written: one line, exit {@link ExitCodes#OUTPUT}. */
  static int cannotWrite(PrintWriter err, OutputException e, OutputFolder out) {
    err.println(
        "error: cannot write " + Names.printableLine(e.getMessage()) + "; " + incomplete(out));
    err.flush();
    return ExitCodes.OUTPUT;
  }

  /**
   * What a failed run left in its folder: {@code the output under DIR is partial: 7 complete files,
   * no summary.json}.
   */
  static String incomplete(OutputFolder out) {
    int n = out.written().size();
    return "the output under "
        + Names.printableLine(out.dir().toString())
        + " is partial: "
        + (n == 0 ? "nothing was written" : n + (n == 1 ? " complete file" : " complete files"))
        + ", no "
        + out.marker();
  }
}
