package io.github.wakeupanalyze.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Converts the Markdown this package writes into HTML, so that the HTML report says exactly what
 * report.md says (one source of truth; a section added to the Markdown appears in the HTML).
 *
 * <p>Parsing and rendering are commonmark-java's (CommonMark with GitHub's pipe tables), with raw
 * HTML escaped and unsafe URLs dropped: a name from a trace can never become markup. On top of
 * that, this class keeps a link or image only when its target is a plain relative path ({@value
 * #SAFE_HREF}, not {@code //host}); any other shows its text. Headings get an {@code id} from
 * {@link #anchor}; tables get the page's classes ({@code sortable} with {@code title="sort"}
 * headers, or {@code kv} for a table whose header row is empty, its first column as row headers;
 * {@code num}/{@code center} for right/centre-aligned columns); control characters become {@code
 * ?}.
 *
 * <p>A paragraph that is a single image whose source names a chart in {@code inlineSvg} becomes a
 * {@code <figure>} holding that SVG, so the page needs no file beside it.
 */
final class MarkdownHtml {
  static final String SAFE_HREF = "[A-Za-z0-9._/#-]+";
  private static final Pattern SAFE = Pattern.compile(SAFE_HREF);

  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

  /** Our renderers first: for the same node type, the factory added first wins. */
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder()
          .nodeRendererFactory(Tables::new)
          .nodeRendererFactory(Figures::new)
          .attributeProviderFactory(
              context ->
                  (node, tag, attributes) -> {
                    if (node instanceof Heading) {
                      attributes.put("id", anchor(textOf(node)));
                    }
                  })
          .extensions(EXTENSIONS)
          .escapeHtml(true)
          .sanitizeUrls(true)
          .softbreak(" ")
          .build();

  private MarkdownHtml() {}

  /**
   * The HTML of {@code markdown}, without {@code <html>} or {@code <body>}.
   *
   * @param inlineSvg image source (e.g. {@code timeline.svg}) → {@code <svg>} element to show
   *     instead of an {@code <img>}
   */
  static String convert(String markdown, Map<String, String> inlineSvg) {
    Node doc = PARSER.parse(withoutControls(markdown));
    List<Node> unsafe = new ArrayList<>();
    List<Paragraph> figures = new ArrayList<>();
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Link link) {
            if (!safe(link.getDestination())) {
              unsafe.add(link);
            }
            visitChildren(link);
          }

          @Override
          public void visit(Image image) {
            if (!safe(image.getDestination())) {
              unsafe.add(image);
            }
          }

          @Override
          public void visit(Paragraph p) {
            if (p.getFirstChild() instanceof Image img
                && img.getNext() == null
                && inlineSvg.containsKey(img.getDestination())) {
              figures.add(p);
            } else {
              visitChildren(p);
            }
          }
        });
    for (Paragraph p : figures) {
      Image img = (Image) p.getFirstChild();
      p.insertBefore(new InlineFigure(textOf(img), inlineSvg.get(img.getDestination())));
      p.unlink();
    }
    for (Node n : unsafe) {
      if (n instanceof Image) {
        n.insertBefore(new Text(textOf(n)));
      } else {
        for (Node c = n.getFirstChild(); c != null; ) {
          Node next = c.getNext();
          n.insertBefore(c);
          c = next;
        }
      }
      n.unlink();
    }
    return RENDERER.render(doc);
  }

  private static boolean safe(String target) {
    return target != null && SAFE.matcher(target).matches() && !target.startsWith("//");
  }

  /** Control characters other than newline and tab become {@code ?}. */
  private static String withoutControls(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\t') {
        if (sb == null) {
          sb = new StringBuilder(s);
        }
        sb.setCharAt(i, '?');
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** The plain text beneath a node: its text and code spans, markup dropped. */
  private static String textOf(Node node) {
    StringBuilder sb = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text text) {
            sb.append(text.getLiteral());
          }

          @Override
          public void visit(Code code) {
            sb.append(code.getLiteral());
          }
        });
    return sb.toString();
  }

  /** HTML text and attribute escaping: {@code & < > " '}; control characters become {@code ?}. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(Character.isISOControl(c) ? '?' : c);
      }
    }
    return sb.toString();
  }

  /** A heading's id: lower-case letters and digits joined by dashes. */
  static String anchor(String headingText) {
    String a =
        headingText
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    return a.isEmpty() ? "section" : a;
  }

  /** A chart shown in place of its image: {@code <figure role="img">} around the SVG. */
  private static final class InlineFigure extends CustomBlock {
    final String alt;
    final String svg;

    InlineFigure(String alt, String svg) {
      this.alt = alt;
      this.svg = svg;
    }
  }

  private static final class Figures implements NodeRenderer {
    private final HtmlWriter html;

    Figures(HtmlNodeRendererContext context) {
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(InlineFigure.class);
    }

    @Override
    public void render(Node node) {
      InlineFigure f = (InlineFigure) node;
      html.line();
      html.raw("<figure role=\"img\" aria-label=\"" + escape(f.alt) + "\">\n");
      html.raw(f.svg);
      html.raw("\n</figure>");
      html.line();
    }
  }

  /**
   * Pipe tables with the page's classes: sortable tables get {@code title="sort"} headers; a
   * key-value table (empty header row) has no {@code <thead>} and its first column as {@code th}.
   */
  private static final class Tables implements NodeRenderer {
    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    Tables(HtmlNodeRendererContext context) {
      this.context = context;
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(
          TableBlock.class, TableHead.class, TableBody.class, TableRow.class, TableCell.class);
    }

    @Override
    public void render(Node node) {
      if (node instanceof TableBlock t) {
        html.line();
        html.tag("table", Map.of("class", keyValue(t) ? "kv" : "sortable"));
        html.line();
        children(node);
        html.tag("/table");
        html.line();
      } else if (node instanceof TableHead) {
        if (!keyValue((TableBlock) node.getParent())) {
          html.tag("thead");
          children(node);
          html.tag("/thead");
          html.line();
        }
      } else if (node instanceof TableBody) {
        html.tag("tbody");
        html.line();
        children(node);
        html.tag("/tbody");
        html.line();
      } else if (node instanceof TableRow) {
        html.tag("tr");
        children(node);
        html.tag("/tr");
        if (node.getParent() instanceof TableBody) {
          html.line();
        }
      } else if (node instanceof TableCell cell) {
        boolean kvHeader =
            cell.getPrevious() == null
                && cell.getParent().getParent() instanceof TableBody
                && keyValue((TableBlock) cell.getParent().getParent().getParent());
        String tag = cell.isHeader() || kvHeader ? "th" : "td";
        Map<String, String> attrs = new LinkedHashMap<>();
        if (cell.getAlignment() == TableCell.Alignment.RIGHT) {
          attrs.put("class", "num");
        } else if (cell.getAlignment() == TableCell.Alignment.CENTER) {
          attrs.put("class", "center");
        }
        if (cell.isHeader()) {
          attrs.put("title", "sort");
        }
        html.tag(tag, attrs);
        children(node);
        html.tag("/" + tag);
      }
    }

    private void children(Node parent) {
      for (Node c = parent.getFirstChild(); c != null; ) {
        Node next = c.getNext();
        context.render(c);
        c = next;
      }
    }

    /** A table whose header cells are all empty: rows of name and value. */
    private static boolean keyValue(TableBlock table) {
      Node head = table.getFirstChild();
      if (!(head instanceof TableHead) || head.getFirstChild() == null) {
        return false;
      }
      for (Node c = head.getFirstChild().getFirstChild(); c != null; c = c.getNext()) {
        if (!textOf(c).isBlank()) {
          return false;
        }
      }
      return true;
    }
  }
}
