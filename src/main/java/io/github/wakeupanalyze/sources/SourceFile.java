package io.github.wakeupanalyze.sources;

import java.nio.file.Path;

/**
 * A source file found under a scanned root.
 *
 * @param path where it is on disk
 * @param rel the path relative to the scanned root, {@code /}-separated, e.g. {@code
 *     controllers/db_controller.go}
 * @param language its language
 * @param test true for test code: {@code _test.go}, {@code *Test.java}, {@code *IT.java}, or a
 *     {@code test/} or {@code tests/} directory
 */
public record SourceFile(Path path, String rel, Language language, boolean test) {
  /** The directory part of {@link #rel}, empty at the root, e.g. {@code controllers}. */
  public String dir() {
    int slash = rel.lastIndexOf('/');
    return slash < 0 ? "" : rel.substring(0, slash);
  }

  /** The file name, e.g. {@code db_controller.go}. */
  public String name() {
    return rel.substring(rel.lastIndexOf('/') + 1);
  }
}
