package io.github.wakeupanalyze.sources;

import java.util.Comparator;
import java.util.List;

/**
 * One place in an operator's source that schedules a reconcile.
 *
 * @param file the file relative to the scanned root, with {@code /} separators, e.g. {@code
 *     pkg/controller/psmdb/psmdb_controller.go}
 * @param line 1-based line of the site
 * @param language the file's language
 * @param framework the framework whose API the site uses
 * @param controller the controller the site belongs to, as the operator registers it when the
 *     registration is found ({@code psmdb-controller}), else the reconciler type ({@code
 *     ReconcilePerconaServerMongoDB}), else the package or module; {@code (manager)} for
 *     manager-wide settings
 * @param aliases every name the controller is known by (registration name, reconciler type, the
 *     kind it reconciles), for matching against controller names in traces; sorted
 * @param function the enclosing function, e.g. {@code ReconcilePerconaServerMongoDB.Reconcile}
 * @param mechanism how the site makes the controller reconcile again
 * @param kind where on the reconcile's paths it sits
 * @param condition for {@link SiteKind#CONDITIONAL} and {@link SiteKind#ERROR}, the innermost
 *     condition as written, e.g. {@code err != nil}; else empty
 * @param delay the delay asked for
 * @param test true for test code ({@code _test.go}, {@code tests/}, {@code #[cfg(test)]}, {@code
 *     src/test/}), listed apart from product code
 */
public record CallSite(
    String file,
    int line,
    Language language,
    Framework framework,
    String controller,
    List<String> aliases,
    String function,
    Mechanism mechanism,
    SiteKind kind,
    String condition,
    Delay delay,
    boolean test) {
  /** File, then line, then mechanism: the order of every output. */
  public static final Comparator<CallSite> ORDER =
      Comparator.comparing(CallSite::file)
          .thenComparingInt(CallSite::line)
          .thenComparing(CallSite::mechanism)
          .thenComparing(c -> c.delay().expression());

  public CallSite {
    aliases = List.copyOf(aliases);
  }

  /** {@code file:line}, e.g. {@code psmdb_controller.go:290} with the directory left out. */
  public String shortPlace() {
    int slash = file.lastIndexOf('/');
    return file.substring(slash + 1) + ":" + line;
  }
}
