package io.github.wakeupanalyze.report.chart;

/**
 * Text for pdfLaTeX: the ten special characters and {@code < > |} become commands, the symbols our
 * labels use become math through {@code \ensuremath} ({@code →} {@code \ensuremath{\to}}, {@code
 * ±}, {@code −}, {@code µ}, {@code ≥}, {@code ≤}, {@code ·}, {@code ×}; {@code …} {@code \dots}),
 * which also works where a {@code $} cannot go (pgfplots legend entries), so a document without
 * extra Unicode set-up still prints every glyph; control characters become {@code ?}; any other
 * character is kept (UTF-8 input, as LaTeX reads by default). Example: {@code end→start gap_1} →
 * {@code end\ensuremath{\to}start gap\_1}.
 */
public final class TexText {
  private TexText() {}

  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\textbackslash{}");
        case '{', '}', '$', '&', '#', '_', '%' -> sb.append('\\').append(c);
        case '^' -> sb.append("\\textasciicircum{}");
        case '~' -> sb.append("\\textasciitilde{}");
        case '<' -> sb.append("\\textless{}");
        case '>' -> sb.append("\\textgreater{}");
        case '|' -> sb.append("\\textbar{}");
        case '→' -> sb.append("\\ensuremath{\\to}");
        case '±' -> sb.append("\\ensuremath{\\pm}");
        case '−' -> sb.append("\\ensuremath{-}");
        case 'µ', 'μ' -> sb.append("\\ensuremath{\\mu}");
        case '≥' -> sb.append("\\ensuremath{\\geq}");
        case '≈' -> sb.append("\\ensuremath{\\approx}");
        case '∞' -> sb.append("\\ensuremath{\\infty}");
        case '≤' -> sb.append("\\ensuremath{\\leq}");
        case '·' -> sb.append("\\ensuremath{\\cdot}");
        case '×' -> sb.append("\\ensuremath{\\times}");
        case '…' -> sb.append("\\dots{}");
        case '–' -> sb.append("--");
        case '—' -> sb.append("---");
        case '\u00a0', '\u202f' -> sb.append('~');
        default -> sb.append(Character.isISOControl(c) ? '?' : c);
      }
    }
    return sb.toString();
  }
}
