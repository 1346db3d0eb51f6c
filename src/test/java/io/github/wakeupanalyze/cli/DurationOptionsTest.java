package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every duration option of every command reads the same grammar and fails the same way. */
class DurationOptionsTest {
  private static CommandLine commandLine() {
    return Cli.commandLine(
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        InputStream.nullInputStream());
  }

  /** Exit code and standard error of one in-process run. */
  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    int exit =
        Cli.execute(
            args,
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            InputStream.nullInputStream());
    return new Run(exit, err.toString());
  }

  @Test
  void converter_readsUnitsAndSums_asTheDurationsGrammarSays() {
    DurationConverter c = new DurationConverter();
    assertEquals(Duration.ofSeconds(90), c.convert("1m30s"));
    assertEquals(Duration.ofMillis(150), c.convert("150ms"));
    assertEquals(Duration.ofHours(2), c.convert("2h"));
    assertEquals(Duration.ofDays(1), c.convert("1d"));
  }

  @Test
  void everyDurationOption_ofEveryCommand_usesTheOneConverter() {
    List<String> durationOptions = new ArrayList<>();
    List<CommandLine> commands = new ArrayList<>(List.of(commandLine()));
    for (int i = 0; i < commands.size(); i++) {
      CommandLine cl = commands.get(i);
      commands.addAll(cl.getSubcommands().values());
      for (OptionSpec o : cl.getCommandSpec().options()) {
        boolean duration =
            o.type() == Duration.class || List.of(o.auxiliaryTypes()).contains(Duration.class);
        boolean labelled = o.paramLabel().equals("DURATION");
        if (duration || labelled) {
          String name = cl.getCommandName() + " " + o.longestName();
          durationOptions.add(name);
          assertTrue(duration, name + " is labelled DURATION but is not a Duration");
          assertTrue(
              o.converters().length == 1 && o.converters()[0] instanceof DurationConverter,
              name + " parses with DurationConverter");
        }
      }
    }
    assertTrue(
        durationOptions.containsAll(
            List.of(
                "compare --unload-after",
                "simulate --duration",
                "serve --window",
                "serve --grace",
                "stream --window",
                "stream --grace")),
        durationOptions.toString());
  }

  @Test
  void aBadValue_isAUsageError_whoseFirstLineNamesTheOptionAndTheExpectedForm() {
    List<String[]> calls =
        List.of(
            new String[] {"serve", "--window", "10"},
            new String[] {"stream", "--grace", "10"},
            new String[] {"simulate", "x.yaml", "--duration", "10"},
            new String[] {"compare", "a.json", "b.json", "--unload-after", "1s,10"});
    for (String[] args : calls) {
      Run r = run(args);
      String option = args[args.length - 2];
      assertEquals(ExitCodes.USAGE, r.exit(), String.join(" ", args) + ": " + r.err());
      // picocli names a list option's element by its label: "option '--unload-after' (T)"
      String first = r.err().lines().findFirst().orElse("");
      assertTrue(
          first.matches(
              "Invalid value for option '"
                  + option
                  + "'( \\(T\\))?: expected a duration like 5s, 150ms or 1m30s, found \"10\""),
          String.join(" ", args) + ": " + first);
    }
  }

  @Test
  void aBadValue_neverEchoesControlBytes() {
    Run r = run("serve", "--window", "1\u001b[2Jm");
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertFalse(r.err().contains("\u001b"), r.err());
  }
}
