package io.github.wakeupanalyze.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Converts the Markdown this package writes into HTML, so that the HTML report says exactly what
 * report.md says (one source of truth; a section added to the Markdown appears in the HTML).
 *
 * <p>The subset: {@code #}, {@code ##}, {@code ###} headings; paragraphs; GitHub pipe tables
 * (alignment from the separator row, {@code \|} inside cells); {@code - } lists; inline backslash
 * escapes, {@code `code`}, {@code *emphasis*}, {@code [text](href)} and {@code ![alt](src)}.
 * Anything else is shown as text. Every character of text goes through {@link #escape}, so a name
 * from a trace can never become markup; a link or image target is kept only when it is a plain
 * relative path ({@value #SAFE_HREF}).
 *
 * <p>A paragraph that is a single image whose source names a chart in {@code inlineSvg} becomes a
 * {@code <figure>} holding that SVG, so the page needs no file beside it.
 */
final class MarkdownHtml {
  static final String SAFE_HREF = "[A-Za-z0-9._/#-]+";
  private static final Pattern SAFE = Pattern.compile(SAFE_HREF);

  private final Map<String, String> inlineSvg;
  private final StringBuilder out = new StringBuilder(8192);

  private MarkdownHtml(Map<String, String> inlineSvg) {
    this.inlineSvg = inlineSvg;
  }

  /**
   * @param inlineSvg image source (e.g. {@code timeline.png}) → {@code <svg>} element to show
   *     instead of an {@code <img>}
   */
  static String convert(String markdown, Map<String, String> inlineSvg) {
    MarkdownHtml m = new MarkdownHtml(inlineSvg);
    m.blocks(markdown.split("\n", -1));
    return m.out.toString();
  }

  private void blocks(String[] lines) {
    int i = 0;
    while (i < lines.length) {
      String line = lines[i];
      if (line.isBlank()) {
        i++;
      } else if (line.startsWith("#")) {
        int level = 0;
        while (level < line.length() && line.charAt(level) == '#') {
          level++;
        }
        level = Math.min(level, 6);
        String text = line.substring(level).strip();
        out.append("<h")
            .append(level)
            .append(" id=\"")
            .append(anchor(text))
            .append("\">")
            .append(inline(text))
            .append("</h")
            .append(level)
            .append(">\n");
        i++;
      } else if (line.startsWith("|")) {
        int j = i;
        while (j < lines.length && lines[j].startsWith("|")) {
          j++;
        }
        table(lines, i, j);
        i = j;
      } else if (line.startsWith("- ")) {
        out.append("<ul>\n");
        while (i < lines.length && lines[i].startsWith("- ")) {
          out.append("<li>").append(inline(lines[i].substring(2))).append("</li>\n");
          i++;
        }
        out.append("</ul>\n");
      } else {
        StringBuilder para = new StringBuilder(line.strip());
        i++;
        while (i < lines.length
            && !lines[i].isBlank()
            && !lines[i].startsWith("#")
            && !lines[i].startsWith("|")
            && !lines[i].startsWith("- ")) {
          para.append(' ').append(lines[i].strip());
          i++;
        }
        paragraph(para.toString());
      }
    }
  }

  private void paragraph(String text) {
    if (text.startsWith("![") && text.endsWith(")")) {
      int mid = text.indexOf("](");
      if (mid > 0 && text.indexOf("](", mid + 2) < 0) {
        String src = text.substring(mid + 2, text.length() - 1);
        String svg = inlineSvg.get(src);
        if (svg != null) {
          out.append("<figure role=\"img\" aria-label=\"")
              .append(escape(unescape(text.substring(2, mid))))
              .append("\">\n")
              .append(svg)
              .append("\n</figure>\n");
          return;
        }
      }
    }
    out.append("<p>").append(inline(text)).append("</p>\n");
  }

  private void table(String[] lines, int from, int to) {
    List<String> header = cells(lines[from]);
    boolean hasSeparator = to - from >= 2 && lines[from + 1].matches("\\|(\\s*:?-+:?\\s*\\|)+\\s*");
    List<String> align = new ArrayList<>();
    if (hasSeparator) {
      for (String c : cells(lines[from + 1])) {
        String t = c.strip();
        align.add(t.endsWith(":") ? (t.startsWith(":") ? "center" : "right") : "");
      }
    }
    boolean keyValue = header.stream().allMatch(String::isBlank);
    out.append(keyValue ? "<table class=\"kv\">\n" : "<table class=\"sortable\">\n");
    if (!keyValue) {
      out.append("<thead><tr>");
      for (int c = 0; c < header.size(); c++) {
        out.append("<th")
            .append(alignAttr(align, c))
            .append(" title=\"sort\">")
            .append(inline(header.get(c).strip()))
            .append("</th>");
      }
      out.append("</tr></thead>\n");
    }
    out.append("<tbody>\n");
    for (int r = from + (hasSeparator ? 2 : 1); r < to; r++) {
      List<String> row = cells(lines[r]);
      out.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        String tag = keyValue && c == 0 ? "th" : "td";
        out.append('<')
            .append(tag)
            .append(alignAttr(align, c))
            .append('>')
            .append(inline(row.get(c).strip()))
            .append("</")
            .append(tag)
            .append('>');
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private static String alignAttr(List<String> align, int c) {
    return c < align.size() && !align.get(c).isEmpty()
        ? " class=\"" + (align.get(c).equals("right") ? "num" : "center") + "\""
        : "";
  }

  /** Splits a table row on pipes that are not escaped; drops the outer empty cells. */
  static List<String> cells(String row) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    String r = row.strip();
    int start = r.startsWith("|") ? 1 : 0;
    int end = r.endsWith("|") && !r.endsWith("\\|") ? r.length() - 1 : r.length();
    for (int i = start; i < end; i++) {
      char ch = r.charAt(i);
      if (ch == '\\' && i + 1 < end) {
        cell.append(ch).append(r.charAt(++i));
      } else if (ch == '|') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    out.add(cell.toString());
    return out;
  }

  /** Inline Markdown to HTML; every text character escaped. */
  static String inline(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    int i = 0;
    boolean em = false;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && isPunct(s.charAt(i + 1))) {
        escapeChar(sb, s.charAt(i + 1));
        i += 2;
      } else if (c == '`') {
        int close = s.indexOf('`', i + 1);
        if (close < 0) {
          escapeChar(sb, c);
          i++;
        } else {
          sb.append("<code>").append(escape(s.substring(i + 1, close))).append("</code>");
          i = close + 1;
        }
      } else if (c == '[' || (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '[')) {
        int textStart = c == '!' ? i + 2 : i + 1;
        int close = closingBracket(s, textStart);
        if (close > 0 && close + 1 < s.length() && s.charAt(close + 1) == '(') {
          int paren = s.indexOf(')', close + 2);
          String target = paren < 0 ? "" : s.substring(close + 2, paren);
          String text = s.substring(textStart, close);
          if (paren > 0 && SAFE.matcher(target).matches() && !target.startsWith("//")) {
            if (c == '!') {
              sb.append("<img src=\"")
                  .append(escape(target))
                  .append("\" alt=\"")
                  .append(escape(unescape(text)))
                  .append("\">");
            } else {
              sb.append("<a href=\"")
                  .append(escape(target))
                  .append("\">")
                  .append(inline(text))
                  .append("</a>");
            }
            i = paren + 1;
            continue;
          }
        }
        escapeChar(sb, c);
        i++;
      } else if (c == '*') {
        sb.append(em ? "</em>" : "<em>");
        em = !em;
        i++;
      } else {
        escapeChar(sb, c);
        i++;
      }
    }
    if (em) {
      sb.append("</em>");
    }
    return sb.toString();
  }

  private static int closingBracket(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isPunct(char c) {
    return c < 128 && !Character.isLetterOrDigit(c) && c > ' ';
  }

  /** Removes Markdown backslash escapes. */
  static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && isPunct(s.charAt(i + 1))) {
        c = s.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** HTML text and attribute escaping: {@code & < > " '}; control characters become {@code ?}. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      escapeChar(sb, s.charAt(i));
    }
    return sb.toString();
  }

  private static void escapeChar(StringBuilder sb, char c) {
    switch (c) {
      case '&' -> sb.append("&amp;");
      case '<' -> sb.append("&lt;");
      case '>' -> sb.append("&gt;");
      case '"' -> sb.append("&quot;");
      case '\'' -> sb.append("&#39;");
      default -> sb.append(Character.isISOControl(c) ? '?' : c);
    }
  }

  /** A heading's id: lower-case letters and digits joined by dashes. */
  static String anchor(String heading) {
    String a =
        unescape(heading)
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    return a.isEmpty() ? "section" : a;
  }
}
