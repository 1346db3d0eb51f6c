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
}
