package io.github.wakeupanalyze.cli;

import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: {@code wakeup-analyze [analyze] [OPTIONS] INPUT...}. */
@Command(
    name = "wakeup-analyze",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Finds out why Kubernetes operators wake up: reads trace exports, finds the reconciles "
          + "and the timers behind them, and classifies every reconcile as event- or timer-driven.",
      "",
      "analyze is the default command: 'wakeup-analyze trace.json' runs "
          + "'wakeup-analyze analyze trace.json'."
    },
    synopsisSubcommandLabel = "[COMMAND]",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:compare: the candidate regressed past a --fail-on threshold",
      ExitCodes.HELP_USAGE,
      "3:an input is unreadable or not a valid trace (the others are still analyzed)",
      ExitCodes.HELP_INTERNAL,
      ExitCodes.HELP_OUTPUT
    },
    subcommands = {
      AnalyzeCommand.class,
      CompareCommand.class,
      SimulateCommand.class,
      FiguresCommand.class,
      SourcesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class WakeupAnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  final InputStream stdin;

  WakeupAnalyzeCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  /** For picocli's generators of the shell completion script and the man pages. */
  public WakeupAnalyzeCommand() {
    this(System.in);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
