package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.ingest.ReadProgress;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.report.ThesisFigures;
import io.github.wakeupanalyze.report.chart.ChartStyle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wakeup-analyze figures}: the analysis's charts as print-ready PDF and SVG. */
@Command(
    name = "figures",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Writes each chart of each operator as vector PDF and SVG at a chosen size and font, a "
          + "LaTeX booktabs table of the headline numbers (headline.tex) and a CSV of every "
          + "plotted series per operator (series.csv), for redrawing in pgfplots or matplotlib.",
      "",
      "Runs the same analysis as analyze. Lengths take a unit: cm, mm, in or pt (1 in = 72 pt)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "2:usage error (bad option or argument)",
      "3:an input is unreadable or not a valid trace (the others are still used)",
      "4:internal error (run with --verbose and report it)"
    })
final class FiguresCommand implements Callable<Integer> {
  private static final Pattern LENGTH = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(cm|mm|in|pt)");

  @Spec CommandSpec spec;

  @ParentCommand WakeupAnalyzeCommand parent;

  @Parameters(
      arity = "1..*",
      paramLabel = "INPUT",
      description = "Trace files, as for analyze; '-' reads standard input.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      required = true,
      description = "Output folder.")
  Path out;

  @Option(
      names = "--width",
      paramLabel = "LENGTH",
      defaultValue = "12cm",
      description = "Figure width (default: ${DEFAULT-VALUE}).")
  String width;

  @Option(
      names = "--height",
      paramLabel = "LENGTH",
      defaultValue = "6cm",
      description = "Figure height (default: ${DEFAULT-VALUE}).")
  String height;

  @Option(
      names = "--font",
      paramLabel = "FAMILY",
      defaultValue = "SansSerif",
      description =
          "Font family (default: ${DEFAULT-VALUE}); when it is not installed, the "
              + "closest Java logical font (Serif, SansSerif or Monospaced) is used and a warning "
              + "printed.")
  String font;

  @Option(
      names = "--font-size",
      paramLabel = "LENGTH",
      defaultValue = "9pt",
      description = "Font size of every text in the figures (default: ${DEFAULT-VALUE}).")
  String fontSize;

  @CommandLine.Mixin TraceOptions traceOptions;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only errors and warnings.")
  boolean quiet;

  @Option(names = "--verbose", description = "Print stack traces of internal errors.")
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    double widthPt = length("--width", width, 36, 2880);
    double heightPt = length("--height", height, 36, 2880);
    double sizePt = length("--font-size", fontSize, 4, 72);
    ChartStyle.Resolved resolved = ChartStyle.resolveFont(font);
    if (resolved.fallback()) {
      err.println(
          "warning: font \""
              + font
              + "\" is not installed; using the logical font "
              + resolved.family()
              + " instead");
    }
    TraceOptions.Run run =
        traceOptions.run(inputs, parent.stdin, ReadProgress.NONE, err, false, verbose);
    if (run == null) {
      return ExitCodes.INVALID_INPUT;
    }
    Pipeline.Result result = run.result();
    int failed = run.failed();
    List<Path> written =
        ThesisFigures.writeAll(
            out,
            VersionProvider.version(),
            result.analysis(),
            ChartStyle.print(resolved.family(), sizePt, widthPt, heightPt));
    if (!quiet) {
      err.println(
          String.format(
              Locale.ROOT,
              "wrote %d files under %s (%.1f × %.1f pt, %s %.1f pt)",
              written.size(),
              out,
              widthPt,
              heightPt,
              resolved.family(),
              sizePt));
    }
    err.flush();
    return failed > 0 ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
  }

  /** A length such as {@code 12cm}, {@code 85 mm}, {@code 4.5in} or {@code 9pt}, in points. */
  private double length(String option, String text, double minPt, double maxPt) {
    Double pt = toPoints(text);
    if (pt == null || pt < minPt || pt > maxPt) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          String.format(
              Locale.ROOT,
              "Invalid value for option '%s': '%s' (expected a number and a unit, cm, mm, in or pt, "
                  + "between %.0f and %.0f pt, e.g. 12cm)",
              option,
              text,
              minPt,
              maxPt));
    }
    return pt;
  }

  static Double toPoints(String text) {
    Matcher m = LENGTH.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "cm" -> v * 72 / 2.54;
      case "mm" -> v * 72 / 25.4;
      case "in" -> v * 72;
      default -> v;
    };
  }
}
