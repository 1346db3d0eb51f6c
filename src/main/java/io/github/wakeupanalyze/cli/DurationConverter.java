package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.text.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * The one picocli converter for every duration option ({@code --window}, {@code --grace}, {@code
 * --duration}, {@code --unload-after}): the grammar of {@link Durations#parseNanos(String)}, units
 * required, e.g. {@code 10s}, {@code 150ms}, {@code 1m30s}, {@code 2h}, {@code 1d}. A bad value is
 * a usage error (exit 2) of one line: {@code Invalid value for option '--window': expected a
 * duration like 5s, 150ms or 1m30s, found "10"}.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Duration.ofNanos(Durations.parseNanos(value));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
