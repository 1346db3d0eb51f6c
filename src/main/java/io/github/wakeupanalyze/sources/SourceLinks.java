package io.github.wakeupanalyze.sources;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The call sites matched to every timer of an analysis ({@link TimerMatcher}), for the reports,
 * {@code summary.json} and {@code compare}. {@link #NONE} when no source was scanned: reports then
 * look as they do without {@code --sources}.
 */
public final class SourceLinks {
  /** No source scanned. */
  public static final SourceLinks NONE = new SourceLinks(null, Map.of());

  private final ScanResult scan;
  private final Map<TimerFinding, TimerMatcher.Link> links;

  private SourceLinks(ScanResult scan, Map<TimerFinding, TimerMatcher.Link> links) {
    this.scan = scan;
    this.links = links;
  }

  /** Matches every timer of every controller of the analysis to the scanned call sites. */
  public static SourceLinks of(ScanResult scan, Analysis analysis) {
    Map<TimerFinding, TimerMatcher.Link> m = new IdentityHashMap<>();
    for (ControllerResult c : analysis.controllers()) {
      for (TimerFinding t : c.timers()) {
        m.put(t, TimerMatcher.match(c.controller(), t, scan.sites()));
      }
    }
    return new SourceLinks(scan, m);
  }

  /** True when a source was scanned (even if no timer matched). */
  public boolean present() {
    return scan != null;
  }

  /** The scan, when {@link #present()}. */
  public Optional<ScanResult> scan() {
    return Optional.ofNullable(scan);
  }

  /** The sites matched to this timer (the same instance the analysis holds). */
  public TimerMatcher.Link of(TimerFinding t) {
    return links.getOrDefault(t, new TimerMatcher.Link(List.of(), TimerMatcher.Basis.NONE));
  }
}
