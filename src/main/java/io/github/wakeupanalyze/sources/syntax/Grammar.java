package io.github.wakeupanalyze.sources.syntax;

import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterRust;

/** The tree-sitter grammars the scanner uses. */
public enum Grammar {
  GO,
  RUST;

  TSLanguage language() {
    return switch (this) {
      case GO -> new TreeSitterGo();
      case RUST -> new TreeSitterRust();
    };
  }
}
