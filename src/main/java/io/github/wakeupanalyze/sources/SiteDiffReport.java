package io.github.wakeupanalyze.sources;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.util.List;

/** A {@link SiteDiff} in the Markdown and the JSON of {@code compare}. */
public final class SiteDiffReport {
  private SiteDiffReport() {}

  /**
   * A {@code ## Call sites} section: one table of added, removed and changed sites, e.g. {@code |
   * changed | `psmdb_controller.go:290` | psmdb-controller | requeue-after | delay 5 s → 10 s |}.
   */
  public static String markdown(SiteDiff d, String oldRoot, String newRoot) {
    StringBuilder sb = new StringBuilder("## Call sites\n\n");
    sb.append("Sources `")
        .append(Names.code(oldRoot))
        .append("` → `")
        .append(Names.code(newRoot))
        .append("`: ")
        .append(d.summary())
        .append(".\n\n");
    if (d.isEmpty()) {
      return sb.append("No call site was added, removed or changed.\n").toString();
    }
    sb.append("| Change | Site | Controller | Mechanism | What |\n|---|---|---|---|---|\n");
    for (SiteDiff.Change c : d.changed()) {
      row(sb, "changed", c.after(), c.what() + " (was line " + c.before().line() + ")");
    }
    for (CallSite s : d.added()) {
      row(sb, "added", s, s.kind().label() + ", " + s.delay().human());
    }
    for (CallSite s : d.removed()) {
      row(sb, "removed", s, s.kind().label() + ", " + s.delay().human());
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String change, CallSite s, String what) {
    sb.append("| ")
        .append(change)
        .append(" | `")
        .append(Names.code(s.file() + ":" + s.line()))
        .append("` | ")
        .append(Names.markdown(s.controller()))
        .append(" | ")
        .append(s.mechanism().label())
        .append(" | ")
        .append(Names.markdown(what))
        .append(" |\n");
  }

  /**
   * A {@code call_sites} field: {@code {"added": [site…], "removed": [site…], "changed":
   * [{"before": site, "after": site, "what": "delay 5 s → 10 s"}], "unchanged": 5}}, each site as
   * {@code file, line, controller, function, mechanism, kind, delay_s (null when unresolved),
   * delay_expr, condition}.
   */
  public static void json(JsonGenerator g, SiteDiff d) throws IOException {
    g.writeObjectFieldStart("call_sites");
    sites(g, "added", d.added());
    sites(g, "removed", d.removed());
    g.writeArrayFieldStart("changed");
    for (SiteDiff.Change c : d.changed()) {
      g.writeStartObject();
      g.writeFieldName("before");
      site(g, c.before());
      g.writeFieldName("after");
      site(g, c.after());
      g.writeStringField("what", c.what());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("unchanged", d.unchanged());
    g.writeEndObject();
  }

  private static void sites(JsonGenerator g, String name, List<CallSite> sites) throws IOException {
    g.writeArrayFieldStart(name);
    for (CallSite s : sites) {
      site(g, s);
    }
    g.writeEndArray();
  }

  private static void site(JsonGenerator g, CallSite s) throws IOException {
    g.writeStartObject();
    g.writeStringField("file", s.file());
    g.writeNumberField("line", s.line());
    g.writeStringField("controller", s.controller());
    g.writeStringField("function", s.function());
    g.writeStringField("mechanism", s.mechanism().label());
    g.writeStringField("kind", s.kind().label());
    if (s.delay().nanos().isPresent()) {
      g.writeNumberField("delay_s", s.delay().seconds());
    } else {
      g.writeNullField("delay_s");
    }
    g.writeStringField("delay_expr", s.delay().expression());
    g.writeStringField("condition", s.condition());
    g.writeEndObject();
  }
}
