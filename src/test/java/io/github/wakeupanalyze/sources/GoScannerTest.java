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

class GoScannerTest {
  @TempDir Path dir;

  private static final String HEADER =
      """
      package db

      import (
      \t"context"
      \t"os"
      \t"time"

      \tapierrors "k8s.io/apimachinery/pkg/api/errors"
      \tctrl "sigs.k8s.io/controller-runtime"
      \t"sigs.k8s.io/controller-runtime/pkg/reconcile"
      )
      """;

  private ScanResult scanOne(String body) {
    return Snippets.scan(dir, Map.of("db/db.go", HEADER + body));
  }

  @Test
  void literal_resolvesConstantExpression_successPath() {
    String src =
        HEADER
            + """
            func (r *DBReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
            \treturn ctrl.Result{RequeueAfter: 5 * time.Second}, nil // here
            }
            """;
    ScanResult r = Snippets.scan(dir, Map.of("db/db.go", src));
    CallSite s = at(r, "db/db.go", lineOf(src, "// here"));
    assertSite(s, Mechanism.REQUEUE_AFTER, 5, SiteKind.SUCCESS);
    assertEquals("5 * time.Second", s.delay().expression());
    assertEquals("DBReconciler.Reconcile", s.function());
    assertEquals("DBReconciler", s.controller());
    assertEquals(Language.GO, s.language());
    assertEquals(Framework.CONTROLLER_RUNTIME, s.framework());
  }

  @Test
  void durationConversion_timesUnit() {
    String body =
        """
        func (r *R) Reconcile(ctx context.Context, req ctrl.Request) (reconcile.Result, error) {
        \treturn reconcile.Result{RequeueAfter: time.Duration(30) * time.Second}, nil // here
        }
        """;
    ScanResult r = scanOne(body);
    assertSite(
        at(r, "db/db.go", lineOf(HEADER + body, "// here")),
        Mechanism.REQUEUE_AFTER,
        30,
        SiteKind.SUCCESS);
  }

  @Test
  void packageConstant_andVariable_inAnotherFileOfThePackage() {
    String main =
        HEADER
            + """
            func (r *R) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
            \tif req.Name == "" {
            \t\treturn ctrl.Result{RequeueAfter: shortWait}, nil // short
            \t}
            \treturn ctrl.Result{RequeueAfter: longWait}, nil // long
            }
            """;
    String consts =
        """
        package db

        import "time"

        const shortWait = 2 * time.Minute

        var longWait = time.Hour + 30*time.Minute
        """;
    ScanResult r = Snippets.scan(dir, Map.of("db/db.go", main, "db/consts.go", consts));
    CallSite shortSite = at(r, "db/db.go", lineOf(main, "// short"));
    assertSite(shortSite, Mechanism.REQUEUE_AFTER, 120, SiteKind.CONDITIONAL);
    assertEquals("req.Name == \"\"", shortSite.condition());
    assertEquals("shortWait", shortSite.delay().expression());
    assertEquals(
        "", shortSite.delay().note(), "a note that only repeats the expression is left out");
    assertSite(
        at(r, "db/db.go", lineOf(main, "// long")),
        Mechanism.REQUEUE_AFTER,
        5400,
        SiteKind.SUCCESS);
  }

  @Test
  void constantOfAnotherPackage_throughGoMod() {
    String main =
        """
        package db

        import (
        \tctrl "sigs.k8s.io/controller-runtime"
        \t"example.com/op/internal/timing"
        )

        func (r *R) Reconcile() (ctrl.Result, error) {
        \treturn ctrl.Result{RequeueAfter: timing.Resync}, nil // here
        }
        """;
    String timing =
        """
        package timing

        import "time"

        const Resync = 45 * time.Second
        """;
    ScanResult r =
        Snippets.scan(
            dir,
            Map.of(
                "go.mod", "module example.com/op\n\ngo 1.22\n",
                "db/db.go", main,
                "internal/timing/timing.go", timing));
    CallSite s = at(r, "db/db.go", lineOf(main, "// here"));
    assertSite(s, Mechanism.REQUEUE_AFTER, 45, SiteKind.SUCCESS);
    assertEquals("timing.Resync", s.delay().expression());
  }

  @Test
  void fieldSetInConstructor_fromEnvWithDefault_reportsBoth() {
    String src =
        HEADER
            + """
            type ReconcileDB struct {
            \treconcileIn time.Duration
            }

            func newReconciler() *ReconcileDB {
            \treturn &ReconcileDB{reconcileIn: getReconcileInterval()}
            }

            func getReconcileInterval() time.Duration {
            \tdefaultInterval := 5 * time.Second
            \tinterval := os.Getenv("RECONCILE_INTERVAL")
            \tif interval == "" {
            \t\treturn defaultInterval
            \t}
            \td, err := time.ParseDuration(interval)
            \tif err != nil {
            \t\treturn defaultInterval
            \t}
            \treturn d
            }

            func (r *ReconcileDB) Reconcile(ctx context.Context, req reconcile.Request) (reconcile.Result, error) {
            \trr := reconcile.Result{
            \t\tRequeueAfter: r.reconcileIn, // here
            \t}
            \treturn rr, nil
            }
            """;
    ScanResult r = Snippets.scan(dir, Map.of("db/db.go", src));
    CallSite s = at(r, "db/db.go", lineOf(src, "// here"));
    assertSite(s, Mechanism.REQUEUE_AFTER, 5, SiteKind.SUCCESS);
    assertEquals("env RECONCILE_INTERVAL", s.delay().input());
    assertEquals("default 5 s, env RECONCILE_INTERVAL", s.delay().human());
    assertEquals("r.reconcileIn", s.delay().expression());
    assertTrue(s.delay().note().contains("getReconcileInterval()"), s.delay().note());
    assertTrue(s.delay().note().contains("newReconciler"), s.delay().note());
  }

  @Test
  void errorPaths_ifErrNotNil_apiErrorsCheck_andReturnedWithError() {
    String body =
        """
        func (r *R) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
        \tif err := r.fetch(ctx); err != nil {
        \t\tif apierrors.IsNotFound(err) {
        \t\t\treturn ctrl.Result{RequeueAfter: time.Minute}, nil // notfound
        \t\t}
        \t\treturn ctrl.Result{RequeueAfter: 10 * time.Second}, nil // fetch
        \t}
        \terr := r.apply(ctx)
        \treturn ctrl.Result{RequeueAfter: 3 * time.Second}, err // witherr
        }
        """;
    String src = HEADER + body;
    ScanResult r = scanOne(body);
    CallSite notFound = at(r, "db/db.go", lineOf(src, "// notfound"));
    assertSite(notFound, Mechanism.REQUEUE_AFTER, 60, SiteKind.ERROR);
    assertEquals("apierrors.IsNotFound(err)", notFound.condition());
    CallSite fetch = at(r, "db/db.go", lineOf(src, "// fetch"));
    assertSite(fetch, Mechanism.REQUEUE_AFTER, 10, SiteKind.ERROR);
    assertEquals("err != nil", fetch.condition());
    CallSite withErr = at(r, "db/db.go", lineOf(src, "// witherr"));
    assertSite(withErr, Mechanism.REQUEUE_AFTER, 3, SiteKind.ERROR);
    assertEquals("returned with error err", withErr.condition());
  }

  @Test
  void conditional_switchCase_andElseBranch() {
    String body =
        """
        func (r *R) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
        \tswitch r.phase {
        \tcase "Initializing":
        \t\treturn ctrl.Result{RequeueAfter: 15 * time.Second}, nil // init
        \t}
        \tif r.ready() {
        \t\treturn ctrl.Result{}, nil
        \t} else {
        \t\treturn ctrl.Result{Requeue: true}, nil // notready
        \t}
        }
        """;
    String src = HEADER + body;
    ScanResult r = scanOne(body);
    CallSite init = at(r, "db/db.go", lineOf(src, "// init"));
    assertSite(init, Mechanism.REQUEUE_AFTER, 15, SiteKind.CONDITIONAL);
    assertEquals("switch r.phase: case \"Initializing\"", init.condition());
    CallSite notReady = at(r, "db/db.go", lineOf(src, "// notready"));
    assertSite(notReady, Mechanism.REQUEUE, Double.NaN, SiteKind.CONDITIONAL);
    assertEquals("!(r.ready())", notReady.condition());
    assertEquals(2, r.sites().size(), "ctrl.Result{} schedules nothing");
  }

  @Test
  void helperFunction_parameterResolvedAtEachCall() {
    String body =
        """
        func requeueAfter(d time.Duration) (ctrl.Result, error) {
        \treturn ctrl.Result{RequeueAfter: d}, nil
        }

        func (r *R) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
        \tif r.busy {
        \t\treturn requeueAfter(20 * time.Second) // busy
        \t}
        \treturn requeueAfter(time.Minute) // idle
        }
        """;
    String src = HEADER + body;
    ScanResult r = scanOne(body);
    assertEquals(2, r.sites().size(), Snippets.describe(r.sites()));
    CallSite busy = at(r, "db/db.go", lineOf(src, "// busy"));
    assertSite(busy, Mechanism.REQUEUE_AFTER, 20, SiteKind.CONDITIONAL);
    assertEquals("r.busy", busy.condition());
    assertEquals("R.Reconcile", busy.function());
    assertTrue(busy.delay().note().contains("requeueAfter()"), busy.delay().note());
    assertSite(
        at(r, "db/db.go", lineOf(src, "// idle")), Mechanism.REQUEUE_AFTER, 60, SiteKind.SUCCESS);
  }

  @Test
  void assignmentToResultField() {
    String body =
        """
        func (r *R) Reconcile(ctx context.Context, req ctrl.Request) (res ctrl.Result, err error) {
        \tif r.slow {
        \t\tres.RequeueAfter = 2 * time.Minute // assign
        \t}
        \treturn res, nil
        }
        """;
    ScanResult r = scanOne(body);
    CallSite s = at(r, "db/db.go", lineOf(HEADER + body, "// assign"));
    assertSite(s, Mechanism.REQUEUE_AFTER, 120, SiteKind.CONDITIONAL);
  }

  @Test
  void unresolved_runtimeValue_showsExpressionAndWhy() {
    String body =
        """
        func (r *R) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
        \treturn ctrl.Result{RequeueAfter: cluster.Spec.Interval.Duration}, nil // here
        }
        """;
    ScanResult r = scanOne(body);
    CallSite s = at(r, "db/db.go", lineOf(HEADER + body, "// here"));
    assertSite(s, Mechanism.REQUEUE_AFTER, Double.NaN, SiteKind.SUCCESS);
    assertEquals("cluster.Spec.Interval.Duration", s.delay().expression());
    assertTrue(s.delay().note().contains("read at run time"), s.delay().note());
  }

  @Test
  void syncPeriod_fromFlagDefault_andRateLimiter_andRegisteredName() {
    String src =
        """
        package main

        import (
        \t"flag"
        \t"time"

        \t"k8s.io/client-go/util/workqueue"
        \tctrl "sigs.k8s.io/controller-runtime"
        \t"sigs.k8s.io/controller-runtime/pkg/cache"
        \t"sigs.k8s.io/controller-runtime/pkg/controller"
        )

        func main() {
        \tvar syncPeriod time.Duration
        \tflag.DurationVar(&syncPeriod, "sync-period", 10*time.Hour, "resync")
        \tflag.Parse()
        \tmgr, _ := ctrl.NewManager(nil, ctrl.Options{
        \t\tCache: cache.Options{SyncPeriod: &syncPeriod}, // sync
        \t})
        \t_ = ctrl.NewControllerManagedBy(mgr).
        \t\tFor(&dbv1.Database{}).
        \t\tNamed("database").
        \t\tWithOptions(controller.Options{
        \t\t\tRateLimiter: workqueue.NewItemExponentialFailureRateLimiter(50*time.Millisecond, 5*time.Minute), // limiter
        \t\t}).
        \t\tComplete(&DatabaseReconciler{})
        }
        """;
    ScanResult r = Snippets.scan(dir, Map.of("main.go", src));
    CallSite sync = at(r, "main.go", lineOf(src, "// sync"));
    assertSite(sync, Mechanism.RESYNC, 36_000, SiteKind.UNCONDITIONAL);
    assertEquals("flag --sync-period", sync.delay().input());
    assertEquals("(manager)", sync.controller());
    CallSite limiter = at(r, "main.go", lineOf(src, "// limiter"));
    assertSite(limiter, Mechanism.BACKOFF, 0.05, SiteKind.ERROR);
    assertEquals("database", limiter.controller());
    assertTrue(limiter.delay().note().contains("5 min"), limiter.delay().note());
  }

  @Test
  void controllerName_fromBuilderChain_linkedThroughConstructor() {
    String src =
        HEADER
            + """
            type ReconcileDB struct{}

            func newReconciler() *ReconcileDB { return &ReconcileDB{} }

            func add(mgr ctrl.Manager) error {
            \tr := newReconciler()
            \treturn ctrl.NewControllerManagedBy(mgr).For(&v1.Database{}).Named("db-controller").Complete(r)
            }

            func (r *ReconcileDB) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
            \treturn ctrl.Result{RequeueAfter: time.Second}, nil // here
            }
            """;
    ScanResult r = Snippets.scan(dir, Map.of("db/db.go", src));
    CallSite s = at(r, "db/db.go", lineOf(src, "// here"));
    assertEquals("db-controller", s.controller());
    assertEquals(List.of("Database", "ReconcileDB", "db-controller"), s.aliases());
  }

  @Test
  void testsListedApart_generatedIgnored_syntaxErrorWarned() {
    String reconcile =
        HEADER
            + """
            func (r *R) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
            \treturn ctrl.Result{RequeueAfter: time.Second}, nil
            }
            """;
    String test =
        HEADER
            + """
            func helperForTest() ctrl.Result { return ctrl.Result{RequeueAfter: 7 * time.Second} }
            """;
    String generated =
        "// Code generated by controller-gen. DO NOT EDIT.\n\n"
            + HEADER
            + "func x() ctrl.Result { return ctrl.Result{RequeueAfter: time.Hour} }\n";
    String broken =
        HEADER
            + """
            func (r *R) Other() (ctrl.Result, error) {
            \tn := new(int32(0))
            \treturn ctrl.Result{RequeueAfter: 9 * time.Second}, nil // still found
            }
            """;
    ScanResult r =
        Snippets.scan(
            dir,
            Map.of(
                "db/db.go", reconcile,
                "db/db_test.go", test,
                "db/zz_generated.go", generated,
                "other/broken.go", broken));
    assertEquals(2, r.sites().size(), Snippets.describe(r.sites()));
    assertEquals(1, r.testSites().size());
    assertEquals("db/db_test.go", r.testSites().get(0).file());
    assertEquals(1, r.generated());
    assertSite(
        at(r, "other/broken.go", lineOf(broken, "// still found")),
        Mechanism.REQUEUE_AFTER,
        9,
        SiteKind.SUCCESS);
    assertEquals(1, r.warnings().size());
    ScanResult.Warning w = r.warnings().get(0);
    assertEquals("other/broken.go", w.file());
    assertTrue(w.message().matches("\\d+:\\d+: .*Go syntax error.*"), w.message());
  }
}
