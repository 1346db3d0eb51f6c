package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import io.github.wakeupanalyze.testing.OtlpJson;
import io.github.wakeupanalyze.text.Names;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names from a trace are shown, never run: service, controller and object names full of markup. */
class HtmlEscapingTest {
  static final String SERVICE = "<script>alert(1)</script>";
  static final String CONTROLLER = "<img src=x onerror=alert(2)>";
  static final String OBJECT = "</svg><script>alert(3)</script>|*[x](javascript:alert(4))";

  @TempDir Path dir;

  static Pipeline.Result hostile() {
    OtlpJson o = OtlpJson.service(SERVICE);
    double t = 0;
    for (int i = 1; i <= 12; i++) {
      o.span(
          i,
          10 * i,
          0,
          "Reconcile",
          t,
          t + 0.1,
          "controller",
          CONTROLLER,
          "k8s.namespace.name",
          "ns",
          "k8s.object.name",
          OBJECT);
      t += 5.1;
    }
    return DemoAnalysis.of(o);
  }

  @Test
  void hostileNames_areEscapedInEveryHtmlPage() throws Exception {
    Pipeline.Result r = hostile();
    ReportWriter.writeAll(dir, "TEST", r.inputs(), r.extraction(), r.analysis());
    Path page = dir.resolve("operators").resolve(Names.slug(SERVICE)).resolve("report.html");
    for (Path p : new Path[] {page, dir.resolve("index.html")}) {
      String html = Files.readString(p, StandardCharsets.UTF_8);
      assertEquals(1, count(html, "<script"), p + ": only the report's own script may be there");
      assertFalse(html.contains("<img"), p.toString());
      assertFalse(html.contains("href=\"javascript:"), p + ": an unsafe link target was kept");
      assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), p + ": name not shown");
    }
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertTrue(
        html.contains(
            "<h1 id=\"script-alert-1-script-why-it-wakes-up\">"
                + "&lt;script&gt;alert(1)&lt;/script&gt;: why it wakes up</h1>"),
        "heading");
    assertTrue(html.contains("<code>&lt;img src=x onerror=alert(2)&gt;</code>"), "sentence");
    assertTrue(
        html.contains("&lt;/svg&gt;&lt;script&gt;alert(3)&lt;/script&gt;|*[x]"),
        "object name, with its pipe, star and brackets, in the objects table");
    // every inline chart is well-formed XML, so no name broke out of its <text>
    Matcher m = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(html);
    int charts = 0;
    while (m.find()) {
      DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8)));
      charts++;
    }
    assertTrue(charts >= 4, "charts: " + charts);
    assertTrue(html.contains("&lt;/svg&gt;&lt;script&gt;alert(3)"), "timeline row label");
  }

  @Test
  void hostileNames_areEscapedInMarkdownAndLatex() throws Exception {
    Pipeline.Result r = hostile();
    java.io.StringWriter tex = new java.io.StringWriter();
    LatexTable.write(r.analysis(), "TEST", tex);
    assertTrue(
        tex.toString()
            .contains(
                "\\textit{\\textless{}script\\textgreater{}alert(1)\\textless{}/\\allowbreak{}"
                    + "script\\textgreater{}}} \\\\\n\\quad \\textless{}img src=x "
                    + "onerror=alert(2)\\textgreater{} &"),
        tex.toString());
    ReportWriter.writeAll(dir, "TEST", r.inputs(), r.extraction(), r.analysis());
    String md =
        Files.readString(
            dir.resolve("operators").resolve(Names.slug(SERVICE)).resolve("report.md"));
    assertTrue(md.startsWith("# \\<script\\>alert(1)\\</script\\>: why it wakes up\n"), md);
    // outside code spans (which Markdown never renders as HTML), every < is backslash-escaped
    assertFalse(
        Pattern.compile("(?<!\\\\)<").matcher(md.replaceAll("`[^`\n]*`", "")).find(),
        "unescaped < in Markdown");
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
