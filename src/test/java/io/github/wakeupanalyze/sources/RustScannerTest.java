package io.github.wakeupanalyze.sources;

import static io.github.wakeupanalyze.sources.Snippets.assertSite;
import static io.github.wakeupanalyze.sources.Snippets.at;
import static io.github.wakeupanalyze.sources.Snippets.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RustScannerTest {
  @TempDir Path dir;

  private static final String CONTROLLER =
      """
      use std::time::Duration;
      use kube::runtime::controller::{Action, Config, Controller};

      const READY_RECHECK: Duration = Duration::from_secs(5 * 60);
      const PROGRESS_SECS: u64 = 30;

      struct Settings { backoff: Duration }

      fn settings() -> Settings {
          Settings { backoff: Duration::from_millis(1500) }
      }

      fn requeue_interval() -> Duration {
          let secs = std::env::var("REQUEUE_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(120);
          Duration::from_secs(secs)
      }

      async fn reconcile(doc: Arc<Document>, ctx: Arc<Context>) -> Result<Action, Error> {
          if let Err(e) = ctx.client.get().await {
              return Ok(Action::requeue(Duration::from_secs(10))); // get failed
          }
          match doc.status.phase {
              Phase::Progressing => Ok(Action::requeue(Duration::from_secs(PROGRESS_SECS))), // progressing
              Phase::Ready => Ok(Action::requeue(READY_RECHECK)), // ready
              Phase::Paused => Ok(Action::requeue(requeue_interval())), // paused
              _ => Ok(Action::await_change()), // idle
          }
      }

      fn error_policy(doc: Arc<Document>, error: &Error, ctx: Arc<Context>) -> Action {
          Action::requeue(ctx.settings.backoff) // policy
      }

      pub async fn run(client: Client) {
          let docs = Api::<Document>::all(client.clone());
          let ticks = IntervalStream::new(tokio::time::interval(Duration::from_secs(3600)));
          Controller::new(docs, watcher::Config::default())
              .with_config(Config::default().debounce(Duration::from_millis(500))) // debounce
              .reconcile_all_on(ticks) // all
              .run(reconcile, error_policy, ctx)
              .await;
      }

      #[cfg(test)]
      mod tests {
          fn t() -> Action { Action::requeue(Duration::from_secs(1)) }
      }
      """;

  private ScanResult scan() {
    return Snippets.scan(dir, Map.of("src/controller.rs", CONTROLLER));
  }

  private CallSite site(ScanResult r, String marker) {
    return at(r, "src/controller.rs", lineOf(CONTROLLER, marker));
  }

  @Test
  void literal_constant_andConstantOfSeconds() {
    ScanResult r = scan();
    CallSite progressing = site(r, "// progressing");
    assertSite(progressing, Mechanism.REQUEUE_AFTER, 30, SiteKind.CONDITIONAL);
    assertEquals("match doc.status.phase: Phase::Progressing", progressing.condition());
    assertSite(site(r, "// ready"), Mechanism.REQUEUE_AFTER, 300, SiteKind.CONDITIONAL);
    assertEquals("READY_RECHECK", site(r, "// ready").delay().expression());
  }

  @Test
  void envWithDefault_throughFunction() {
    CallSite paused = site(scan(), "// paused");
    assertSite(paused, Mechanism.REQUEUE_AFTER, 120, SiteKind.CONDITIONAL);
    assertEquals("env REQUEUE_SECS", paused.delay().input());
    assertEquals("default 2 min, env REQUEUE_SECS", paused.delay().human());
  }

  @Test
  void errorPaths_ifLetErr_andErrorPolicy_withStructField() {
    ScanResult r = scan();
    CallSite get = site(r, "// get failed");
    assertSite(get, Mechanism.REQUEUE_AFTER, 10, SiteKind.ERROR);
    assertEquals("let Err(e) = ctx.client.get().await", get.condition());
    CallSite policy = site(r, "// policy");
    assertSite(policy, Mechanism.REQUEUE_AFTER, 1.5, SiteKind.ERROR);
    assertEquals("error policy error_policy", policy.condition());
    assertEquals("error_policy", policy.function());
  }

  @Test
  void awaitChange_hasNoDelay() {
    CallSite idle = site(scan(), "// idle");
    assertSite(idle, Mechanism.AWAIT_CHANGE, Double.NaN, SiteKind.CONDITIONAL);
    assertTrue(idle.delay().note().contains("no timer"));
  }

  @Test
  void config_debounce_andReconcileAllOnAnIntervalStream() {
    ScanResult r = scan();
    assertSite(site(r, "// debounce"), Mechanism.DEBOUNCE, 0.5, SiteKind.UNCONDITIONAL);
    assertSite(site(r, "// all"), Mechanism.RECONCILE_ALL, 3600, SiteKind.UNCONDITIONAL);
  }

  @Test
  void controllerIsTheApiKind_andCfgTestModuleIsListedApart() {
    ScanResult r = scan();
    assertEquals("Document", site(r, "// progressing").controller());
    assertEquals("Document", site(r, "// policy").controller());
    assertEquals(1, r.testSites().size());
    assertEquals(lineOf(CONTROLLER, "fn t()"), r.testSites().get(0).line());
    assertEquals(Framework.KUBE_RS, site(r, "// ready").framework());
  }

  private static final String HELPER =
      """
      use std::time::Duration;
      use kube::runtime::controller::{Action, Controller};

      struct Context { interval: Duration }

      impl Context {
          fn new() -> Self {
              Context { interval: Duration::from_secs(90) }
          }
      }

      fn requeue_in(secs: u64) -> Action {
          Action::requeue(Duration::from_secs(secs))
      }

      async fn reconcile(shop: Arc<Shop>, ctx: Arc<Context>) -> Result<Action, Error> {
          if shop.spec.paused {
              return Ok(requeue_in(45)); // paused
          }
          Ok(Action::requeue(ctx.interval)) // field
      }
      """;

  @Test
  void helperFunction_reportedAtEachCall_andFieldSetInConstructor_onSuccessPath() {
    ScanResult r = Snippets.scan(dir, Map.of("src/shop.rs", HELPER));
    assertEquals(2, r.sites().size(), Snippets.describe(r.sites()));
    CallSite paused = at(r, "src/shop.rs", lineOf(HELPER, "// paused"));
    assertSite(paused, Mechanism.REQUEUE_AFTER, 45, SiteKind.CONDITIONAL);
    assertEquals("shop.spec.paused", paused.condition());
    assertEquals("reconcile", paused.function());
    assertTrue(paused.delay().note().startsWith("requeue_in() at shop.rs:"), paused.delay().note());
    CallSite field = at(r, "src/shop.rs", lineOf(HELPER, "// field"));
    assertSite(field, Mechanism.REQUEUE_AFTER, 90, SiteKind.SUCCESS);
    assertEquals("ctx.interval", field.delay().expression());
  }
}
