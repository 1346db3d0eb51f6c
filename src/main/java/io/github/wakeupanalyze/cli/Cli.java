package io.github.wakeupanalyze.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Builds the command line and runs it; {@code analyze} is the default subcommand. */
public final class Cli {
  private Cli() {}

  /** Runs with the process's standard streams. */
  public static int execute(String[] args) {
    return execute(
        args,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        System.in);
  }

  /** Runs in-process with the given streams; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, InputStream stdin) {
    PrintWriter safeErr = new PrintWriter(new TerminalSafeWriter(err), true);
    CommandLine cl = commandLine(out, safeErr, stdin);
    try {
      return cl.execute(withDefaultSubcommand(cl, args));
    } catch (OutOfMemoryError e) { // the commands report their own; this is the last resort
      return ErrorHandler.outOfMemory(safeErr, null, null, false, e);
    } finally {
      safeErr.flush();
    }
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, InputStream stdin) {
    CommandLine cl = new CommandLine(new WakeupAnalyzeCommand(stdin));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // plain text: no ANSI colours in help or usage messages, whatever the terminal
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    return cl;
  }

  /**
   * Inserts {@code analyze} unless the first argument names a subcommand or asks the top command
   * for help or its version: {@code wakeup-analyze trace.json} is {@code wakeup-analyze analyze
   * trace.json}.
   */
  static String[] withDefaultSubcommand(CommandLine cl, String[] args) {
    if (args.length > 0) {
      String first = args[0];
      if (cl.getSubcommands().containsKey(first)
          || first.equals("-h")
          || first.equals("--help")
          || first.equals("-V")
          || first.equals("--version")) {
        return args;
      }
    }
    if (args.length == 0) {
      return args;
    }
    List<String> out = new ArrayList<>(List.of(args));
    out.add(0, "analyze");
    return out.toArray(String[]::new);
  }
}
