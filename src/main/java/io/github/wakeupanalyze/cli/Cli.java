package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.text.Names;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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
    String only = subcommandOf(args);
    CommandLine cl =
        only == null ? commandLine(out, err, stdin) : commandLine(out, err, stdin, only);
    return execute(cl, args, out, err);
  }

  /**
   * Runs {@code args} on a command line built by {@link #commandLine}, printing to the given
   * streams; a command line may run several times (picocli resets every option before parsing).
   */
  static int execute(CommandLine cl, String[] args, PrintWriter out, PrintWriter err) {
    PrintWriter safeErr = new PrintWriter(new TerminalSafeWriter(err), true);
    cl.setOut(out);
    cl.setErr(safeErr);
    try {
      return cl.execute(withDefaultSubcommand(cl, args));
    } catch (UnknownCommandException e) {
      safeErr.println("error: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (OutOfMemoryError e) { // the commands report their own; this is the last resort
      return ErrorHandler.outOfMemory(safeErr, null, null, false, e);
    } finally {
      safeErr.flush();
    }
  }

  /** The whole command line: the top command and every subcommand. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, InputStream stdin) {
    return configured(new CommandLine(new WakeupAnalyzeCommand(stdin)), out, err);
  }

  /**
   * A command line with one subcommand, {@code name}, under a top command that picocli does not
   * inspect: enough to run that subcommand, and the same to it (its parent's name and object).
   * picocli builds a command's model by reading every annotation of its options, converters and
   * mixins; for all eight commands that was about 40 ms of CPU of a small run's 1.2 s (paired runs,
   * docs/performance.md), spent before anything is read.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, InputStream stdin, String name) {
    CommandSpec top = CommandSpec.wrapWithoutInspection(new WakeupAnalyzeCommand(stdin));
    top.name(WakeupAnalyzeCommand.class.getAnnotation(Command.class).name());
    CommandLine cl = new CommandLine(top);
    cl.addSubcommand(name, newSubcommand(name));
    return configured(cl, out, err);
  }

  private static CommandLine configured(CommandLine cl, PrintWriter out, PrintWriter err) {
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // plain text: no ANSI colours in help or usage messages, whatever the terminal
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    return cl;
  }

  /**
   * Makes the command line what the user meant.
   *
   * <ul>
   *   <li>{@code analyze} is inserted unless the first argument names a subcommand or asks the top
   *       command for help or its version: {@code wakeup-analyze trace.json} is {@code
   *       wakeup-analyze analyze trace.json}.
   *   <li>Options may come before the subcommand: {@code wakeup-analyze -q compare a b} is {@code
   *       wakeup-analyze compare -q a b}. The leading arguments move behind the subcommand when
   *       each is an option of that subcommand (or the value such an option takes).
   * </ul>
   *
   * @throws UnknownCommandException when the first argument is a bare word (no dot, slash or
   *     leading dash) that is neither a subcommand nor an existing file or folder: {@code
   *     wakeup-analyze comapre a b} is a typo, not an input named "comapre"
   */
  static String[] withDefaultSubcommand(CommandLine cl, String[] args) {
    if (args.length == 0) {
      return args;
    }
    Map<String, CommandLine> subs = cl.getSubcommands();
    String first = args[0];
    if (subs.containsKey(first) || TOP_LEVEL_FLAGS.contains(first)) {
      return args;
    }
    int at = subcommandAfterOptions(subs, args);
    if (at > 0) {
      List<String> out = new ArrayList<>(args.length);
      out.add(args[at]);
      out.addAll(List.of(args).subList(0, at));
      out.addAll(List.of(args).subList(at + 1, args.length));
      return out.toArray(String[]::new);
    }
    if (looksLikeCommand(first) && !Files.exists(Path.of(first))) {
      throw new UnknownCommandException(first, closest(first, subs.keySet()));
    }
    List<String> out = new ArrayList<>(List.of(args));
    out.add(0, "analyze");
    return out.toArray(String[]::new);
  }

  private static final Set<String> TOP_LEVEL_FLAGS = Set.of("-h", "--help", "-V", "--version");

  /**
   * The subcommand {@code args} run when that is plain from the words alone: the first argument
   * names it, or is an input (then {@code analyze}); null when the whole command line is needed (no
   * arguments, help, the version, options before a subcommand, a word that may be a typo).
   */
  static String subcommandOf(String[] args) {
    if (args.length == 0 || TOP_LEVEL_FLAGS.contains(args[0])) {
      return null;
    }
    Set<String> names = subcommandNames();
    String first = args[0];
    if (names.contains(first)) {
      return first.equals("help") ? null : first;
    }
    for (String a : args) {
      if (names.contains(a)) {
        return null; // maybe options before a subcommand: withDefaultSubcommand decides
      }
    }
    if (looksLikeCommand(first) && !Files.exists(Path.of(first))) {
      return null; // a typo, reported with the list of commands
    }
    return "analyze";
  }

  /** The subcommand classes by name, as {@link WakeupAnalyzeCommand}'s annotation lists them. */
  private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (Class<?> c : WakeupAnalyzeCommand.class.getAnnotation(Command.class).subcommands()) {
      byName.put(c.getAnnotation(Command.class).name(), c);
    }
    return Collections.unmodifiableMap(byName);
  }

  /** The subcommands' names, in the annotation's order. */
  static Set<String> subcommandNames() {
    return SUBCOMMANDS.keySet();
  }

  private static Object newSubcommand(String name) {
    Class<?> c = SUBCOMMANDS.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no command named " + name);
    }
    try {
      return CommandLine.defaultFactory().create(c); // as picocli creates the whole tree's
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the " + name + " command", e);
    }
  }

  /**
   * The index of the first subcommand name preceded only by that subcommand's options and their
   * values, or -1.
   */
  private static int subcommandAfterOptions(Map<String, CommandLine> subs, String[] args) {
    for (int i = 1; i < args.length; i++) {
      CommandLine sub = subs.get(args[i]);
      if (sub != null && onlyOptionsOf(sub.getCommandSpec(), args, i)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean onlyOptionsOf(CommandSpec spec, String[] args, int end) {
    int i = 0;
    while (i < end) {
      String a = args[i];
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      OptionSpec o = a.startsWith("-") ? spec.findOption(name) : null;
      if (o == null) {
        return false;
      }
      boolean takesValue = o.arity().max() > 0 && !a.contains("=");
      i += takesValue ? 2 : 1;
    }
    return i == end;
  }

  /** A bare word such as {@code comapre}: letters, digits, '-' and '_', no leading dash. */
  private static boolean looksLikeCommand(String arg) {
    return arg.matches("[A-Za-z][A-Za-z0-9_-]*");
  }

  /** The subcommand within two edits (insert, delete, replace, swap) of the word, or null. */
  static String closest(String word, Set<String> names) {
    String best = null;
    int bestDistance = 3;
    for (String n : new TreeSet<>(names)) {
      int d = editDistance(word.toLowerCase(Locale.ROOT), n);
      if (d < bestDistance) {
        best = n;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Optimal string alignment distance (Damerau–Levenshtein without repeated edits). */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** The first argument is neither a command nor an input. */
  static final class UnknownCommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownCommandException(String word, String suggestion) {
      super(
          "unknown command \""
              + Names.printable(Names.abbreviate(word))
              + "\""
              + (suggestion == null ? "" : " (did you mean " + suggestion + "?)")
              + "; commands: "
              + String.join(", ", subcommandNames())
              + "; an input must be an existing file, a folder or -");
    }
  }
}
