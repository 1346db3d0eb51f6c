package io.github.wakeupanalyze.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * Self-contained HTML pages: the per-operator {@code report.html} (the Markdown report converted by
 * {@link MarkdownHtml}, charts inline as SVG) and the {@code index.html} linking every operator.
 *
 * <p>A page loads nothing: styles and the table-sorting script are inline, and a
 * Content-Security-Policy allows only that script (by its SHA-256) and no network at all, so even a
 * name that slipped through escaping could not run code. Output is deterministic.
 */
final class HtmlReport {
  /** Sorts a table by the clicked header; numbers by value, other text alphabetically. */
  static final String SCRIPT =
      """
      document.querySelectorAll('table.sortable').forEach(function (table) {
        table.querySelectorAll('th').forEach(function (th, col) {
          th.tabIndex = 0;
          var sort = function () {
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            var asc = th.getAttribute('aria-sort') !== 'ascending';
            table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
            th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
            var key = function (row) {
              var t = row.cells[col] ? row.cells[col].textContent.trim() : '';
              var n = parseFloat(t.replace(/,/g, ''));
              return isNaN(n) || !/^-?[0-9.]/.test(t) ? t.toLowerCase() : n;
            };
            rows.sort(function (a, b) {
              var x = key(a), y = key(b);
              var c = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0)
                  : (typeof x === 'number' ? -1 : 1);
              return asc ? c : -c;
            });
            rows.forEach(function (r) { body.appendChild(r); });
          };
          th.addEventListener('click', sort);
          th.addEventListener('keydown', function (e) {
            if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
          });
        });
      });
      """;

  static final String STYLE =
      """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
        margin: 0; color: #1a1a1a; background: #fff; line-height: 1.45; }
      main { max-width: 1000px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
      nav { max-width: 1000px; margin: 0 auto; padding: 0.75rem 1.5rem 0; font-size: 0.9rem; }
      h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; overflow-wrap: anywhere; }
      h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
      h3 { font-size: 1.05rem; margin-top: 1.5rem; }
      p, li { overflow-wrap: anywhere; }
      code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em;
        background: #f3f3f3; padding: 0 0.2em; border-radius: 3px; }
      table { border-collapse: collapse; margin: 0.75rem 0; font-size: 0.9rem; display: block;
        max-width: 100%; overflow-x: auto; }
      th, td { border: 1px solid #d6d6d6; padding: 0.25rem 0.6rem; text-align: left;
        vertical-align: top; overflow-wrap: anywhere; }
      thead th { background: #eef3f8; cursor: pointer; user-select: none; white-space: nowrap; }
      thead th::after { content: " \\2195"; color: #999; font-size: 0.8em; }
      thead th[aria-sort=ascending]::after { content: " \\2191"; color: #0072b2; }
      thead th[aria-sort=descending]::after { content: " \\2193"; color: #0072b2; }
      tbody tr:nth-child(even) { background: #fafafa; }
      table.kv th { background: #f6f6f6; font-weight: 600; }
      .num { text-align: right; font-variant-numeric: tabular-nums; }
      .center { text-align: center; }
      figure { margin: 0.5rem 0 0.25rem; }
      figure svg { width: 100%; height: auto; display: block; }
      footer { color: #666; font-size: 0.8rem; max-width: 1000px; margin: 0 auto;
        padding: 0 1.5rem 2rem; }
      """;

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
