package io.github.wakeupanalyze.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wakeupanalyze.sources.Snippets;
import io.github.wakeupanalyze.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare --sources OLD NEW}: the call sites added, removed and changed. */
class CompareSourcesTest {
  @TempDir Path dir;

  private static final String HEAD =
      """
      package shop

      import (
      \t"context"
      \t"time"

      \tctrl "sigs.k8s.io/controller-runtime"
      )

      const poll = 5 * time.Second

      type CartReconciler struct{}

      """;

  private static final String OLD_CART =
      HEAD
          + """
          func (r *CartReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
          \tif !ready(ctx) {
          \t\treturn ctrl.Result{RequeueAfter: 30 * time.Second}, nil
          \t}
          \treturn ctrl.Result{RequeueAfter: poll}, nil
          }
          """;

  /** The poll doubled, a line added above both sites, a retry after errors new. */
  private static final String NEW_CART =
      HEAD.replace("5 * time.Second", "10 * time.Second")
          + """
          func (r *CartReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
          \tlog(ctx, "reconciling")
          \tif !ready(ctx) {
          \t\treturn ctrl.Result{RequeueAfter: 30 * time.Second}, nil
          \t}
          \tif err := sync(ctx); err != nil {
          \t\treturn ctrl.Result{RequeueAfter: time.Minute}, nil
          \t}
          \treturn ctrl.Result{RequeueAfter: poll}, nil
          }
          """;

  /** A controller the new version drops. */
  private static final String OLD_AUDIT =
      """
      package shop

      import (
      \t"context"
      \t"time"

      \tctrl "sigs.k8s.io/controller-runtime"
      )

      type AuditReconciler struct{}

      func (r *AuditReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
      \treturn ctrl.Result{RequeueAfter: time.Hour}, nil
      }
      """;

  @Test
  void sitesAddedRemovedAndChanged_inMarkdownAndJson() throws Exception {
    Snippets.write(dir.resolve("v1"), Map.of("shop/cart.go", OLD_CART, "shop/audit.go", OLD_AUDIT));
    Snippets.write(dir.resolve("v2"), Map.of("shop/cart.go", NEW_CART));
    String trace = "sample-traces/percona-mongodb.otlp.json";
    Path out = dir.resolve("out");
    CompareCommandTest.Run r =
        CompareCommandTest.run(
            "compare",
            trace,
            trace,
            "--sources",
            dir.resolve("v1").toString(),
            dir.resolve("v2").toString(),
            "--out",
            out.toString(),
            "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("call sites: 1 added, 1 removed, 1 changed, 1 unchanged"), r.out());

    String md = Files.readString(out.resolve("compare.md"));
    String section = md.substring(md.indexOf("## Call sites"));
    String roots = "`" + dir.resolve("v1") + "` → `" + dir.resolve("v2") + "`";
    Golden.assertMatches("compare-sources/call-sites.md", section.replace(roots, "`v1` → `v2`"));

    JsonNode json = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
    Golden.assertMatches(
        "compare-sources/call-sites.json",
        new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(json.get("call_sites"))
            + "\n");
  }

  @Test
  void missingSourceTree_isAnInputError_namingIt() {
    CompareCommandTest.Run r =
        CompareCommandTest.run(
            "compare",
            "sample-traces/percona-mongodb.otlp.json",
            "sample-traces/percona-mongodb.otlp.json",
            "--sources",
            dir.resolve("nope").toString(),
            dir.toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(3, r.exit());
    assertTrue(r.err().contains("--sources old: ") && r.err().contains("nope"), r.err());
  }
}
