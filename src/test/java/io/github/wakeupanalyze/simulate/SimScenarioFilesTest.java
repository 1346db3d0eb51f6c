package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every scenario file in the repository reads, and no two share a seed: two traces from one seed
 * carry the same trace and span ids, and merged they would be de-duplicated against each other.
 */
class SimScenarioFilesTest {
  static List<Path> scenarioFiles() throws IOException {
    try (Stream<Path> files =
        Stream.of(
                "sample-traces/scenarios",
                "scripts/bench-scenarios",
                "src/test/resources/scenarios")
            .map(Path::of)
            .flatMap(SimScenarioFilesTest::walk)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static Stream<Path> walk(Path dir) {
    try {
      return Files.walk(dir).toList().stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyScenarioFile_readsAndHasItsOwnSeed() throws Exception {
    List<Path> files = scenarioFiles();
    assertTrue(files.size() >= 20, files.toString());
    Map<Long, Path> seeds = new HashMap<>();
    for (Path f : files) {
      Scenario s = ScenarioLoader.load(f);
      Path other = seeds.put(s.seed(), f);
      assertEquals(null, other, f + " has the seed of " + other);
    }
  }
}
