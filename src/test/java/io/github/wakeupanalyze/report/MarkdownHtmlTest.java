package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's Markdown as HTML: the page's table classes, heading ids, nothing from data runs. */
class MarkdownHtmlTest {
  @Test
  void table_alignmentAndEscapedPipes() {
    String html = MarkdownHtml.convert("| a | n |\n|---|---:|\n| x\\|y | 3 |\n", Map.of());
    assertEquals(
        "<table class=\"sortable\">\n<thead><tr><th title=\"sort\">a</th>"
            + "<th class=\"num\" title=\"sort\">n</th></tr></thead>\n<tbody>\n"
            + "<tr><td>x|y</td><td class=\"num\">3</td></tr>\n</tbody>\n</table>\n",
        html);
  }

  @Test
  void keyValueTable_hasNoSortableHeader() {
    String html = MarkdownHtml.convert("| | |\n|---|---|\n| Reconciles | 27 |\n", Map.of());
    assertEquals(
        "<table class=\"kv\">\n<tbody>\n<tr><th>Reconciles</th><td>27</td></tr>\n"
            + "</tbody>\n</table>\n",
        html);
  }

  @Test
  void inline_codeEscapesAndRelativeLinks() {
    assertEquals(
        "<p><code>&lt;b&gt;</code> &lt;i&gt; <a rel=\"nofollow\" href=\"a/b.html\">x</a></p>\n",
        MarkdownHtml.convert("`<b>` \\<i\\> [x](a/b.html)", Map.of()));
    assertEquals(
        "<p><img src=\"t.png\" alt=\"T\" /></p>\n", MarkdownHtml.convert("![T](t.png)", Map.of()));
  }

  @Test
  void linkOrImageToAnythingButARelativePath_showsItsTextOnly() {
    for (String target :
        new String[] {
          "javascript:alert(1)", "https://example.com/x", "//example.com/x", "data:text/html,x"
        }) {
      String html =
          MarkdownHtml.convert("[click](" + target + ") ![pic](" + target + ")", Map.of());
      assertEquals("<p>click pic</p>\n", html, target);
    }
  }

  @Test
  void rawHtml_isShownAsText() {
    String html =
        MarkdownHtml.convert(
            "<script>alert(1)</script>\n\nx <img src=x onerror=alert(2)> y\n", Map.of());
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<img"), html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assertTrue(html.contains("x &lt;img src=x onerror=alert(2)&gt; y"), html);
  }

  @Test
  void controlCharacters_becomeQuestionMarks() {
    assertEquals("<p>a?[31mb?c</p>\n", MarkdownHtml.convert("a\u001B[31mb\u0007c", Map.of()));
  }

  @Test
  void imageParagraph_becomesInlineSvgFigure() {
    String html = MarkdownHtml.convert("![A \\<b\\>](t.png)\n", Map.of("t.png", "<svg></svg>"));
    assertEquals(
        "<figure role=\"img\" aria-label=\"A &lt;b&gt;\">\n<svg></svg>\n</figure>\n", html);
  }

  @Test
  void imageInsideText_staysAnImage() {
    String html = MarkdownHtml.convert("see ![A](t.png)\n", Map.of("t.png", "<svg></svg>"));
    assertEquals("<p>see <img src=\"t.png\" alt=\"A\" /></p>\n", html);
  }

  @Test
  void headingsParagraphsAndLists() {
    assertEquals(
        "<h2 id=\"method-and-parameters\">Method and parameters</h2>\n<p>one two</p>\n"
            + "<ul>\n<li><code>k</code>: 1</li>\n</ul>\n",
        MarkdownHtml.convert("## Method and parameters\n\none\ntwo\n\n- `k`: 1\n", Map.of()));
  }

  @Test
  void headingId_isItsTextInLowerCaseWithDashes() {
    assertEquals(
        "<h1 id=\"script-a-1-why\">&lt;script&gt;a(1): <em>why</em></h1>\n",
        MarkdownHtml.convert("# \\<script\\>a(1): *why*", Map.of()));
  }
}
