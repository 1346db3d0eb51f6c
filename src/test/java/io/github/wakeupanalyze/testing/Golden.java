package io.github.wakeupanalyze.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden files under {@code src/test/resources/golden/}. Run the tests with {@code
 * -Dgolden.update=true} to rewrite them after a deliberate change, then review the diff.
 */
public final class Golden {
  private static final Path ROOT = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  public static void assertMatches(String name, String actual) throws IOException {
    Path file = ROOT.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      throw new AssertionError(
          "golden file " + file + " is missing; run with -Dgolden.update=true");
    }
    assertEquals(
        Files.readString(file, StandardCharsets.UTF_8),
        actual,
        "output differs from golden file "
            + file
            + " (rerun with -Dgolden.update=true if intended)");
  }

  /**
   * Fails when the golden folder holds a file no test produces (a stray left behind by a renamed or
   * removed output); with {@code -Dgolden.update=true} the strays are deleted instead.
   *
   * @param folder e.g. {@code demo}
   * @param produced the file names the tests compare in that folder, e.g. {@code summary.json}
   */
  public static void assertNoStrays(String folder, Collection<String> produced) throws IOException {
    Path dir = ROOT.resolve(folder);
    TreeSet<String> strays = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(n -> !produced.contains(n))
          .forEach(strays::add);
    }
    if (Boolean.getBoolean("golden.update")) {
      for (String s : strays) {
        Files.delete(dir.resolve(s));
      }
      return;
    }
    assertEquals(
        List.of(),
        List.copyOf(strays),
        "golden files no test produces in " + dir + " (rerun with -Dgolden.update=true to delete)");
  }
}
