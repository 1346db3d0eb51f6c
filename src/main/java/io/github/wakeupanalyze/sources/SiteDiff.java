package io.github.wakeupanalyze.sources;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * The call sites added, removed and changed between two versions of an operator's source.
 *
 * <p>Lines move between versions, so sites are matched by what they are, not where: two sites are
 * the same site when file, enclosing function and mechanism agree. Within such a group, sites that
 * also agree on kind, condition and delay are unchanged (whatever their lines); the rest pair as
 * <em>changed</em>, first those whose delay alone moved, then those whose delay stayed (the kind or
 * the condition moved), then in line order; what is left is <em>added</em> or <em>removed</em>. A
 * file renamed between versions shows its sites removed and added. Product code only: test sites
 * are not compared.
 *
 * @param added sites only the new version has, in {@link CallSite#ORDER}
 * @param removed sites only the old version has, in that order
 * @param changed pairs of the old and new site, in the new site's order
 * @param unchanged number of sites the same in both
 */
public record SiteDiff(
    List<CallSite> added, List<CallSite> removed, List<Change> changed, int unchanged) {
  public SiteDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  /**
   * One site in both versions whose delay, kind or condition differs.
   *
   * @param before the old version's site
   * @param after the new version's site
   */
  public record Change(CallSite before, CallSite after) {
    /** What differs, e.g. {@code delay 5 s → 10 s}, or {@code kind success → conditional}. */
    public String what() {
      List<String> parts = new ArrayList<>();
      if (!sameDelay(before, after)) {
        parts.add("delay " + shown(before) + " → " + shown(after));
      }
      if (before.kind() != after.kind()) {
        parts.add("kind " + before.kind().label() + " → " + after.kind().label());
      }
      if (!before.condition().equals(after.condition())) {
        parts.add(
            "condition "
                + (before.condition().isEmpty() ? "none" : before.condition())
                + " → "
                + (after.condition().isEmpty() ? "none" : after.condition()));
      }
      return String.join("; ", parts);
    }

    private static String shown(CallSite s) {
      String h = s.delay().human();
      return h.startsWith("?") ? s.delay().expression() + " (" + h + ")" : h;
    }
  }

  /** True when nothing was added, removed or changed. */
  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /** {@code 1 added, 1 removed, 2 changed, 5 unchanged}. */
  public String summary() {
    return added.size()
        + " added, "
        + removed.size()
        + " removed, "
        + changed.size()
        + " changed, "
        + unchanged
        + " unchanged";
  }

  /** The difference from the sites of {@code before} to those of {@code after}. */
  public static SiteDiff of(List<CallSite> before, List<CallSite> after) {
    Map<String, List<CallSite>> oldGroups = groups(before);
    Map<String, List<CallSite>> newGroups = groups(after);
    List<CallSite> added = new ArrayList<>();
    List<CallSite> removed = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    int unchanged = 0;
    for (Map.Entry<String, List<CallSite>> e : newGroups.entrySet()) {
      List<CallSite> olds = new ArrayList<>(oldGroups.getOrDefault(e.getKey(), List.of()));
      List<CallSite> news = new ArrayList<>();
      for (CallSite n : e.getValue()) {
        CallSite same = olds.stream().filter(o -> same(o, n)).findFirst().orElse(null);
        if (same == null) {
          news.add(n);
        } else {
          olds.remove(same);
          unchanged++;
        }
      }
      // a site whose delay alone moved pairs first, then one whose delay stayed, then by line
      List<BiPredicate<CallSite, CallSite>> closeness =
          List.of(
              (o, n) -> o.kind() == n.kind() && o.condition().equals(n.condition()),
              SiteDiff::sameDelay,
              (o, n) -> true);
      for (BiPredicate<CallSite, CallSite> close : closeness) {
        for (Iterator<CallSite> it = news.iterator(); it.hasNext(); ) {
          CallSite n = it.next();
          CallSite o = olds.stream().filter(x -> close.test(x, n)).findFirst().orElse(null);
          if (o != null) {
            olds.remove(o);
            it.remove();
            changed.add(new Change(o, n));
          }
        }
      }
      added.addAll(news);
      removed.addAll(olds);
    }
    oldGroups.forEach(
        (k, v) -> {
          if (!newGroups.containsKey(k)) {
            removed.addAll(v);
          }
        });
    added.sort(CallSite.ORDER);
    removed.sort(CallSite.ORDER);
    changed.sort(Comparator.comparing(Change::after, CallSite.ORDER));
    return new SiteDiff(added, removed, changed, unchanged);
  }

  private static Map<String, List<CallSite>> groups(List<CallSite> sites) {
    Map<String, List<CallSite>> g = new LinkedHashMap<>();
    sites.stream()
        .filter(s -> !s.test())
        .sorted(CallSite.ORDER)
        .forEach(
            s ->
                g.computeIfAbsent(
                        s.file() + "\u0000" + s.function() + "\u0000" + s.mechanism(),
                        k -> new ArrayList<>())
                    .add(s));
    return g;
  }

  private static boolean same(CallSite a, CallSite b) {
    return a.kind() == b.kind() && a.condition().equals(b.condition()) && sameDelay(a, b);
  }

  private static boolean sameDelay(CallSite a, CallSite b) {
    return Objects.equals(a.delay().nanos(), b.delay().nanos())
        && a.delay().input().equals(b.delay().input())
        && (a.delay().nanos().isPresent() || a.delay().expression().equals(b.delay().expression()));
  }
}
