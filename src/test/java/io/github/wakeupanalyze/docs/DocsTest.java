package io.github.wakeupanalyze.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation stays true: every relative link resolves, the code cites only documents that
 * exist in the repository, and the sample outputs shown are what the tool prints today ({@code
 * scripts/regen-docs} rewrites them).
 */
class DocsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern DOC_CITATION = Pattern.compile("docs/[A-Za-z0-9_-]+\\.md");

  /**
   * The research notes kept beside the repository, outside it: users do not have them, so nothing
   * here may cite them. Spelled in parts, so this list is not itself such a citation.
   */
  private static final List<String> OUTSIDE_DOCS =
      List.of("ANALYSIS", "STYLE", "SAMPLING", "LOGS").stream().map(n -> n + ".md").toList();

  @Test
  void relativeLinks_resolveToFilesAndHeadings() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path doc : documents()) {
      String text = Files.readString(doc);
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue; // http:, https:, mailto:
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(ROOT.relativize(doc) + " → " + target + " (no such file)");
        } else if (anchor != null
            && resolved.toString().endsWith(".md")
            && !anchors(Files.readString(resolved)).contains(anchor)) {
          broken.add(ROOT.relativize(doc) + " → " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  @Test
  void codeAndScripts_citeOnlyDocumentsTheRepositoryHas() throws IOException {
    List<String> broken = new ArrayList<>();
    try (Stream<Path> files =
        Stream.concat(Files.walk(ROOT.resolve("src/main")), Files.walk(ROOT.resolve("scripts")))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f, StandardCharsets.ISO_8859_1);
        Matcher m = DOC_CITATION.matcher(text);
        while (m.find()) {
          if (!Files.exists(ROOT.resolve(m.group()))) {
            broken.add(ROOT.relativize(f) + " cites " + m.group());
          }
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  @Test
  void nothingCitesResearchNotesUsersDoNotHave() throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> all = new ArrayList<>(documents());
    try (Stream<Path> src = Files.walk(ROOT.resolve("src"));
        Stream<Path> scripts = Files.walk(ROOT.resolve("scripts"))) {
      Stream.concat(src, scripts).filter(Files::isRegularFile).forEach(all::add);
    }
    for (Path f : all) {
      if (f.endsWith("DocsTest.java")) {
        continue;
      }
      String text = Files.readString(f, StandardCharsets.ISO_8859_1);
      for (String name : OUTSIDE_DOCS) {
        if (text.contains(name)) {
          found.add(ROOT.relativize(f) + " cites " + name);
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void readme_isShort() throws IOException {
    long lines = Files.readAllLines(ROOT.resolve("README.md")).size();
    assertTrue(lines <= 300, "README.md has " + lines + " lines; move detail into docs/");
  }

  @Test
  void readmeSampleOutput_isWhatTheToolPrints(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("percona-mongodb");
    String printed =
        run("sample-traces/percona-mongodb.otlp.json", "--out", out.toString())
            .replace(out.toString(), "reports/percona-mongodb");
    String expected =
        "```\n$ scripts/wakeup-analyze sample-traces/percona-mongodb.otlp.json\n"
            + printed
            + "```\n";
    assertEquals(expected, block(ROOT.resolve("README.md"), "sample-output"), REGENERATE);
  }

  @Test
  void readmeSourcesExample_isWhatTheToolPrints_andWhatTheReportShows(@TempDir Path tmp)
      throws IOException {
    Path out = tmp.resolve("src");
    String printed =
        run(
                "sample-traces/percona-mongodb.otlp.json",
                "--sources",
                "sample-traces/percona-mongodb-src",
                "--out",
                out.toString())
            .replace(out.toString(), "reports/percona-mongodb");
    assertEquals(
        "```\n$ scripts/wakeup-analyze sample-traces/percona-mongodb.otlp.json --sources "
            + "sample-traces/percona-mongodb-src\n"
            + printed
            + "```\n",
        block(ROOT.resolve("README.md"), "sources-output"),
        REGENERATE);
    String report =
        Files.readString(out.resolve("operators/percona-server-mongodb-operator/report.md"));
    String section =
        report.substring(
            report.indexOf("## Call sites behind the timers\n\n") + 33,
            report.indexOf("Matched by the timer's delay"));
    assertEquals(section, block(ROOT.resolve("README.md"), "sources-report"), REGENERATE);
  }

  @Test
  void compareExample_isWhatTheToolPrints(@TempDir Path tmp) throws IOException {
    String traces = tmp.resolve("traces").toString();
    run(
        "simulate",
        "sample-traces/scenarios/compare/watch-only.yaml",
        "--out",
        traces,
        "--name",
        "baseline");
    run(
        "simulate",
        "sample-traces/scenarios/compare/requeue-5s.yaml",
        "--out",
        traces,
        "--name",
        "candidate");
    Path out = tmp.resolve("out");
    String printed =
        run(
            "compare",
            traces + "/baseline.otlp.json",
            traces + "/candidate.otlp.json",
            "--out",
            out.toString(),
            "--quiet",
            "--fail-on",
            "wakeups-per-hour:+10%,timer-share:+5pp,new-timer,unloaded-share:-10pp");
    String terminal = printed.substring(printed.indexOf("thresholds:")).replace(traces + "/", "");
    assertEquals(
        "```\n" + terminal + "```\n",
        block(ROOT.resolve("README.md"), "compare-output"),
        REGENERATE);
    assertEquals(
        "````markdown\n"
            + Files.readString(out.resolve("compare.md")).replace(traces + "/", "")
            + "````\n",
        block(ROOT.resolve("docs/compare.md"), "compare-markdown"),
        REGENERATE);
  }

  @Test
  void outputsSummaryJsonSample_isWhatTheToolWrites(@TempDir Path tmp) throws IOException {
    String traces = tmp.resolve("traces").toString();
    run(
        "simulate",
        "sample-traces/scenarios/compare/requeue-5s.yaml",
        "--out",
        traces,
        "--name",
        "candidate");
    Path out = tmp.resolve("summary");
    run(traces + "/candidate.otlp.json", "--out", out.toString(), "--quiet");
    String json = Files.readString(out.resolve("summary.json")).replace(traces + "/", "");
    assertEquals(
        "```json\n" + json + "```\n",
        block(ROOT.resolve("docs/outputs.md"), "summary-json"),
        REGENERATE);
  }

  private static final String REGENERATE =
      "the sample output in the docs is not what the tool prints: run scripts/regen-docs";

  /** Runs the CLI in-process from the repository root; standard output then error. */
  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Cli.execute(
        args,
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        new ByteArrayInputStream(new byte[0]));
    return out.toString() + err.toString();
  }

  private static String block(Path file, String marker) throws IOException {
    String text = Files.readString(file);
    String start = "<!-- " + marker + ":start -->\n";
    int a = text.indexOf(start);
    int b = text.indexOf("<!-- " + marker + ":end -->");
    assertTrue(a >= 0 && b > a, file + " has no " + marker + " block");
    return text.substring(a + start.length(), b);
  }

  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    if (Files.exists(ROOT.resolve("RATIONALE.md"))) {
      docs.add(ROOT.resolve("RATIONALE.md"));
    }
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  private static List<String> anchors(String markdown) {
    List<String> out = new ArrayList<>();
    boolean fence = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("```")) {
        fence = !fence;
      }
      if (!fence && line.startsWith("#")) {
        String h = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
        out.add(h.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return out;
  }
}
