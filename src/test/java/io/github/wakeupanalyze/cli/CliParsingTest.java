package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user types is what they meant: options anywhere, typos caught, never read as inputs. */
class CliParsingTest {
  @TempDir Path dir;

  private static String[] rewrite(String... args) {
    CommandLine cl =
        Cli.commandLine(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            InputStream.nullInputStream());
    return Cli.withDefaultSubcommand(cl, args);
  }

  @Test
  void everyCommand_acceptsTheVerboseOptionThatAnInternalErrorNames() {
    CommandLine cl =
        Cli.commandLine(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            InputStream.nullInputStream());
    assertFalse(cl.getSubcommands().isEmpty());
    for (var e : cl.getSubcommands().entrySet()) {
      if (e.getValue().getCommand() instanceof CommandLine.HelpCommand) {
        continue; // prints help, runs nothing that could fail
      }
      assertTrue(
          e.getValue().getCommandSpec().findOption("--verbose") != null,
          e.getKey() + " has no --verbose, which its internal-error line tells the user to add");
    }
  }

  @Test
  void optionsBeforeTheSubcommand_moveBehindIt() {
    assertArrayEquals(
        new String[] {"compare", "-q", "a.json", "b.json", "--fail-on", "new-timer"},
        rewrite("-q", "compare", "a.json", "b.json", "--fail-on", "new-timer"));
    assertArrayEquals(
        new String[] {"compare", "--fail-on", "new-timer", "-q", "a", "b"},
        rewrite("--fail-on", "new-timer", "-q", "compare", "a", "b"));
    assertArrayEquals(
        new String[] {"figures", "--out=f", "t.json"}, rewrite("--out=f", "figures", "t.json"));
  }

  @Test
  void anOptionValueNamedLikeACommand_staysAValue() {
    assertArrayEquals(
        new String[] {"analyze", "--out", "compare", "t.json"},
        rewrite("--out", "compare", "t.json"));
  }

  @Test
  void inputsAndOptionsWithoutACommand_goToAnalyze() {
    assertArrayEquals(new String[] {"analyze", "-q", "t.json"}, rewrite("-q", "t.json"));
    assertArrayEquals(new String[] {"analyze", "missing.json"}, rewrite("missing.json"));
    assertArrayEquals(new String[] {"analyze", "-"}, rewrite("-"));
    assertArrayEquals(new String[] {"compare", "a", "b"}, rewrite("compare", "a", "b"));
  }

  @Test
  void mistypedCommand_isAUsageError_withASuggestion_andNothingIsWritten() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path reports = dir.resolve("reports");
    int exit =
        Cli.execute(
            new String[] {"comapre", "a.json", "b.json", "--out", reports.toString()},
            new PrintWriter(out),
            new PrintWriter(err),
            InputStream.nullInputStream());
    assertEquals(ExitCodes.USAGE, exit);
    assertTrue(
        err.toString().startsWith("error: unknown command \"comapre\" (did you mean compare?)"),
        err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertFalse(Files.exists(reports));
  }

  @Test
  void aBareWordThatIsAnExistingFolder_isAnInput() {
    // the tests run in the repository root, which has a folder named "docs"
    assertTrue(Files.isDirectory(Path.of("docs")));
    assertArrayEquals(new String[] {"analyze", "docs"}, rewrite("docs"));
  }

  @Test
  void closest_withinTwoEdits_orNothing() {
    Set<String> names = Set.of("analyze", "compare", "simulate", "figures", "help");
    assertEquals("compare", Cli.closest("comapre", names));
    assertEquals("analyze", Cli.closest("analyse", names));
    assertEquals("figures", Cli.closest("figure", names));
    assertNull(Cli.closest("frobnicate", names));
    assertEquals(1, Cli.editDistance("ab", "ba"));
    assertEquals(3, Cli.editDistance("kitten", "sitting"));
  }

  @Test
  void theSubcommandToBuild_isTakenFromTheWordsAlone_onlyWhenThatIsPlain() {
    assertEquals("analyze", Cli.subcommandOf(new String[] {"t.json"}));
    assertEquals("analyze", Cli.subcommandOf(new String[] {"-q", "t.json", "--out", "r"}));
    assertEquals("analyze", Cli.subcommandOf(new String[] {"-"}));
    assertEquals("analyze", Cli.subcommandOf(new String[] {"docs"})); // an existing folder
    assertEquals("compare", Cli.subcommandOf(new String[] {"compare", "a", "b"}));
    assertEquals("serve", Cli.subcommandOf(new String[] {"serve"}));
    // the whole command line: help and version, no words, options before a command, typos
    assertNull(Cli.subcommandOf(new String[] {}));
    assertNull(Cli.subcommandOf(new String[] {"--help"}));
    assertNull(Cli.subcommandOf(new String[] {"-V"}));
    assertNull(Cli.subcommandOf(new String[] {"help", "analyze"}));
    assertNull(Cli.subcommandOf(new String[] {"-q", "compare", "a", "b"}));
    assertNull(Cli.subcommandOf(new String[] {"--out", "compare", "t.json"}));
    assertNull(Cli.subcommandOf(new String[] {"comapre", "a", "b"}));
  }

  /** Exit code, standard output and standard error of one run on the given command line. */
  private record Outcome(int exit, String out, String err) {}

  private static Outcome run(boolean whole, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    InputStream in = InputStream.nullInputStream();
    CommandLine cl =
        whole ? Cli.commandLine(o, e, in) : Cli.commandLine(o, e, in, Cli.subcommandOf(args));
    int exit = Cli.execute(cl, args, o, e);
    o.flush();
    e.flush();
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void aCommandBuiltAlone_helpsAndFailsExactlyAsInTheWholeCommandLine() {
    Set<String> names = Cli.subcommandNames();
    assertEquals(
        Set.of("analyze", "compare", "simulate", "figures", "sources", "serve", "stream", "help"),
        names);
    for (String name : names) {
      if (name.equals("help")) {
        continue;
      }
      for (String[] args :
          new String[][] {
            {name, "--help"}, {name, "--no-such-option"}, {name, "--quiet", "--quiet", "--x=1"}
          }) {
        Outcome alone = run(false, args);
        Outcome whole = run(true, args);
        String what = String.join(" ", args);
        assertEquals(whole, alone, what);
        assertTrue(alone.out().contains("wakeup-analyze " + name) || alone.exit() != 0, what);
      }
    }
    // the default command, as a user types it
    assertEquals(run(true, "missing.json", "--bogus"), run(false, "missing.json", "--bogus"));
  }

  @Test
  void aCommandBuiltAlone_runsWithItsParentsInput() {
    // analyze reads standard input through its parent command: built alone it still does
    StringWriter err = new StringWriter();
    int exit =
        Cli.execute(
            new String[] {"-", "--out", dir.resolve("r").toString(), "--quiet"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            new java.io.ByteArrayInputStream(
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(exit == ExitCodes.OK || exit == ExitCodes.INVALID_INPUT, err.toString());
    assertFalse(err.toString().contains("NullPointerException"), err.toString());
  }
}
