package io.github.wakeupanalyze.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code THIRD-PARTY.md} lists exactly what the shaded jar bundles: every runtime dependency of the
 * pom, direct or transitive, at the version Maven resolves (read from {@code
 * target/runtime-dependencies.txt}, which the build's {@code dependency:list} writes before the
 * tests), each with a licence text that exists under {@code licenses/}.
 */
class ThirdPartyNoticeTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  /** {@code org.commonmark:commonmark:jar:0.32.0:compile -- module org.commonmark} */
  private static final Pattern RESOLVED =
      Pattern.compile("^\\s+([^:\\s]+):([^:\\s]+):jar:([^:\\s]+):(compile|runtime)\\b.*$");

  /**
   * {@code | `org.commonmark:commonmark` | 0.32.0 | BSD-2-Clause | [x](licenses/x.txt) |}; the last
   * column may link several texts, separated by {@code ", "}.
   */
  private static final Pattern ROW =
      Pattern.compile(
          "^\\| `([^`]+)` \\| ([^ |]+) \\| [^|]+ \\|"
              + " ((?:\\[[^]]+\\]\\(licenses/[^)]+\\)(?:, )?)+) \\|$");

  private static final Pattern LINK = Pattern.compile("\\[[^]]+\\]\\((licenses/[^)]+)\\)");

  @Test
  void thirdPartyList_namesEveryBundledDependencyAtItsResolvedVersion() throws IOException {
    Path resolved = ROOT.resolve("target/runtime-dependencies.txt");
    assertTrue(
        Files.isRegularFile(resolved),
        resolved + " is missing: run the test through Maven (dependency:list writes it)");
    Set<String> bundled = new TreeSet<>();
    for (String line : Files.readAllLines(resolved)) {
      Matcher m = RESOLVED.matcher(line);
      if (m.matches()) {
        bundled.add(m.group(1) + ":" + m.group(2) + " " + m.group(3));
      }
    }
    assertFalse(bundled.isEmpty(), "no dependencies read from " + resolved);
    assertEquals(bundled, listed(), "THIRD-PARTY.md against the resolved runtime dependencies");
  }

  @Test
  void thirdPartyList_everyLicenceTextExists() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Row row : rows()) {
      for (String text : row.licenceTexts()) {
        if (!Files.isRegularFile(ROOT.resolve(text))) {
          missing.add(row.artifact() + " -> " + text);
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  private static Set<String> listed() throws IOException {
    Set<String> listed = new TreeSet<>();
    for (Row row : rows()) {
      listed.add(row.artifact() + " " + row.version());
    }
    return listed;
  }

  /** One table row: {@code org.commonmark:commonmark}, {@code 0.32.0}, {@code [licenses/x.txt]}. */
  private record Row(String artifact, String version, List<String> licenceTexts) {}

  private static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve("THIRD-PARTY.md"))) {
      if (!line.startsWith("| `")) {
        continue;
      }
      Matcher m = ROW.matcher(line);
      assertTrue(m.matches(), "THIRD-PARTY.md: a dependency row not in the table's form: " + line);
      List<String> texts = new ArrayList<>();
      Matcher link = LINK.matcher(m.group(3));
      while (link.find()) {
        texts.add(link.group(1));
      }
      rows.add(new Row(m.group(1), m.group(2), texts));
    }
    return rows;
  }
}
