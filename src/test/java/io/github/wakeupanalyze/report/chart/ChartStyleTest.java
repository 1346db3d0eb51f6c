package io.github.wakeupanalyze.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ChartStyleTest {
  static final Set<String> INSTALLED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    INSTALLED.addAll(Set.of("DejaVu Sans", "DejaVu Serif"));
  }

  @Test
  void resolveFont_installedOrLogical_keptAsIs() {
    assertEquals(
        new ChartStyle.Resolved("DejaVu Serif", false),
        ChartStyle.resolveFont("dejavu serif", INSTALLED));
    assertEquals(
        new ChartStyle.Resolved("Serif", false), ChartStyle.resolveFont("serif", INSTALLED));
  }

  @Test
  void resolveFont_missing_fallsBackToClosestLogicalFont() {
    assertEquals(
        new ChartStyle.Resolved("Serif", true),
        ChartStyle.resolveFont("Latin Modern Roman", INSTALLED));
    assertEquals(
        new ChartStyle.Resolved("SansSerif", true),
        ChartStyle.resolveFont("Helvetica Neue", INSTALLED));
    assertEquals(
        new ChartStyle.Resolved("Monospaced", true),
        ChartStyle.resolveFont("Latin Modern Mono", INSTALLED));
  }

  @Test
  void cssFontFamily_hasAGenericFallback() {
    assertEquals("'Latin Modern Roman', serif", ChartExport.cssFontFamily("Latin Modern Roman"));
    assertEquals("sans-serif", ChartExport.cssFontFamily("SansSerif"));
  }
}
