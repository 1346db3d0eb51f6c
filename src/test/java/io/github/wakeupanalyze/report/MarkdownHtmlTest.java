package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
  void inline_codeEscapesLinksAndImages() {
    assertEquals(
        "<code>&lt;b&gt;</code> &lt;i&gt; <a href=\"a/b.html\">x</a>",
        MarkdownHtml.inline("`<b>` \\<i\\> [x](a/b.html)"));
    assertEquals(
        "[x](javascript:alert(1))",
        MarkdownHtml.inline("[x](javascript:alert(1))").replace("&#39;", "'"));
    assertEquals("<img src=\"t.png\" alt=\"T\">", MarkdownHtml.inline("![T](t.png)"));
  }

  @Test
  void imageParagraph_becomesInlineSvgFigure() {
    String html = MarkdownHtml.convert("![A \\<b\\>](t.png)\n", Map.of("t.png", "<svg></svg>"));
    assertEquals(
        "<figure role=\"img\" aria-label=\"A &lt;b&gt;\">\n<svg></svg>\n</figure>\n", html);
  }

  @Test
  void headingsParagraphsAndLists() {
    assertEquals(
        "<h2 id=\"method-and-parameters\">Method and parameters</h2>\n<p>one two</p>\n"
            + "<ul>\n<li><code>k</code>: 1</li>\n</ul>\n",
        MarkdownHtml.convert("## Method and parameters\n\none\ntwo\n\n- `k`: 1\n", Map.of()));
  }

  @Test
  void cells_splitOnUnescapedPipesOnly() {
    assertEquals(List.of(" a\\|b ", " c "), MarkdownHtml.cells("| a\\|b | c |"));
  }
}
