package io.github.wakeupanalyze.cli;

import picocli.CommandLine;

/**
 * Any exception a command did not handle is a bug: one line on standard error and exit code 4; the
 * stack trace only with {@code --verbose}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    boolean verbose =
        parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
            || parseResult.hasMatchedOption("--verbose");
    cl.getErr()
        .println(
            "wakeup-analyze: internal error: "
                + ex
                + (verbose ? "" : " (run with --verbose for details)"));
    if (verbose) {
      ex.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    return ExitCodes.INTERNAL;
  }
}
