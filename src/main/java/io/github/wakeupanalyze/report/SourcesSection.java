package io.github.wakeupanalyze.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.sources.CallSite;
import io.github.wakeupanalyze.sources.CallSiteJson;
import io.github.wakeupanalyze.sources.CallSitesMarkdown;
import io.github.wakeupanalyze.sources.SourceLinks;
import io.github.wakeupanalyze.sources.TimerMatcher;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.io.Writer;

/**
 * The call sites behind each timer, when {@code analyze --sources} (or {@code sources --traces})
 * scanned the operator's code: a section of {@code report.md} / {@code report.html} and the {@code
 * call_sites} of each timer in {@code summary.json}. Nothing is written without a scan, so reports
 * look as before. File names and expressions come from the scanned code: escaped like trace names.
 */
final class SourcesSection {
  /** At most this many sites are listed per timer (best first); the rest are counted. */
  static final int MAX_SITES = 3;

  private SourcesSection() {}

  /** "## Call sites behind the timers": one row per matched site, or one saying none matched. */
  static void markdown(OperatorView op, SourceLinks links, Writer w) throws IOException {
    if (!links.present()) {
      return;
    }
    w.write("## Call sites behind the timers\n\n");
    w.write(CallSitesMarkdown.summary(links.scan().orElseThrow()) + "\n\n");
    boolean any = false;
    for (ControllerResult c : op.controllers()) {
      for (TimerFinding t : c.timers()) {
        if (!any) {
          w.write(
              "| controller | timer | call site | function | kind | delay in code | expression "
                  + "| condition | matched by |\n|---|---|---|---|---|---:|---|---|---|\n");
          any = true;
        }
        TimerMatcher.Link link = links.of(t);
        String timer =
            Names.markdown(c.controller())
                + " | "
                + Format.duration(t.delaySeconds())
                + " "
                + t.source().label();
        if (link.sites().isEmpty()) {
          w.write("| " + timer + " | none found | | | | | | " + link.basis().label() + " |\n");
          continue;
        }
        int shown = Math.min(MAX_SITES, link.sites().size());
        for (int i = 0; i < shown; i++) {
          CallSite s = link.sites().get(i);
          w.write(
              "| "
                  + timer
                  + " | `"
                  + Names.code(s.file() + ":" + s.line())
                  + "` | "
                  + Names.markdown(s.function())
                  + " | "
                  + s.kind().label()
                  + " | "
                  + Names.markdown(s.delay().human())
                  + " | `"
                  + Names.code(s.delay().expression())
                  + "` | "
                  + (s.condition().isEmpty() ? "" : "`" + Names.code(s.condition()) + "`")
                  + " | "
                  + link.basis().label()
                  + (i == shown - 1 && link.sites().size() > shown
                      ? " (+" + (link.sites().size() - shown) + " more)"
                      : "")
                  + " |\n");
        }
      }
    }
    w.write(
        any
            ? "\nMatched by the timer's delay (within its window) and the controller's name; "
                + "\"delay only\" when no site of that controller fits, \"controller; delay set at "
                + "run time\" when the code's default differs but an input (an environment "
                + "variable, a flag) overrides it.\n\n"
            : "No timer to match.\n\n");
  }

  /** {@code call_site_match} and {@code call_sites} of one timer in {@code summary.json}. */
  static void json(JsonGenerator g, SourceLinks links, TimerFinding t) throws IOException {
    if (!links.present()) {
      return;
    }
    TimerMatcher.Link link = links.of(t);
    g.writeStringField("call_site_match", link.basis().label());
    g.writeArrayFieldStart("call_sites");
    for (CallSite s : link.sites()) {
      CallSiteJson.write(g, s);
    }
    g.writeEndArray();
  }
}
