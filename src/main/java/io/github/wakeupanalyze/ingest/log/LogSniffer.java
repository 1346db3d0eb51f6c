package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.ingest.core.NodeLogs;
import java.util.Arrays;

/**
 * Tells an operator log from other text by its first lines, for the format sniffer: the first line
 * that is not blank is a log record with a time and a level (or a kubectl time), or at least three
 * of the first {@value #LINES} lines are records with a time and they are at least a fifth of them
 * (a Java stack trace may follow the first record).
 */
public final class LogSniffer {
  static final int LINES = 40;

  private LogSniffer() {}

  /**
   * @param text a prefix of the (decompressed) input
   * @param complete true when the prefix is the whole input; otherwise its last, cut line is not
   *     looked at
   */
  public static boolean looksLike(String text, boolean complete) {
    String[] all = text.split("\r\n|\r|\n", -1);
    int usable = complete ? all.length : all.length - 1;
    if (usable > 0 && all[0].startsWith("\uFEFF")) {
      all[0] = all[0].substring(1);
    }
    LogRecord r = new LogRecord();
    int seen = 0;
    int records = 0;
    for (String line : NodeLogs.of(Arrays.asList(all).subList(0, Math.max(0, usable)))) {
      if (seen == LINES) {
        break;
      }
      if (line.isBlank()) {
        continue;
      }
      seen++;
      boolean record =
          LineParser.parse(line, r) && (r.partial != LogTime.NONE || r.prefixNanos >= 0);
      if (record && seen == 1 && (r.level != LogRecord.Level.UNKNOWN || r.prefixNanos >= 0)) {
        return true;
      }
      if (record) {
        records++;
      }
    }
    return records >= 3 && records * 5 >= seen;
  }
}
