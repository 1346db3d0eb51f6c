package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up starts before the command line only when the arguments plainly ask for analysis. */
class WarmupsTest {
  @TempDir Path dir;

  @Test
  void analysisAhead_forAnExistingTraceOrTheAnalyzeCommand() throws Exception {
    Path trace = Files.writeString(dir.resolve("t.json"), "{}");
    assertTrue(Warmups.analysisAhead(new String[] {trace.toString()}));
    assertTrue(Warmups.analysisAhead(new String[] {"-q", trace.toString()}));
    assertTrue(Warmups.analysisAhead(new String[] {"analyze", "--out", "x"}));
  }

  @Test
  void noAnalysisAhead_forOtherCommandsFlagsFoldersAndMissingFiles() {
    assertFalse(Warmups.analysisAhead(new String[] {"--version"}));
    assertFalse(Warmups.analysisAhead(new String[] {}));
    assertFalse(Warmups.analysisAhead(new String[] {"compare", "a.json", "b.json"}));
    assertFalse(Warmups.analysisAhead(new String[] {dir.toString()}));
    assertFalse(Warmups.analysisAhead(new String[] {dir.resolve("missing.json").toString()}));
    assertFalse(Warmups.analysisAhead(new String[] {"bad\0path"}));
  }
}
