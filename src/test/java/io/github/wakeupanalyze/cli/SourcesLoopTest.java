package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole loop, per framework: a scenario carries the operator's source; {@code simulate} writes
 * the trace and the source; {@code analyze --sources} finds the timer in the trace and matches it
 * to the line of the source that sets it, in the terminal table, summary.json and the HTML report.
 */
class SourcesLoopTest {
  @TempDir Path tmp;

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Cli.execute(
            args,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new ByteArrayInputStream(new byte[0]));
    assertEquals(0, exit, String.join(" ", args) + ": " + err);
    return out.toString();
  }

  /** The 1-based line of the first line containing {@code marker}. */
  private static int lineOf(Path file, String marker) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError(marker + " not in " + file);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "controller-runtime, controllers/cart.go, 5, delay and controller",
    "kube-rs, src/controller.rs, 30, delay and controller",
    // the Java agent's @WithSpan scope names no reconciler; extraction takes the class of
    // code.namespace, lower-cased as the SDK names the controller, which the scanner knows too
    "java-operator-sdk, src/main/java/io/example/WebPageReconciler.java, 10, delay and controller"
  })
  void simulatedTrace_timerFound_matchedToTheLineThatSetsIt(
      String scenario, String file, double delay, String basis) throws IOException {
    Path scenarioFile = Path.of("src/test/resources/sources-loop", scenario + ".yaml");
    run("simulate", scenarioFile.toString(), "--out", tmp.toString(), "--name", scenario);
    Path src = tmp.resolve(scenario + ".src");
    int line = lineOf(src.resolve(file), "// requeue");
    Path out = tmp.resolve("out");
    String table =
        run(
            "analyze",
            tmp.resolve(scenario + ".otlp.json").toString(),
            "--sources",
            src.toString(),
            "--out",
            out.toString(),
            "--quiet");

    String place = file.substring(file.lastIndexOf('/') + 1) + ":" + line;
    assertTrue(table.contains(place), "the terminal table (long paths cut at the front): " + table);
    JsonNode timer =
        new ObjectMapper()
            .readTree(out.resolve("summary.json").toFile())
            .at("/operators/0/controllers/0/timers/0");
    assertEquals(delay, timer.get("delay_s").asDouble(), delay * 0.05);
    assertEquals(basis, timer.get("call_site_match").asText());
    JsonNode site = timer.at("/call_sites/0");
    assertEquals(file, site.get("file").asText());
    assertEquals(line, site.get("line").asInt());
    assertEquals(delay, site.get("delay_s").asDouble());
    assertEquals(1, timer.get("call_sites").size(), "only the line that sets this delay");
    Path html;
    try (var ops = Files.list(out.resolve("operators"))) {
      html = ops.findFirst().orElseThrow().resolve("report.html");
    }
    String page = Files.readString(html);
    assertTrue(page.contains("Call sites behind the timers"), "section in the HTML report");
    assertTrue(page.contains(file + ":" + line), "the site in the HTML report");
  }
}
