package io.github.wakeupanalyze.report;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The output folder cannot be used or a file in it cannot be written. The message is one line: the
 * path and the operating system's reason, e.g. {@code reports/x/operators/a/timeline.png: No space
 * left on device}.
 */
public final class OutputException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why: decides the exit code. */
  public enum Kind {
    /** The folder cannot be used at all ({@code --out} is a file, unwritable, locked). */
    UNUSABLE,
    /** A file could not be written while the run was writing (disk full, I/O error). */
    WRITE
  }

  private final Kind kind;

  OutputException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  OutputException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** {@code PATH: reason}, the reason taken from the operating system where it gave one. */
  static OutputException of(Kind kind, Path path, IOException e) {
    return new OutputException(kind, path + ": " + reason(e), e);
  }

  /** The operating system's words for an I/O failure, e.g. {@code No space left on device}. */
  public static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return oneLine(f.getReason());
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "File exists";
    }
    if (e instanceof NotDirectoryException) {
      return "Not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "Directory not empty";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
