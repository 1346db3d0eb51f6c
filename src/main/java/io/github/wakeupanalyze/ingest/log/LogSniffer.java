package io.github.wakeupanalyze.ingest.log;

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
    LogRecord r = new LogRecord();
    int seen = 0;
    int records = 0;
    for (int i = 0; i < usable && seen < LINES; i++) {
      String line = i == 0 && all[i].startsWith("\uFEFF") ? all[i].substring(1) : all[i];
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
