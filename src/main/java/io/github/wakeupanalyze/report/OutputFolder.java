package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.report.OutputException.Kind;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An output folder with one writer and a clear state; the contract scripts rely on:
 *
 * <ol>
 *   <li><b>One writer.</b> {@link #open} takes an exclusive lock on {@code
 *       DIR/.wakeup-analyze/lock} (an operating-system file lock, released when the process ends,
 *       however it ends); a second run into the same folder is refused at once.
 *   <li><b>No half-written file.</b> Every file is written to a hidden temporary name beside it
 *       ({@code .NAME.wa-tmp}) and renamed into place, so a file either is complete or is absent.
 *   <li><b>A completion marker, written last.</b> {@link #open} removes the previous run's marker
 *       ({@code summary.json} for {@code analyze}); {@link #commit} writes it after every other
 *       file. Its presence means the run completed: a script may wait for it to appear. A run that
 *       fails leaves no marker.
 *   <li><b>Stale files are removed, nothing else is.</b> Each command keeps a list of the files it
 *       wrote ({@code DIR/.wakeup-analyze/COMMAND.files}, paths relative to DIR). On commit, the
 *       files of the previous run that this run did not write (an operator that is gone) are
 *       deleted, and their folders if that left them empty. A file the tool did not write is never
 *       touched; a file at a path the run writes is replaced.
 *   <li><b>No symbolic link is followed inside the folder.</b> Folders and files are checked
 *       without following links; a link where the tool expects a folder or a file is refused.
 * </ol>
 *
 * <p>The folder given itself may be reached through symbolic links (that is the user's choice).
 * {@link #write} may be called from several threads at once.
 */
public final class OutputFolder implements AutoCloseable {
  /** The folder holding the lock and the lists of written files, inside the output folder. */
  public static final String STATE = ".wakeup-analyze";

  static final String TEMP_SUFFIX = ".wa-tmp";

  /** Writes one file's content to a stream; the stream is closed by the caller. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private final Path dir;
  private final String marker;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Path lockKey;
  private final FileList list;
  private final Set<String> previous;
  private final Set<String> written = Collections.synchronizedSet(new LinkedHashSet<>());
  private final Set<Path> checkedDirs = ConcurrentHashMap.newKeySet();

  /**
   * Folders locked by this process. The operating system's lock belongs to the whole process, and
   * on Linux closing any channel to the lock file drops it, so a second run in the same process
   * (tests, an embedding program) is refused here, before it opens the file.
   */
  private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

  private boolean committed;
  private Path created; // the outermost folder this run created, or null

  private OutputFolder(
      Path dir,
      String marker,
      FileChannel lockChannel,
      FileLock lock,
      Path lockKey,
      FileList list,
      Set<String> previous) {
    this.dir = dir;
    this.marker = marker;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.lockKey = lockKey;
    this.list = list;
    this.previous = previous;
    checkedDirs.add(dir);
  }

  /**
   * Opens {@code dir} for one run of {@code command}: creates it (and its parents) when missing,
   * takes the lock, removes the previous run's {@code marker} and any temporary file a killed run
   * left behind. Nothing is read from the inputs before this succeeds, so a bad {@code --out} costs
   * nothing.
   *
   * @param command names the list of written files, e.g. {@code analyze}
   * @param marker the file {@link #commit} writes last, e.g. {@code summary.json}
   * @throws OutputException ({@link Kind#UNUSABLE}) when the folder cannot be created or written, a
   *     file is in the way, or another run holds the lock; one line with the path and the reason
   */
  public static OutputFolder open(Path folder, String command, String marker)
      throws OutputException {
    Path dir = folder.toString().isEmpty() ? Path.of(".") : folder;
    Path created = createFolder(dir);
    Path state = dir.resolve(STATE);
    try {
      if (isLink(state)) {
        throw unusable(state, "is a symbolic link; refusing to follow it");
      }
      if (!Files.isDirectory(state, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(state);
      }
    } catch (FileAlreadyExistsException e) {
      throw unusable(state, "is a file, not a folder");
    } catch (IOException e) {
      throw new OutputException(Kind.UNUSABLE, "cannot write in " + dir + ": " + reason(e), e);
    }
    Path lockFile = state.resolve("lock");
    Path key;
    try {
      key = state.toRealPath();
    } catch (IOException e) {
      throw new OutputException(Kind.UNUSABLE, "cannot write in " + dir + ": " + reason(e), e);
    }
    if (!LOCKED_HERE.add(key)) {
      throw locked(dir, holder(lockFile));
    }
    try {
      OutputFolder f = lock(dir, command, marker, lockFile, key);
      f.created = created;
      return f;
    } catch (OutputException | RuntimeException | Error e) {
      LOCKED_HERE.remove(key);
      throw e;
    }
  }

  private static OutputFolder lock(Path dir, String command, String marker, Path lockFile, Path key)
      throws OutputException {
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.READ,
              LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new OutputException(Kind.UNUSABLE, "cannot write in " + dir + ": " + reason(e), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another run in this same JVM
    } catch (IOException e) {
      closeQuietly(channel);
      throw new OutputException(Kind.UNUSABLE, lockFile + ": cannot lock: " + reason(e), e);
    }
    if (lock == null) {
      String holder = holder(lockFile);
      closeQuietly(channel);
      throw locked(dir, holder);
    }
    OutputFolder folder = null;
    try {
      recordHolder(channel);
      FileList list = FileList.of(lockFile.getParent(), command);
      folder = new OutputFolder(dir, marker, channel, lock, key, list, list.read());
      folder.start();
      return folder;
    } catch (OutputException e) {
      if (folder != null) {
        folder.close();
      } else {
        closeQuietly(channel);
      }
      throw e;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new OutputException(Kind.UNUSABLE, "cannot write in " + dir + ": " + reason(e), e);
    }
  }

  /**
   * Checks a folder for a command that writes its files itself: creates it (and its parents) when
   * missing and makes sure a file can be created in it. No lock, no list of files.
   *
   * @throws OutputException ({@link Kind#UNUSABLE}) one line with the path and the reason
   */
  public static void check(Path folder) throws OutputException {
    Path dir = folder.toString().isEmpty() ? Path.of(".") : folder;
    createFolder(dir);
    probe(dir);
  }

  /** Creates and removes a file in {@code dir}: the one sure test that it can be written. */
  private static void probe(Path dir) throws OutputException {
    Path probe = dir.resolve(".wakeup-analyze-probe" + TEMP_SUFFIX);
    try {
      Files.deleteIfExists(probe);
      Files.createFile(probe);
      Files.delete(probe);
    } catch (IOException e) {
      throw new OutputException(Kind.UNUSABLE, "cannot write in " + dir + ": " + reason(e), e);
    }
  }

  /** The folder, as given. */
  public Path dir() {
    return dir;
  }

  /** The file {@link #commit} writes last, e.g. {@code summary.json}. */
  public String marker() {
    return marker;
  }

  /** The files written so far, relative to the folder, in the order written. */
  public List<String> written() {
    synchronized (written) {
      return List.copyOf(written);
    }
  }

  /** Whether {@link #commit} succeeded. */
  public boolean committed() {
    return committed;
  }

  /**
   * Writes one file whole: to a temporary name, then renamed into place.
   *
   * @param relative path below the folder with {@code /} separators, e.g. {@code
   *     operators/psmdb/report.md}; built by the tool, never from raw names
   * @return the path written
   * @throws OutputException ({@link Kind#WRITE}) naming the file and the reason, e.g. {@code No
   *     space left on device}; the temporary file is removed
   */
  public Path write(String relative, Content content) throws OutputException {
    Path target = resolve(relative);
    Path temp = prepare(relative, target);
    writeTemp(temp, target, content);
    rename(temp, target);
    written.add(relative);
    return target;
  }

  /** Writes {@code temp} whole, or removes it and throws naming {@code target}. */
  private static void writeTemp(Path temp, Path target, Content content) throws OutputException {
    try (OutputStream out =
        new BufferedOutputStream(
            Files.newOutputStream(
                temp,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS),
            1 << 16)) {
      content.writeTo(out);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw OutputException.of(Kind.WRITE, target, e);
    } catch (RuntimeException | Error e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /** Writes a text file, UTF-8. */
  public Path writeString(String relative, String text) throws OutputException {
    return write(relative, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes a file through a UTF-8 writer. */
  public Path writeText(String relative, TextContent content) throws OutputException {
    return write(relative, utf8(content));
  }

  private static Content utf8(TextContent content) {
    return out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      content.writeTo(w);
      w.flush();
    };
  }

  /** Writes one text file's content to a writer. */
  @FunctionalInterface
  public interface TextContent {
    void writeTo(Writer out) throws IOException;
  }

  /**
   * Completes the run: writes the marker's content to its temporary name, deletes the previous
   * run's files that this run did not write (and folders left empty by that), records the files of
   * this run, and renames the marker into place last.
   *
   * @return the marker's path
   */
  public Path commit(TextContent markerContent) throws OutputException {
    Path target = resolve(marker);
    Path temp = prepare(marker, target);
    writeTemp(temp, target, utf8(markerContent));
    written.add(marker);
    Set<String> stale = new TreeSet<>(previous);
    stale.removeAll(written());
    for (String s : stale) {
      removeStale(s);
    }
    list.replace(written());
    rename(temp, target);
    committed = true;
    return target;
  }

  /**
   * Ends the run and releases the lock. Without a {@link #commit}, the files written stay (each
   * whole), no marker is written, and the list keeps both runs' files so the next run can tidy.
   */
  @Override
  public void close() {
    list.closeJournal();
    try {
      lock.release();
    } catch (IOException e) {
      // the lock goes with the channel below, and with the process at the latest
    }
    closeQuietly(lockChannel);
    if (!committed && written.isEmpty() && created != null) {
      removeCreated();
    }
    LOCKED_HERE.remove(lockKey);
  }

  /** A run that created the folder and wrote nothing leaves no folder behind. */
  private void removeCreated() {
    Path state = dir.resolve(STATE);
    deleteQuietly(list.file());
    deleteQuietly(state.resolve("lock"));
    deleteQuietly(state);
    for (Path p = dir; p != null; p = p.getParent()) {
      try {
        Files.delete(p);
      } catch (IOException e) {
        return; // not empty: something else is there now
      }
      if (p.equals(created)) {
        return;
      }
    }
  }

  // ---- opening ---------------------------------------------------------------------------------

  /**
   * Creates the folder; a file in the way or an unwritable parent is one line.
   *
   * @return the outermost folder created, or null when {@code dir} existed
   */
  private static Path createFolder(Path dir) throws OutputException {
    if (Files.isDirectory(dir)) {
      return null;
    }
    if (isLink(dir) && !Files.exists(dir)) {
      throw unusable(dir, "is a symbolic link that leads nowhere, not a folder");
    }
    if (Files.exists(dir)) {
      throw unusable(dir, "is a file, not a folder");
    }
    Path start = dir.getParent() != null ? dir.getParent() : dir.toAbsolutePath().getParent();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw unusable(dir, "cannot create the folder: " + p + " is a file, not a folder");
      }
    }
    Path top = dir;
    for (Path p = dir.getParent(); p != null && !Files.exists(p); p = p.getParent()) {
      top = p;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new OutputException(Kind.UNUSABLE, dir + ": cannot create the folder: " + reason(e), e);
    }
    return top;
  }

  private void start() throws OutputException, IOException {
    probe(dir);
    Path markerPath = resolve(marker);
    if (isLink(markerPath)) {
      throw unusable(markerPath, "is a symbolic link; refusing to replace it");
    }
    try {
      Files.deleteIfExists(markerPath);
    } catch (DirectoryNotEmptyException e) {
      throw unusable(markerPath, "is a folder, not a file");
    } catch (IOException e) {
      throw new OutputException(Kind.UNUSABLE, markerPath + ": cannot remove: " + reason(e), e);
    }
    for (String p : previous) {
      Path target = resolve(p);
      Path parent = target.getParent();
      if (realFolders(parent)) {
        Path temp = parent.resolve("." + target.getFileName() + TEMP_SUFFIX);
        if (Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(temp);
        }
      }
    }
    list.openJournal();
  }

  /** Writes this process's id into the lock file, so that a refused run can name the holder. */
  private static void recordHolder(FileChannel channel) throws IOException {
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
  }

  private static OutputException locked(Path dir, String holder) {
    return new OutputException(
        Kind.UNUSABLE,
        dir
            + ": another wakeup-analyze run"
            + holder
            + " is writing in this folder; wait for it to finish or choose another --out");
  }

  private static String holder(Path lockFile) {
    try {
      String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
      return pid.matches("[0-9]{1,10}") ? " (process " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  // ---- files -----------------------------------------------------------------------------------

  private Path resolve(String relative) {
    if (!FileList.isPlainRelative(relative)) {
      throw new IllegalArgumentException("not a plain relative path: " + relative);
    }
    return dir.resolve(relative);
  }

  /** Creates the target's folders, records it in the list, checks it; returns the temp path. */
  private Path prepare(String relative, Path target) throws OutputException {
    ensureFolders(target.getParent());
    list.append(relative);
    if (isLink(target)) {
      throw new OutputException(
          Kind.WRITE, target + ": is a symbolic link; refusing to replace it");
    }
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new OutputException(Kind.WRITE, target + ": is a folder, not a file");
    }
    return target.resolveSibling("." + target.getFileName() + TEMP_SUFFIX);
  }

  /** Creates every folder from the output folder down to {@code folder}, following no link. */
  private void ensureFolders(Path folder) throws OutputException {
    if (checkedDirs.contains(folder)) {
      return;
    }
    ensureFolders(folder.getParent());
    try {
      BasicFileAttributes a = attributes(folder);
      if (a == null) {
        try {
          Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
          a = attributes(folder); // created by another thread meanwhile
        }
      }
      if (a != null && a.isSymbolicLink()) {
        throw new OutputException(
            Kind.WRITE, folder + ": is a symbolic link; refusing to follow it");
      }
      if (a != null && !a.isDirectory()) {
        throw new OutputException(Kind.WRITE, folder + ": is a file, not a folder");
      }
    } catch (IOException e) {
      throw OutputException.of(Kind.WRITE, folder, e);
    }
    checkedDirs.add(folder);
  }

  static void rename(Path temp, Path target) throws OutputException {
    try {
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(temp);
      throw OutputException.of(Kind.WRITE, target, e);
    }
  }

  /**
   * Deletes a file the previous run wrote, only when it is still a regular file reached through
   * real folders; then the folders that this left empty, up to the output folder.
   */
  private void removeStale(String relative) throws OutputException {
    Path target = dir.resolve(relative);
    Path parent = target.getParent();
    if (!realFolders(parent) || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return; // gone, or replaced by something the tool did not write
    }
    try {
      Files.delete(target);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw OutputException.of(Kind.WRITE, target, e);
    }
    for (Path p = parent; p != null && !p.equals(dir); p = p.getParent()) {
      try {
        Files.delete(p);
      } catch (IOException e) {
        break; // not empty (or not ours to judge): leave it
      }
    }
  }

  /** Whether every folder from the output folder down to {@code folder} is a real folder. */
  private boolean realFolders(Path folder) {
    for (Path p = folder; p != null && !p.equals(dir); p = p.getParent()) {
      if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    return true;
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static boolean isLink(Path p) {
    return Files.isSymbolicLink(p);
  }

  private static OutputException unusable(Path p, String what) {
    return new OutputException(Kind.UNUSABLE, p + ": " + what);
  }

  private static String reason(IOException e) {
    return OutputException.reason(e);
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort: a leftover temporary file is removed by the next run
    }
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
