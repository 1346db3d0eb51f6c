package io.github.wakeupanalyze.sources;

import io.github.wakeupanalyze.text.Names;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code callsites.md}: the call sites as Markdown tables (product code, then tests), the warnings,
 * and what the scan covered. Names and text from the scanned code go through {@link Names#markdown}
 * or, inside code spans, {@link Names#code}.
 */
public final class CallSitesMarkdown {
  private CallSitesMarkdown() {}

  /** The document; {@code title} names what was scanned, e.g. {@code sample-operator}. */
  public static String write(String title, ScanResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Reconcile call sites: ").append(Names.markdown(title)).append("\n\n");
    sb.append(summary(r)).append("\n\n");
    if (r.sites().isEmpty()) {
      sb.append("No call site that schedules a reconcile was found.\n");
    } else {
      table(sb, r.sites());
    }
    if (!r.testSites().isEmpty()) {
      sb.append("\n## In tests\n\n");
      table(sb, r.testSites());
    }
    if (!r.warnings().isEmpty()) {
      sb.append("\n## Warnings\n\n");
      for (ScanResult.Warning w : r.warnings()) {
        sb.append("- `")
            .append(Names.code(w.file()))
            .append("`: ")
            .append(Names.markdown(w.message()))
            .append('\n');
      }
    }
    sb.append("\n")
        .append(
            "Kinds: *success* — returned on the success path; *conditional* — under the condition"
                + " shown; *error* — on an error path or a retry setting; *unconditional* —"
                + " configuration that applies to every object.\n");
    return sb.toString();
  }

  /** {@code 7 call sites (3 in tests) in 218 go files; 95 parsed, 1 generated skipped}. */
  public static String summary(ScanResult r) {
    Map<String, Integer> langs = new TreeMap<>();
    r.filesByLanguage().forEach((l, n) -> langs.put(l.label(), n));
    StringBuilder files = new StringBuilder();
    langs.forEach(
        (l, n) -> files.append(files.length() == 0 ? "" : ", ").append(n).append(' ').append(l));
    return r.sites().size()
        + (r.sites().size() == 1 ? " call site" : " call sites")
        + (r.testSites().isEmpty() ? "" : " (and " + r.testSites().size() + " in tests)")
        + " in "
        + (files.length() == 0 ? "no source files" : files + " files")
        + "; "
        + r.parsed()
        + " parsed"
        + (r.generated() == 0 ? "" : ", " + r.generated() + " generated skipped")
        + (r.vendoredDirs() == 0 ? "" : ", " + r.vendoredDirs() + " vendored directories skipped")
        + (r.warnings().isEmpty() ? "" : ", " + r.warnings().size() + " warnings")
        + ".";
  }

  private static void table(StringBuilder sb, List<CallSite> sites) {
    sb.append(
        "| Site | Controller | Function | Mechanism | Kind | Delay | Expression | Condition |\n");
    sb.append("|---|---|---|---|---|---:|---|---|\n");
    for (CallSite s : sites) {
      sb.append("| `")
          .append(Names.code(s.file() + ":" + s.line()))
          .append("` | ")
          .append(Names.markdown(s.controller()))
          .append(" | ")
          .append(Names.markdown(s.function()))
          .append(" | ")
          .append(s.mechanism().label())
          .append(" | ")
          .append(s.kind().label())
          .append(" | ")
          .append(Names.markdown(s.delay().human()))
          .append(" | `")
          .append(Names.code(s.delay().expression()))
          .append('`')
          .append(s.delay().note().isEmpty() ? "" : " — " + Names.markdown(s.delay().note()))
          .append(" | ")
          .append(s.condition().isEmpty() ? "" : "`" + Names.code(s.condition()) + "`")
          .append(" |\n");
    }
  }
}
