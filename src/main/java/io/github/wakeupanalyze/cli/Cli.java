package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.extract.SpanLimitError;
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
    CommandLine cl = commandLine(out, err, stdin);
    try {
      return cl.execute(withDefaultSubcommand(cl, args));
    } catch (OutOfMemoryError e) {
      err.println(
          "wakeup-analyze: out of memory ("
              + Runtime.getRuntime().maxMemory() / (1 << 20)
              + " MB heap"
              + (e instanceof SpanLimitError ? ": " + e.getMessage() : "")
              + "); give the JVM more, e.g. WAKEUP_ANALYZE_JAVA_OPTS=-Xmx4g "
              + "scripts/wakeup-analyze ... or java -Xmx4g -jar wakeup-analyze.jar ...");
      err.flush();
      return ExitCodes.INTERNAL;
    }
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, InputStream stdin) {
    CommandLine cl = new CommandLine(new WakeupAnalyzeCommand(stdin));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
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
