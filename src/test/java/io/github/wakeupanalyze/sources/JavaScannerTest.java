package io.github.wakeupanalyze.sources;

import static io.github.wakeupanalyze.sources.Snippets.assertSite;
import static io.github.wakeupanalyze.sources.Snippets.at;
import static io.github.wakeupanalyze.sources.Snippets.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaScannerTest {
  @TempDir Path dir;

  private static final String RECONCILER =
      """
      package org.acme;

      import java.time.Duration;
      import java.util.concurrent.TimeUnit;

      @ControllerConfiguration(
          name = "webpage",
          maxReconciliationInterval = @MaxReconciliationInterval(interval = 30, timeUnit = TimeUnit.MINUTES)) // max
      @GradualRetry(maxAttempts = 3, initialInterval = 500) // gradual
      public class WebPageReconciler implements Reconciler<WebPage>, ErrorStatusHandler<WebPage> {
        private static final long POLL_MS = 5 * 1000;
        private final Duration slow;

        public WebPageReconciler() {
          this.slow = Duration.ofMinutes(Long.parseLong(System.getenv().getOrDefault("SLOW_MINUTES", "2")));
        }

        @Override
        public UpdateControl<WebPage> reconcile(WebPage page, Context<WebPage> ctx) {
          try {
            client.apply(page);
          } catch (KubernetesClientException e) {
            return UpdateControl.<WebPage>noUpdate().rescheduleAfter(Duration.ofSeconds(20)); // catch
          }
          if (!page.isReady()) {
            return UpdateControl.patchStatus(page).rescheduleAfter(POLL_MS); // poll
          }
          switch (page.getPhase()) {
            case "Slow":
              return UpdateControl.<WebPage>noUpdate().rescheduleAfter(slow); // slow
            default:
              return UpdateControl.<WebPage>noUpdate().rescheduleAfter(interval(3), TimeUnit.SECONDS); // helper
          }
        }

        private long interval(long factor) {
          return factor * 2;
        }

        @Override
        public ErrorStatusUpdateControl<WebPage> updateErrorStatus(WebPage p, Context<WebPage> c, Exception e) {
          return ErrorStatusUpdateControl.patchStatus(p).rescheduleAfter(Duration.ofSeconds(Constants.ERROR_DELAY)); // errstatus
        }

        void configure(ControllerConfigurationOverrider<WebPage> o) {
          o.withReconciliationMaxInterval(Duration.ofHours(1)); // override
        }

        Retry retry() {
          return GenericRetry.defaultLimitedExponentialRetry().setInitialInterval(Duration.ofSeconds(4)).setMaxAttempts(8); // retry
        }
      }
      """;

  private static final String CONSTANTS =
      """
      package org.acme;

      public final class Constants {
        public static final long ERROR_DELAY = 45;
      }
      """;

  private ScanResult scan() {
    return Snippets.scan(
        dir,
        Map.of(
            "src/main/java/org/acme/WebPageReconciler.java", RECONCILER,
            "src/main/java/org/acme/Constants.java", CONSTANTS));
  }

  private CallSite site(ScanResult r, String marker) {
    return at(r, "src/main/java/org/acme/WebPageReconciler.java", lineOf(RECONCILER, marker));
  }

  @Test
  void rescheduleAfter_literalInCatch_isErrorPath() {
    CallSite s = site(scan(), "// catch");
    assertSite(s, Mechanism.REQUEUE_AFTER, 20, SiteKind.ERROR);
    assertEquals("catch (KubernetesClientException e)", s.condition());
    assertEquals("WebPageReconciler.reconcile", s.function());
    assertEquals(Framework.JOSDK, s.framework());
  }

  @Test
  void rescheduleAfter_constantMillis_conditional() {
    CallSite s = site(scan(), "// poll");
    assertSite(s, Mechanism.REQUEUE_AFTER, 5, SiteKind.CONDITIONAL);
    assertEquals("!page.isReady()", s.condition());
    assertEquals("WebPageReconciler.POLL_MS", s.delay().note());
  }

  @Test
  void fieldSetInConstructor_fromEnvWithDefault() {
    CallSite s = site(scan(), "// slow");
    assertSite(s, Mechanism.REQUEUE_AFTER, 120, SiteKind.CONDITIONAL);
    assertEquals("case \"Slow\"", s.condition());
    assertEquals("default 2 min, env SLOW_MINUTES", s.delay().human());
  }

  @Test
  void helperMethod_withTimeUnit() {
    CallSite s = site(scan(), "// helper");
    assertSite(s, Mechanism.REQUEUE_AFTER, 6, SiteKind.CONDITIONAL);
    assertEquals("default", s.condition());
  }

  @Test
  void errorStatusUpdateControl_withConstantOfAnotherClass() {
    CallSite s = site(scan(), "// errstatus");
    assertSite(s, Mechanism.REQUEUE_AFTER, 45, SiteKind.ERROR);
    assertTrue(s.delay().note().contains("Constants.ERROR_DELAY"), s.delay().note());
  }

  @Test
  void annotations_maxReconciliationInterval_andGradualRetry() {
    ScanResult r = scan();
    assertSite(site(r, "// max"), Mechanism.RESYNC, 1800, SiteKind.UNCONDITIONAL);
    CallSite gradual = site(r, "// gradual");
    assertSite(gradual, Mechanism.BACKOFF, 0.5, SiteKind.ERROR);
    assertTrue(gradual.delay().note().contains("3 attempts"), gradual.delay().note());
  }

  @Test
  void overrider_andGenericRetryChain() {
    ScanResult r = scan();
    assertSite(site(r, "// override"), Mechanism.RESYNC, 3600, SiteKind.UNCONDITIONAL);
    assertSite(site(r, "// retry"), Mechanism.BACKOFF, 4, SiteKind.ERROR);
  }

  @Test
  void controllerNames_configurationName_className_resource() {
    CallSite s = site(scan(), "// poll");
    assertEquals("webpage", s.controller());
    assertEquals(
        List.of(
            "WebPage",
            "WebPageReconciler",
            "org.acme.WebPageReconciler",
            "webpage",
            "webpagereconciler"),
        s.aliases());
  }

  @Test
  void syntaxError_warnedWithPlace_restStillScanned() {
    String broken =
        """
        class Broken {
          UpdateControl<X> reconcile() {
            return UpdateControl.<X>noUpdate().rescheduleAfter(1000); // found
          }
          void oops( { }
        }
        """;
    ScanResult r = Snippets.scan(dir, Map.of("Broken.java", broken));
    assertEquals(1, r.warnings().size(), r.warnings().toString());
    assertTrue(r.warnings().get(0).message().contains("Java syntax error"));
  }

  private static final String HELPER =
      """
      package org.acme;

      import java.time.Duration;

      public class ShopReconciler implements Reconciler<Shop> {
        private UpdateControl<Shop> later(long secs) {
          return UpdateControl.<Shop>noUpdate().rescheduleAfter(Duration.ofSeconds(secs));
        }

        @Override
        public UpdateControl<Shop> reconcile(Shop shop, Context<Shop> ctx) {
          if (shop.isOpening()) {
            return later(7); // opening
          }
          return UpdateControl.<Shop>noUpdate().rescheduleAfter(60_000); // literal
        }
      }
      """;

  @Test
  void helperWrappingRescheduleAfter_reportedAtEachCall_andLiteralMillisOnSuccessPath() {
    ScanResult r = Snippets.scan(dir, Map.of("src/main/java/org/acme/ShopReconciler.java", HELPER));
    assertEquals(2, r.sites().size(), Snippets.describe(r.sites()));
    CallSite opening =
        at(r, "src/main/java/org/acme/ShopReconciler.java", lineOf(HELPER, "// opening"));
    assertSite(opening, Mechanism.REQUEUE_AFTER, 7, SiteKind.CONDITIONAL);
    assertEquals("shop.isOpening()", opening.condition());
    assertEquals("ShopReconciler.reconcile", opening.function());
    assertTrue(opening.delay().note().startsWith("later() at ShopReconciler.java:"));
    CallSite literal =
        at(r, "src/main/java/org/acme/ShopReconciler.java", lineOf(HELPER, "// literal"));
    assertSite(literal, Mechanism.REQUEUE_AFTER, 60, SiteKind.SUCCESS);
    assertEquals(
        List.of("Shop", "ShopReconciler", "org.acme.ShopReconciler", "shopreconciler"),
        literal.aliases());
  }

  @Test
  void sdkOverloadsForwardingToEachOther_areItsApi_notSites() {
    String control =
        """
        package org.sdk;

        public abstract class Control<T> {
          public T rescheduleAfter(long millis) {
            return rescheduleAfter(java.time.Duration.ofMillis(millis));
          }

          public T rescheduleAfter(long delay, java.util.concurrent.TimeUnit unit) {
            return rescheduleAfter(unit.toMillis(delay));
          }
        }
        """;
    ScanResult r = Snippets.scan(dir, Map.of("src/main/java/org/sdk/Control.java", control));
    assertEquals(List.of(), r.sites(), Snippets.describe(r.sites()));
  }

  @Test
  void reconcilerClass_matchesTheControllerNameOfItsTraces() {
    CallSite s = site(scan(), "// poll");
    assertEquals(3, TimerMatcher.controllerScore("webpagereconciler", s), "@WithSpan traces");
    assertEquals(
        3, TimerMatcher.controllerScore("org.acme.WebPageReconciler", s), "a tracer per class");
    assertEquals(0, TimerMatcher.controllerScore("shopreconciler", s));
  }
}
