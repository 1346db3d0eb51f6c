package io.github.wakeupanalyze.sources.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.sources.CallSite;
import io.github.wakeupanalyze.sources.Language;
import io.github.wakeupanalyze.sources.ScanResult;
import io.github.wakeupanalyze.sources.Snippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceScannerTest {
  @TempDir Path dir;

  private static final String GO_SITE =
      """
      package x

      import (
      \t"time"
      \tctrl "sigs.k8s.io/controller-runtime"
      )

      func (r *R) Reconcile() (ctrl.Result, error) {
      \treturn ctrl.Result{RequeueAfter: time.Second}, nil
      }
      """;

  @Test
  void vendoredTargetAndHiddenDirectories_areNotWalked_unlessAsked() {
    Snippets.write(
        dir,
        Map.of(
            "ctl/a.go", GO_SITE,
            "vendor/lib/b.go", GO_SITE,
            "target/gen/c.go", GO_SITE,
            ".cache/d.go", GO_SITE,
            "x/testdata/e.go", GO_SITE));
    ScanResult r = new SourceScanner(false).scan(List.of(dir));
    assertEquals(List.of("ctl/a.go"), r.sites().stream().map(CallSite::file).toList());
    assertEquals(2, r.vendoredDirs());
    ScanResult all = new SourceScanner(true).scan(List.of(dir));
    assertEquals(
        List.of("ctl/a.go", "target/gen/c.go", "vendor/lib/b.go"),
        all.sites().stream().map(CallSite::file).toList());
  }

  @Test
  void otherLanguages_oneWarningPerExtension_docsSilently() {
    Snippets.write(
        dir,
        Map.of(
            "a.py", "x = 1\n",
            "b.py", "y = 2\n",
            "c.kt", "val z = 3\n",
            "README.md", "# hi\n",
            "deploy.yaml", "a: 1\n"));
    ScanResult r = new SourceScanner(false).scan(List.of(dir));
    assertEquals(
        List.of(
            new ScanResult.Warning(
                "*.kt",
                ScanResult.Warning.Kind.OTHER_LANGUAGE,
                "1 file in a language not scanned (go, rs and java are)"),
            new ScanResult.Warning(
                "*.py",
                ScanResult.Warning.Kind.OTHER_LANGUAGE,
                "2 files in a language not scanned (go, rs and java are)")),
        r.warnings());
  }

  @Test
  void notUtf8_andBinary_skippedWithOneWarningEach() throws IOException {
    Files.createDirectories(dir.resolve("p"));
    byte[] latin1 = (GO_SITE + "// caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("p/latin1.go"), latin1);
    byte[] bin = GO_SITE.getBytes(StandardCharsets.UTF_8);
    bin[3] = 0;
    Files.write(dir.resolve("p/binary.go"), bin);
    ScanResult r = new SourceScanner(false).scan(List.of(dir));
    assertEquals(0, r.sites().size());
    assertEquals(2, r.warnings().size(), r.warnings().toString());
    assertEquals("p/binary.go", r.warnings().get(0).file());
    assertTrue(r.warnings().get(0).message().contains("NUL"));
    assertTrue(r.warnings().get(1).message().contains("not UTF-8"));
    assertTrue(r.anySkipped());
  }

  @Test
  void singleFileRoot_andMissingRoot() {
    Snippets.write(dir, Map.of("one.go", GO_SITE, "notes.txt", "x"));
    ScanResult r =
        new SourceScanner(false)
            .scan(List.of(dir.resolve("one.go"), dir.resolve("notes.txt"), dir.resolve("nope")));
    assertEquals(1, r.sites().size());
    assertEquals(2, r.warnings().size(), r.warnings().toString());
  }

  @Test
  void severalRoots_filesPrefixedWithTheRootName() {
    Snippets.write(dir, Map.of("op1/a.go", GO_SITE, "op2/a.go", GO_SITE));
    ScanResult r = new SourceScanner(false).scan(List.of(dir.resolve("op1"), dir.resolve("op2")));
    assertEquals(List.of("op1/a.go", "op2/a.go"), r.sites().stream().map(CallSite::file).toList());
  }

  @Test
  void testPaths() {
    assertTrue(SourceScanner.isTest("pkg/a_test.go", Language.GO));
    assertTrue(SourceScanner.isTest("src/test/java/a/B.java", Language.JAVA));
    assertTrue(SourceScanner.isTest("src/main/java/a/BTest.java", Language.JAVA));
    assertTrue(SourceScanner.isTest("tests/it.rs", Language.RUST));
    assertFalse(SourceScanner.isTest("src/controller.rs", Language.RUST));
    assertFalse(SourceScanner.isTest("pkg/testing.go", Language.GO));
  }

  @Test
  void prefilter_onlyFilesNamingAPatternAreCandidates() {
    assertTrue(SourceScanner.mayHoldSite("x RequeueAfter y".getBytes(), Language.GO));
    assertFalse(SourceScanner.mayHoldSite("package x".getBytes(), Language.GO));
    assertTrue(SourceScanner.mayHoldSite("Action::await_change()".getBytes(), Language.RUST));
    assertTrue(SourceScanner.mayHoldSite(".rescheduleAfter(5)".getBytes(), Language.JAVA));
    assertFalse(SourceScanner.mayHoldSite("".getBytes(), Language.JAVA));
  }

  /**
   * A seeded tree of Go packages and Rust files, more than the parse-ahead window, where each
   * site's delay is a constant of another file of its package, with a non-UTF-8 file and a syntax
   * error.
   */
  private void writeTree(long seed) throws IOException {
    java.util.Random rnd = new java.util.Random(seed);
    for (int p = 0; p < 30; p++) {
      Files.createDirectories(dir.resolve("pkg/p" + p));
      Files.writeString(
          dir.resolve("pkg/p" + p + "/consts.go"),
          "package p"
              + p
              + "\n\nimport \"time\"\n\nconst every = "
              + (1 + rnd.nextInt(90))
              + " * time.Second\n");
      Files.writeString(
          dir.resolve("pkg/p" + p + "/ctl.go"),
          GO_SITE.replace("package x", "package p" + p).replace("time.Second}", "every}")
              + (rnd.nextBoolean() ? "\nfunc broken( {\n" : ""));
    }
    for (int i = 0; i < 20; i++) {
      Files.createDirectories(dir.resolve("rs/src"));
      Files.writeString(
          dir.resolve("rs/src/m" + i + ".rs"),
          "fn reconcile() -> Action { Action::requeue(Duration::from_secs("
              + (1 + rnd.nextInt(600))
              + ")) }\n");
    }
    Files.write(
        dir.resolve("pkg/p0/latin1.go"),
        new byte[] {'R', 'e', 'q', 'u', 'e', 'u', 'e', (byte) 0xE9});
  }

  @Test
  void result_isTheSameForAnyNumberOfParsingThreads() throws IOException {
    writeTree(7);
    ScanResult one = new SourceScanner(false, 1).scan(List.of(dir));
    assertEquals(50, one.sites().size(), "every site of the tree");
    assertTrue(one.sites().stream().allMatch(s -> s.delay().nanos().isPresent()), "all resolved");
    assertTrue(one.anySkipped(), "the non-UTF-8 file is warned about");
    for (int threads : new int[] {2, 3, 8}) {
      assertEquals(one, new SourceScanner(false, threads).scan(List.of(dir)), threads + " threads");
    }
  }
}
