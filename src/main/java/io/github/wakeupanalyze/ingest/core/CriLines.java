package io.github.wakeupanalyze.ingest.core;

import java.io.IOException;

/**
 * A container's log as its runtime stores it on the node ({@code /var/log/pods/…/0.log}, {@code
 * /var/log/containers/*.log}, the files log shippers read), read as the lines {@code kubectl logs
 * --timestamps} would print for it.
 *
 * <p>The CRI logging format writes each record as {@code TIME STREAM TAGS CONTENT}: the time in RFC
 * 3339 with up to nine fractional digits (containerd drops trailing zeros and writes {@code Z},
 * CRI-O writes nine digits and an offset), {@code stdout} or {@code stderr}, tags separated by
 * {@code :} of which {@code P} marks a partial record (a line over the runtime's limit, 16 KiB in
 * containerd by default, continues in the next record of the same stream) and {@code F} a full one.
 * The kubelet reads the same files to answer {@code kubectl logs}.
 *
 * <p>Each line becomes the kubelet's time (nine digits, {@link KubeletTime}), a space and the
 * content; the records of a split line are joined, per stream, under the time of the first one.
 * Lines that are not CRI records pass unchanged, so any other text reads as before. A joined line
 * is cut at the limit; a partial record the input ends with is returned as it is.
 */
public final class CriLines {
  /** Where the lines come from. */
  @FunctionalInterface
  public interface Source {
    /** The next line without its line end, or null at the end. */
    String next() throws IOException;
  }

  private final Source in;
  private final PartialLines lines;

  /**
   * @param in the lines
   * @param limit the longest joined line kept, in characters
   */
  public CriLines(Source in, int limit) {
    this.in = in;
    this.lines = new PartialLines(limit);
  }

  /** The next line, with a CRI record's header made the kubelet's time; null at the end. */
  public String next() throws IOException {
    String line;
    while ((line = in.next()) != null) {
      int timeEnd = KubeletTime.runtimeTimeEnd(line);
      int stream =
          timeEnd < 0 || timeEnd == line.length() || line.charAt(timeEnd) != ' '
              ? -1
              : stream(line, timeEnd + 1);
      if (stream < 0) {
        return line;
      }
      int tags = timeEnd + 8; // after "stdout " or "stderr "
      int tagsEnd = tagsEnd(line, tags);
      if (tagsEnd < 0) {
        return line;
      }
      String head = KubeletTime.of(line, timeEnd) + ' ';
      int content = Math.min(line.length(), tagsEnd + 1);
      String whole =
          lines.add(stream, head, line, content, line.length(), partial(line, tags, tagsEnd));
      if (whole != null) {
        return whole;
      }
    }
    return lines.rest(); // the input ends inside a split line: what there is of it
  }

  /** 0 for {@code stdout }, 1 for {@code stderr } at {@code at}, else -1. */
  private static int stream(String s, int at) {
    if (s.startsWith("stdout ", at)) {
      return 0;
    }
    return s.startsWith("stderr ", at) ? 1 : -1;
  }

  /** The end of the tags at {@code at} (upper-case letters joined by {@code :}), or -1. */
  private static int tagsEnd(String s, int at) {
    int i = at;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c < 'A' || c > 'Z') {
        return -1;
      }
      i++;
      if (i == s.length() || s.charAt(i) == ' ') {
        return i;
      }
      if (s.charAt(i) != ':') {
        return -1;
      }
      i++;
    }
    return -1;
  }

  private static boolean partial(String s, int from, int to) {
    for (int i = from; i < to; i += 2) {
      if (s.charAt(i) == 'P') {
        return true;
      }
    }
    return false;
  }
}
