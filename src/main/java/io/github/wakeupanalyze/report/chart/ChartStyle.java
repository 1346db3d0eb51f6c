package io.github.wakeupanalyze.report.chart;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Size and typography of rendered charts. Sizes are in drawing units: pixels for the web, points
 * (1/72 in) for print. Every text of a chart uses the one font at {@code fontSize}, the title 15 %
 * larger and bold.
 *
 * @param fontFamily an installed family or a Java logical font ({@code SansSerif}, {@code Serif})
 * @param fontSize in drawing units, e.g. 9 (pt)
 * @param width in drawing units
 * @param height in drawing units
 * @param titles draw the figure's title inside the chart (the web does; a thesis has captions)
 * @param growTimeline let the timeline grow taller with its rows (web only; print keeps the size)
 */
public record ChartStyle(
    String fontFamily,
    double fontSize,
    double width,
    double height,
    boolean titles,
    boolean growTimeline) {

  /**
   * Charts in the HTML report and the PNG files: 900 × 340 px, 12 px sans-serif, no title (the
   * report has a heading above each).
   */
  public static ChartStyle web() {
    return new ChartStyle(Font.SANS_SERIF, 12, 900, 340, false, true);
  }

  /** Print: the given size in points and font, no title. */
  public static ChartStyle print(
      String fontFamily, double fontSizePt, double widthPt, double heightPt) {
    return new ChartStyle(fontFamily, fontSizePt, widthPt, heightPt, false, false);
  }

  Font font() {
    return new Font(fontFamily, Font.PLAIN, 1).deriveFont((float) fontSize);
  }

  Font titleFont() {
    return new Font(fontFamily, Font.BOLD, 1).deriveFont((float) (fontSize * 1.15));
  }

  /** Every font a chart in this style draws with: the text font and the title font. */
  public List<Font> fonts() {
    return List.of(font(), titleFont());
  }

  /**
   * Most characters a timeline row label may take: about 28 % of the width, at least 12, so the
   * plot keeps most of the figure. 19 at 12 cm and 9 pt; 36 on the web.
   */
  public int rowLabelChars() {
    return Math.max(12, (int) (0.28 * width / (0.55 * fontSize)));
  }

  /**
   * {@code label} cut in the middle to at most {@code max} characters, keeping its start and its
   * end (where object names differ): {@code psmdb-backup-controller · mongodb/backup-1} at 19 →
   * {@code psmdb-ba…db/backup-1}.
   */
  public static String fitLabel(String label, int max) {
    if (label.length() <= max) {
      return label;
    }
    int head = (max - 1) / 2;
    int tail = max - 1 - head;
    return label.substring(0, head) + "…" + label.substring(label.length() - tail);
  }

  /** Height for a figure: the timeline may grow to give each row room. */
  public double heightFor(Figure f) {
    if (!growTimeline || f.kind() != Figure.Kind.TIMELINE) {
      return height;
    }
    return Math.max(height, 120 + 2.2 * fontSize * f.rowLabels().size());
  }

  /**
   * The family to draw with: {@code requested} when it is installed (case-insensitive) or a Java
   * logical font, else the logical font closest to it ({@code Serif} when its name says serif,
   * roman or times, {@code Monospaced} for mono or courier, else {@code SansSerif}).
   */
  public static Resolved resolveFont(String requested) {
    Set<String> installed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    installed.addAll(
        Set.of(
            GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames(Locale.ROOT)));
    return resolveFont(requested, installed);
  }

  static Resolved resolveFont(String requested, Set<String> installed) {
    for (String logical :
        new String[] {
          Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG, Font.DIALOG_INPUT
        }) {
      if (logical.equalsIgnoreCase(requested)) {
        return new Resolved(logical, false);
      }
    }
    if (installed.contains(requested)) {
      for (String f : installed) {
        if (f.equalsIgnoreCase(requested)) {
          return new Resolved(f, false);
        }
      }
    }
    String r = requested.toLowerCase(Locale.ROOT);
    String fallback =
        r.contains("mono") || r.contains("courier") || r.contains("typewriter")
            ? Font.MONOSPACED
            : (r.contains("serif") && !r.contains("sans"))
                    || r.contains("roman")
                    || r.contains("times")
                ? Font.SERIF
                : Font.SANS_SERIF;
    return new Resolved(fallback, true);
  }

  /**
   * A font choice.
   *
   * @param family the family to draw with
   * @param fallback true when the requested family was not installed
   */
  public record Resolved(String family, boolean fallback) {}
}
