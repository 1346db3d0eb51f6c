package io.github.wakeupanalyze.sources;

import io.github.wakeupanalyze.text.Csv;
import io.github.wakeupanalyze.text.Durations;
import java.util.List;

/**
 * {@code callsites.csv}: one row per call site.
 *
 * <p>Columns: {@code file,line,language,framework,controller,function,mechanism,kind,delay_s,
 * delay_expr,input,note,condition}. {@code file} is relative to the scanned root; {@code delay_s}
 * is exact decimal seconds ({@code 5}, {@code 0.05}) and empty when unresolved, {@code note} then
 * says why; {@code input} names what overrides the delay at run time ({@code env
 * RECONCILE_INTERVAL}, {@code flag --sync-period}). Every text cell goes through {@link Csv}.
 */
public final class CallSitesCsv {
  /** The header line. */
  public static final String HEADER =
      "file,line,language,framework,controller,function,mechanism,kind,delay_s,delay_expr,"
          + "input,note,condition";

  private CallSitesCsv() {}

  /** The file's text: header and rows, LF line ends. */
  public static String write(List<CallSite> sites) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (CallSite s : sites) {
      Csv.text(sb, s.file()).append(',');
      Csv.number(sb, Integer.toString(s.line())).append(',');
      Csv.text(sb, s.language().label()).append(',');
      Csv.text(sb, s.framework().label()).append(',');
      Csv.text(sb, s.controller()).append(',');
      Csv.text(sb, s.function()).append(',');
      Csv.text(sb, s.mechanism().label()).append(',');
      Csv.text(sb, s.kind().label()).append(',');
      if (s.delay().nanos().isPresent()) {
        Csv.number(sb, Durations.plainSeconds(s.delay().nanos().getAsLong()));
      }
      sb.append(',');
      Csv.text(sb, s.delay().expression()).append(',');
      Csv.text(sb, s.delay().input()).append(',');
      Csv.text(sb, s.delay().note()).append(',');
      Csv.text(sb, s.condition()).append('\n');
    }
    return sb.toString();
  }
}
