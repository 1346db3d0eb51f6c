package io.github.wakeupanalyze.sources;

/**
 * Where a call site sits on its function's paths.
 *
 * @param kind success, conditional, error or unconditional
 * @param condition the innermost condition as written, e.g. {@code err != nil} or {@code case
 *     "Initializing"}; empty for {@link SiteKind#SUCCESS} and {@link SiteKind#UNCONDITIONAL}
 */
public record Place(SiteKind kind, String condition) {
  /** On the success path, no condition. */
  public static final Place SUCCESS = new Place(SiteKind.SUCCESS, "");

  /** Configuration that applies whatever the outcome. */
  public static final Place UNCONDITIONAL = new Place(SiteKind.UNCONDITIONAL, "");
}
