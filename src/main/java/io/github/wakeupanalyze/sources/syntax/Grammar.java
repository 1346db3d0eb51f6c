package io.github.wakeupanalyze.sources.syntax;

import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterRust;

/** The tree-sitter grammars the scanner uses. */
public enum Grammar {
  GO("Go", "*.go"),
  RUST("Rust", "*.rs");

  private final String label;
  private final String glob;

  Grammar(String label, String glob) {
    this.label = label;
    this.glob = glob;
  }

  /** The language's name in messages, e.g. {@code Go}. */
  String label() {
    return label;
  }

  /** The files it reads, e.g. {@code *.go}. */
  String glob() {
    return glob;
  }

  TSLanguage language() {
    return switch (this) {
      case GO -> new TreeSitterGo();
      case RUST -> new TreeSitterRust();
    };
  }
}
