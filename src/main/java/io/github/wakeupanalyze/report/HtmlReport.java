package io.github.wakeupanalyze.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * Self-contained HTML pages: the per-operator {@code report.html} (the Markdown report converted by
 * {@link MarkdownHtml}, charts inline as SVG) and the {@code index.html} linking every operator.
 *
 * <p>A page loads nothing: styles ({@code report.css}) and the table-sorting script ({@code
 * report.js}), kept as resources beside this class, are copied inline, and a
 * Content-Security-Policy allows only that script (by its SHA-256) and no network at all, so even a
 * name that slipped through escaping could not run code. Output is deterministic.
 */
final class HtmlReport {
  /** Sorts a table by the clicked header; numbers by value, other text alphabetically. */
  static final String SCRIPT = resource("report.js");

  /** The page's styles: readable from phone width to 1600 px, tables scroll inside their box. */
  static final String STYLE = resource("report.css");

  private HtmlReport() {}

  /**
   * A full page.
   *
   * @param title plain text (escaped here)
   * @param bodyMarkdown the content, as Markdown
   * @param inlineSvg image source → SVG element shown in its place
   * @param indexHref link back to the index page, or null for the index itself
   */
  static String page(
      String title,
      String bodyMarkdown,
      Map<String, String> inlineSvg,
      String indexHref,
      String toolVersion) {
    StringBuilder sb = new StringBuilder(bodyMarkdown.length() * 2 + 16384);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'; img-src data:; script-src '")
        .append(scriptHash())
        .append("'\">\n")
        .append("<meta name=\"generator\" content=\"wakeup-analyze ")
        .append(MarkdownHtml.escape(toolVersion))
        .append("\">\n")
        .append("<title>")
        .append(MarkdownHtml.escape(title))
        .append("</title>\n")
        .append("<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    if (indexHref != null) {
      sb.append("<nav><a href=\"")
          .append(MarkdownHtml.escape(indexHref))
          .append("\">← all operators</a></nav>\n");
    }
    sb.append("<main>\n")
        .append(MarkdownHtml.convert(bodyMarkdown, inlineSvg))
        .append("</main>\n")
        .append("<footer>Written by wakeup-analyze ")
        .append(MarkdownHtml.escape(toolVersion))
        .append(". Click a column header to sort a table.</footer>\n")
        .append("<script>")
        .append(SCRIPT)
        .append("</script>\n</body>\n</html>\n");
    return sb.toString();
  }

  /** A text file beside this class on the classpath ({@code src/main/resources}), as UTF-8. */
  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside HtmlReport");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CSP source for {@link #SCRIPT}: {@code sha256-<base64>}. */
  static String scriptHash() {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(SCRIPT.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
