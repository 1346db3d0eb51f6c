package io.github.wakeupanalyze.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar (or a class beside it) run in a JVM of its own, as a user or a script runs it:
 * real streams, real exit codes, the heap the test gives. Standard output and error go to {@code
 * NAME.out} and {@code NAME.err} in the working folder, so a failing test can show them and a large
 * output never sits in a pipe.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** What a child JVM did: its exit status and everything it wrote. */
  public record Result(int exit, String out, String err) {
    public List<String> errLines() {
      return err.lines().toList();
    }
  }

  /**
   * The jar under test, absolute: the {@code wakeup.jar} system property (the build sets it for
   * integration tests), else {@code target/wakeup-analyze.jar}.
   */
  public static Path jar() {
    return Path.of(System.getProperty("wakeup.jar", "target/wakeup-analyze.jar")).toAbsolutePath();
  }

  /** {@code java JVM... -jar wakeup-analyze.jar ARGS...}, with this test's Java. */
  public static List<String> jarCommand(List<String> jvm, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.addAll(jvm);
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * {@code java JVM... -cp wakeup-analyze.jar:target/test-classes MAIN ARGS...}: a test's own main
   * class against the packaged jar, e.g. to decode a file under a small heap.
   */
  public static List<String> classCommand(List<String> jvm, Class<?> main, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.addAll(jvm);
    cmd.add("-cp");
    cmd.add(jar() + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath());
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * Starts {@code command} in {@code cwd}, output to {@code cwd/NAME.out} and {@code NAME.err}; its
   * standard input stays open for the caller to write to and close.
   */
  public static Process start(Path cwd, String name, List<String> command) throws IOException {
    return new ProcessBuilder(command)
        .directory(cwd.toFile())
        .redirectOutput(cwd.resolve(name + ".out").toFile())
        .redirectError(cwd.resolve(name + ".err").toFile())
        .start();
  }

  /**
   * Waits for a process {@link #start} began, failing the test when it runs longer than {@code
   * limit} (a guard against a hung child, not a speed check), and reads what it wrote.
   */
  public static Result finish(Path cwd, String name, Process p, Duration limit)
      throws IOException, InterruptedException {
    boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertTrue(done, name + " finished within " + limit);
    return new Result(
        p.exitValue(),
        Files.readString(cwd.resolve(name + ".out")),
        Files.readString(cwd.resolve(name + ".err")));
  }

  /** {@link #start}, with standard input closed at once, then {@link #finish}. */
  public static Result run(Path cwd, String name, List<String> command, Duration limit)
      throws IOException, InterruptedException {
    Process p = start(cwd, name, command);
    p.getOutputStream().close();
    return finish(cwd, name, p, limit);
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
