package io.github.wakeupanalyze;

import io.github.wakeupanalyze.cli.Cli;

/** Entry point: {@code wakeup-analyze [analyze] [OPTIONS] INPUT...}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.execute(args));
  }
}
