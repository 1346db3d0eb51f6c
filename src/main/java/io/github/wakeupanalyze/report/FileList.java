package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.report.OutputException.Kind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The list of the files one command wrote in an output folder, {@code
 * DIR/.wakeup-analyze/COMMAND.files}: one path relative to DIR per line, with {@code /} separators,
 * after a comment line, e.g. {@code operators/psmdb/report.md}. It is how the next run knows which
 * files are the tool's to remove. While a run writes, each path is appended before its file is
 * created (a journal), so a killed run still leaves a list that covers its files; a completed run
 * replaces the list with exactly its own files.
 */
final class FileList {
  private static final String HEADER =
      "# files the last 'wakeup-analyze %s' wrote in this folder, relative paths; do not edit";

  private final Path file;
  private final String command;
  private Writer journal;

  private FileList(Path file, String command) {
    this.file = file;
    this.command = command;
  }

  /** The list of {@code command} in the state folder {@code state}; nothing is opened yet. */
  static FileList of(Path state, String command) {
    return new FileList(state.resolve(command + ".files"), command);
  }

  Path file() {
    return file;
  }

  /** The paths a previous run listed; lines that are not a plain relative path are ignored. */
  Set<String> read() throws IOException {
    Set<String> out = new TreeSet<>();
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (isPlainRelative(line)) {
        out.add(line);
      }
    }
    return out;
  }

  /**
   * {@code a/b.txt}: no empty, {@code .} or {@code ..} part, no backslash, not absolute, not inside
   * the state folder.
   */
  static boolean isPlainRelative(String p) {
    if (p.isEmpty() || p.startsWith("#") || p.startsWith("/") || p.contains("\\")) {
      return false;
    }
    for (String part : p.split("/", -1)) {
      if (part.isEmpty()
          || part.equals(".")
          || part.equals("..")
          || part.equals(OutputFolder.STATE)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Opens the list for appending, keeping what a previous run listed (its files stay the tool's
   * until a run completes). Refuses a symbolic link in the list's place.
   */
  void openJournal() throws OutputException, IOException {
    if (Files.isSymbolicLink(file)) {
      throw new OutputException(
          Kind.UNUSABLE, file + ": is a symbolic link; refusing to follow it");
    }
    boolean fresh = !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    journal =
        new BufferedWriter(
            new OutputStreamWriter(
                Files.newOutputStream(
                    file,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS),
                StandardCharsets.UTF_8));
    if (fresh) {
      journal.write(String.format(HEADER, command) + "\n");
      journal.flush();
    }
  }

  /** Appends one path, flushed at once, before its file is created. */
  synchronized void append(String relative) throws OutputException {
    if (journal == null) {
      return;
    }
    try {
      journal.write(relative);
      journal.write('\n');
      journal.flush();
    } catch (IOException e) {
      throw OutputException.of(Kind.WRITE, file, e);
    }
  }

  /** Stops appending; never throws (the list is advice for the next run, the files are whole). */
  synchronized void closeJournal() {
    if (journal != null) {
      try {
        journal.close();
      } catch (IOException e) {
        // the list is advisory for the next run; the files themselves are complete
      }
      journal = null;
    }
  }

  /** Replaces the list, atomically, with exactly {@code files}, sorted. */
  void replace(Collection<String> files) throws OutputException {
    closeJournal();
    StringBuilder sb = new StringBuilder(String.format(HEADER, command)).append('\n');
    for (String p : new TreeSet<>(files)) {
      sb.append(p).append('\n');
    }
    Path temp = file.resolveSibling("." + file.getFileName() + OutputFolder.TEMP_SUFFIX);
    try {
      Files.writeString(temp, sb, StandardCharsets.UTF_8);
    } catch (IOException e) {
      OutputFolder.deleteQuietly(temp);
      throw OutputException.of(Kind.WRITE, file, e);
    }
    OutputFolder.rename(temp, file);
  }
}
