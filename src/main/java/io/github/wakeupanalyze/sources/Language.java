package io.github.wakeupanalyze.sources;

import java.util.Locale;
import java.util.Optional;

/** A source language the scanner parses, known by its file extension. */
public enum Language {
  GO("go", ".go"),
  RUST("rust", ".rs"),
  JAVA("java", ".java");

  private final String label;
  private final String extension;

  Language(String label, String extension) {
    this.label = label;
    this.extension = extension;
  }

  /** The name in outputs, e.g. {@code go}. */
  public String label() {
    return label;
  }

  /** The language of a file name, by extension; empty for any other file. */
  public static Optional<Language> of(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (Language l : values()) {
      if (lower.endsWith(l.extension)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
