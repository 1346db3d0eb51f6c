package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output-folder contract: one writer, whole files, the marker last, only stale files go. */
class OutputFolderTest {
  @TempDir Path tmp;

  Path dir() {
    return tmp.resolve("out");
  }

  OutputFolder open() throws OutputException {
    return OutputFolder.open(dir(), "analyze", "summary.json");
  }

  /** One complete run writing {@code files} (each containing its own name), then the marker. */
  void run(String... files) throws Exception {
    try (OutputFolder out = open()) {
      for (String f : files) {
        out.writeString(f, f);
      }
      out.commit(w -> w.write("{}"));
    }
  }

  List<String> tree() throws IOException {
    try (Stream<Path> s = Files.walk(dir())) {
      return s.filter(p -> !p.equals(dir()))
          .map(p -> dir().relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith(OutputFolder.STATE))
          .sorted()
          .toList();
    }
  }

  @Test
  void run_writesEveryFileWhole_noTemporaryFileLeft() throws Exception {
    run("a.txt", "operators/x/report.md");
    assertEquals(
        List.of("a.txt", "operators", "operators/x", "operators/x/report.md", "summary.json"),
        tree());
    assertEquals("operators/x/report.md", Files.readString(dir().resolve("operators/x/report.md")));
  }

  @Test
  void secondOpen_isRefusedWhileTheFirstHoldsTheLock_thenAllowed() throws Exception {
    try (OutputFolder first = open()) {
      OutputException e = assertThrows(OutputException.class, this::open);
      assertEquals(OutputException.Kind.UNUSABLE, e.kind());
      assertTrue(
          e.getMessage().startsWith(dir() + ": another wakeup-analyze run (process "),
          e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
      first.writeString("a.txt", "a");
    }
    try (OutputFolder again = open()) {
      assertTrue(again.written().isEmpty());
    }
  }

  @Test
  void marker_isRemovedAtOpen_andWrittenOnlyByCommit() throws Exception {
    run("a.txt");
    try (OutputFolder out = open()) {
      assertFalse(Files.exists(dir().resolve("summary.json")), "a run in progress has no marker");
      out.writeString("a.txt", "new");
      assertFalse(Files.exists(dir().resolve("summary.json")));
    }
    assertFalse(Files.exists(dir().resolve("summary.json")), "a run that failed leaves none");
    run("a.txt");
    assertTrue(Files.exists(dir().resolve("summary.json")));
  }

  @Test
  void staleFiles_ofThePreviousRun_areRemoved_filesTheToolDidNotWrite_neverAre() throws Exception {
    run("index.html", "operators/a/report.md", "operators/b/report.md", "operators/c/report.md");
    Files.writeString(dir().resolve("operators/b/my-notes.txt"), "mine");
    Files.writeString(dir().resolve("mine.txt"), "mine");
    run("index.html", "operators/a/report.md");
    assertEquals(
        List.of(
            "index.html",
            "mine.txt",
            "operators",
            "operators/a",
            "operators/a/report.md",
            "operators/b",
            "operators/b/my-notes.txt",
            "summary.json"),
        tree(),
        "c's folder is gone; b's stays for the user's file");
  }

  @Test
  void failedRun_filesOfBothRuns_areTidiedByTheNextCompleteRun() throws Exception {
    run("operators/a/report.md", "operators/b/report.md");
    try (OutputFolder out = open()) {
      out.writeString("operators/c/report.md", "c");
      // no commit: a failure
    }
    assertEquals(
        List.of(
            "operators",
            "operators/a",
            "operators/a/report.md",
            "operators/b",
            "operators/b/report.md",
            "operators/c",
            "operators/c/report.md"),
        tree());
    run("operators/a/report.md");
    assertEquals(
        List.of("operators", "operators/a", "operators/a/report.md", "summary.json"), tree());
  }

  @Test
  void leftoverTemporaryFile_ofAKilledRun_isRemoved() throws Exception {
    run("operators/a/timeline.svg");
    Path temp = dir().resolve("operators/a/.timeline.svg" + OutputFolder.TEMP_SUFFIX);
    Files.writeString(temp, "<svg half");
    try (OutputFolder out = open()) {
      assertFalse(Files.exists(temp));
    }
  }

  @Test
  void plantedSymlinkFolder_isNotFollowed() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createDirectories(dir());
    Files.createSymbolicLink(dir().resolve("operators"), outside);
    try (OutputFolder out = open()) {
      OutputException e =
          assertThrows(OutputException.class, () -> out.writeString("operators/x/report.md", "x"));
      assertEquals(OutputException.Kind.WRITE, e.kind());
      assertEquals(
          dir().resolve("operators") + ": is a symbolic link; refusing to follow it",
          e.getMessage());
    }
    try (Stream<Path> s = Files.list(outside)) {
      assertEquals(0, s.count(), "nothing lands outside the output folder");
    }
  }

  @Test
  void plantedSymlinkFile_isNotReplacedOrFollowed() throws Exception {
    Path target = Files.writeString(tmp.resolve("precious.txt"), "keep");
    Files.createDirectories(dir());
    Files.createSymbolicLink(dir().resolve("index.html"), target);
    try (OutputFolder out = open()) {
      assertThrows(OutputException.class, () -> out.writeString("index.html", "x"));
    }
    assertEquals("keep", Files.readString(target));
    assertTrue(Files.isSymbolicLink(dir().resolve("index.html")));
  }

  @Test
  void plantedSymlinkMarker_isRefusedAtOpen() throws Exception {
    Path target = Files.writeString(tmp.resolve("precious.json"), "keep");
    Files.createDirectories(dir());
    Files.createSymbolicLink(dir().resolve("summary.json"), target);
    OutputException e = assertThrows(OutputException.class, this::open);
    assertEquals(OutputException.Kind.UNUSABLE, e.kind());
    assertEquals("keep", Files.readString(target));
  }

  @Test
  void staleRemoval_neverFollowsALinkedFolder_norLeavesTheFolder() throws Exception {
    run("operators/a/report.md", "operators/b/report.md");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("report.md"), "not yours");
    Path b = dir().resolve("operators/b");
    Files.delete(b.resolve("report.md"));
    Files.delete(b);
    Files.createSymbolicLink(b, outside);
    Files.writeString(
        dir().resolve(OutputFolder.STATE + "/analyze.files"),
        "../../outside/x\n/etc/passwd\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(tmp.resolve("outside/x"), "not yours either");
    run("operators/a/report.md");
    assertEquals("not yours", Files.readString(outside.resolve("report.md")));
    assertEquals("not yours either", Files.readString(outside.resolve("x")));
  }

  @Test
  void out_isAFile_isUnusable() throws Exception {
    Files.writeString(dir(), "a file");
    OutputException e = assertThrows(OutputException.class, this::open);
    assertEquals(OutputException.Kind.UNUSABLE, e.kind());
    assertEquals(dir() + ": is a file, not a folder", e.getMessage());
  }

  @Test
  void out_underAFile_isUnusable_namingTheFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "a file");
    Path under = file.resolve("sub/out");
    OutputException e =
        assertThrows(
            OutputException.class, () -> OutputFolder.open(under, "analyze", "summary.json"));
    assertEquals(
        under + ": cannot create the folder: " + file + " is a file, not a folder", e.getMessage());
  }

  @Test
  void folderCreatedForNothing_isRemovedAgain_anExistingOneStays() throws Exception {
    Path deep = tmp.resolve("new/deeper/out");
    try (OutputFolder out = OutputFolder.open(deep, "analyze", "summary.json")) {
      assertTrue(Files.isDirectory(deep));
    }
    assertFalse(Files.exists(tmp.resolve("new")), "every folder the run created is gone");
    Files.createDirectories(dir());
    try (OutputFolder out = open()) {
      // nothing written
    }
    assertTrue(Files.isDirectory(dir()), "a folder that existed before stays");
  }

  @Test
  void relativePaths_outsideTheFolder_areRejected() {
    assertFalse(FileList.isPlainRelative("../x"));
    assertFalse(FileList.isPlainRelative("/etc/passwd"));
    assertFalse(FileList.isPlainRelative("a//b"));
    assertFalse(FileList.isPlainRelative("a\\b"));
    assertFalse(FileList.isPlainRelative(OutputFolder.STATE + "/lock"));
    assertTrue(FileList.isPlainRelative("operators/x/report.md"));
  }
}
