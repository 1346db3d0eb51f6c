package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.text.Durations;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads edit times from a CSV for a {@code times} edit source: one time per line in the first
 * column; an optional header. A duration ({@code 90s}) or a plain number below 10⁹ is an offset in
 * seconds from the start; a larger number is Unix time in seconds, milliseconds, microseconds or
 * nanoseconds (by its magnitude); an ISO-8601 instant is absolute. Absolute times before the
 * scenario start are dropped.
 */
final class EditTimes {
  private final Path dir;
  private final long start;

  /**
   * @param dir relative file names resolve against it; null for the working directory
   * @param start the scenario start, epoch nanoseconds
   */
  EditTimes(Path dir, long start) {
    this.dir = dir;
    this.start = start;
  }

  /** The offsets from the start in nanoseconds, in file order. */
  List<Long> read(String file, String keyPath) {
    Path p = dir == null ? Path.of(file) : dir.resolve(file);
    List<String> lines;
    try {
      lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioChecker.Bad(keyPath, "cannot read " + p + ": " + e.getMessage());
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String cell = lines.get(i).split(",", 2)[0].trim();
      if (cell.isEmpty() || cell.startsWith("#")) {
        continue;
      }
      Long t = time(cell);
      if (t == null) {
        if (out.isEmpty() && i == 0) {
          continue; // header
        }
        throw new ScenarioChecker.Bad(
            keyPath, p.getFileName() + ":" + (i + 1) + ": expected a time, found \"" + cell + "\"");
      }
      if (t >= 0) {
        out.add(t);
      }
    }
    return out;
  }

  private Long time(String cell) {
    try {
      Instant i = Instant.parse(cell);
      return i.getEpochSecond() * 1_000_000_000L + i.getNano() - start;
    } catch (DateTimeParseException notIso) {
      // numbers below
    }
    try {
      BigDecimal d = new BigDecimal(cell);
      if (d.compareTo(BigDecimal.valueOf(1_000_000_000L)) < 0) {
        return Durations.parseNanos(d.toPlainString(), true);
      }
      int digits = d.setScale(0, RoundingMode.DOWN).toPlainString().length();
      int shift = digits <= 11 ? 9 : digits <= 14 ? 6 : digits <= 17 ? 3 : 0;
      return d.movePointRight(shift).longValue() - start;
    } catch (NumberFormatException notNumber) {
      // durations below
    }
    try {
      return Durations.parseNanos(cell, true);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
