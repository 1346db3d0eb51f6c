package io.github.wakeupanalyze.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
