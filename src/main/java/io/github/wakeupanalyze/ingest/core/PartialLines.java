package io.github.wakeupanalyze.ingest.core;

/**
 * Joins the records a container runtime split a long line into, per stream ({@code stdout} 0,
 * {@code stderr} 1): each joined line keeps the head (prefix and time) of its first record and is
 * cut at the limit. Shared by {@link CriLines} and {@link DockerJsonLines}.
 */
final class PartialLines {
  private final int limit;
  private final StringBuilder[] text = {new StringBuilder(), new StringBuilder()};
  private final String[] head = new String[2];

  /**
   * @param limit the longest joined text kept, in characters
   */
  PartialLines(int limit) {
    this.limit = limit;
  }

  /**
   * Adds a record's {@code text[from, to)} to its stream's line.
   *
   * @param head what goes before the line when this record is its first
   * @return the whole line when this record was its last ({@code partial} false), else null
   */
  String add(int stream, String head, String record, int from, int to, boolean partial) {
    if (this.head[stream] == null) {
      this.head[stream] = head;
    }
    StringBuilder joined = text[stream];
    int room = limit - joined.length();
    joined.append(record, from, to - from > room ? from + room : to);
    return partial ? null : take(stream);
  }

  /** A line the input ended inside of (a file cut while written), or null. */
  String rest() {
    for (int s = 0; s < 2; s++) {
      if (head[s] != null) {
        return take(s);
      }
    }
    return null;
  }

  private String take(int stream) {
    String line = head[stream] + text[stream];
    text[stream].setLength(0);
    head[stream] = null;
    return line;
  }
}
