package io.github.wakeupanalyze.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a synthetic operator source tree for timing {@code wakeup-analyze sources}: by default
 * 10,000 files (6,000 Go in 300 packages, 2,500 Java, 1,500 Rust) of about 150 lines each, one
 * package, class or module in twenty holding call sites, plus a {@code vendor/} folder of 2,000
 * files that the scan skips. Seeded: the same arguments give the same tree.
 *
 * <p>{@code java -cp target/bench/benchmarks.jar io.github.wakeupanalyze.bench.SourcesTree DIR
 * [FILES]}, then time {@code java -jar target/wakeup-analyze.jar sources DIR --out /tmp/x -q}.
 */
public final class SourcesTree {
  private SourcesTree() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Random rnd = new Random(20_260_101L);
    int go = files * 6 / 10;
    int java = files / 4;
    int rust = files - go - java;
    Files.writeString(mkdirs(root.resolve("go.mod")), "module example.com/big\n\ngo 1.22\n");
    for (int i = 0; i < go; i++) {
      int pkg = i / 20;
      boolean sites = pkg % 20 == 0 && i % 20 == 0;
      write(root.resolve("pkg/p" + pkg + "/f" + i + ".go"), goFile(pkg, i, sites, rnd));
    }
    for (int i = 0; i < java; i++) {
      boolean sites = i % 50 == 0;
      write(
          root.resolve("java/src/main/java/org/acme/m" + i / 100 + "/C" + i + ".java"),
          javaFile(i / 100, i, sites, rnd));
    }
    for (int i = 0; i < rust; i++) {
      boolean sites = i % 50 == 0;
      write(root.resolve("rust/src/m" + i + ".rs"), rustFile(i, sites, rnd));
    }
    for (int i = 0; i < 2000; i++) {
      write(root.resolve("vendor/lib" + i / 100 + "/v" + i + ".go"), goFile(9999, i, true, rnd));
    }
    System.out.println("wrote " + (files + 2000) + " files under " + root);
  }

  private static Path mkdirs(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    return p;
  }

  private static void write(Path p, String text) throws IOException {
    Files.writeString(mkdirs(p), text);
  }

  private static String goFile(int pkg, int i, boolean sites, Random rnd) {
    StringBuilder sb = new StringBuilder();
    sb.append("package p")
        .append(pkg)
        .append("\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\t\"time\"\n");
    if (sites) {
      sb.append("\tctrl \"sigs.k8s.io/controller-runtime\"\n");
    }
    sb.append(")\n\n");
    sb.append("const wait")
        .append(i)
        .append(" = ")
        .append(1 + rnd.nextInt(60))
        .append(" * time.Second\n\n");
    for (int f = 0; f < 12; f++) {
      sb.append("// F").append(i).append('_').append(f).append(" does some work.\n");
      sb.append("func F")
          .append(i)
          .append('_')
          .append(f)
          .append("(ctx context.Context, n int) (string, error) {\n");
      sb.append("\ttotal := 0\n\tfor k := 0; k < n; k++ {\n\t\ttotal += k * ")
          .append(rnd.nextInt(100))
          .append("\n\t}\n\tif total > ")
          .append(rnd.nextInt(1000))
          .append(" {\n\t\treturn \"\", fmt.Errorf(\"too big: %d\", total)\n\t}\n");
      sb.append("\treturn fmt.Sprint(total, wait").append(i).append("), nil\n}\n\n");
    }
    if (sites) {
      sb.append("type R").append(i).append(" struct{ interval time.Duration }\n\n");
      sb.append("func (r *R")
          .append(i)
          .append(") Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {\n");
      sb.append("\tif _, err := F")
          .append(i)
          .append(
              "_0(ctx, 3); err != nil {\n\t\treturn ctrl.Result{RequeueAfter: 10 * time.Second}, nil\n\t}\n");
      sb.append("\treturn ctrl.Result{RequeueAfter: wait").append(i).append("}, nil\n}\n");
    }
    return sb.toString();
  }

  private static String javaFile(int module, int i, boolean sites, Random rnd) {
    StringBuilder sb = new StringBuilder();
    sb.append("package org.acme.m").append(module).append(";\n\nimport java.time.Duration;\n\n");
    sb.append("public class C").append(i).append(" {\n");
    sb.append("  private static final long POLL = ")
        .append(1000 + rnd.nextInt(9000))
        .append(";\n\n");
    for (int f = 0; f < 12; f++) {
      sb.append("  public int work").append(f).append("(int n) {\n    int total = 0;\n");
      sb.append("    for (int k = 0; k < n; k++) {\n      total += k * ")
          .append(rnd.nextInt(100))
          .append(";\n    }\n    if (total > ")
          .append(rnd.nextInt(1000))
          .append(") {\n      throw new IllegalStateException(\"too big \" + total);\n    }\n");
      sb.append("    return total;\n  }\n\n");
    }
    if (sites) {
      sb.append("  public UpdateControl<X> reconcile(X x, Context<X> c) {\n");
      sb.append("    if (work0(3) > 10) {\n      return UpdateControl.<X>noUpdate()");
      sb.append(".rescheduleAfter(Duration.ofSeconds(30));\n    }\n");
      sb.append("    return UpdateControl.<X>noUpdate().rescheduleAfter(POLL);\n  }\n");
    }
    return sb.append("}\n").toString();
  }

  private static String rustFile(int i, boolean sites, Random rnd) {
    StringBuilder sb = new StringBuilder();
    sb.append("use std::time::Duration;\n\n");
    sb.append("const SECS_")
        .append(i)
        .append(": u64 = ")
        .append(1 + rnd.nextInt(600))
        .append(";\n\n");
    for (int f = 0; f < 12; f++) {
      sb.append("pub fn work_")
          .append(i)
          .append('_')
          .append(f)
          .append("(n: u64) -> Result<u64, String> {\n");
      sb.append("    let mut total = 0;\n    for k in 0..n {\n        total += k * ")
          .append(rnd.nextInt(100))
          .append(";\n    }\n    if total > ")
          .append(rnd.nextInt(1000))
          .append(" {\n        return Err(format!(\"too big {}\", total));\n    }\n");
      sb.append("    Ok(total)\n}\n\n");
    }
    if (sites) {
      sb.append("pub async fn reconcile_")
          .append(i)
          .append("(doc: Arc<Doc>, ctx: Arc<Ctx>) -> Result<Action, Error> {\n");
      sb.append("    if work_")
          .append(i)
          .append(
              "_0(3).is_err() {\n        return Ok(Action::requeue(Duration::from_secs(10)));\n    }\n");
      sb.append("    Ok(Action::requeue(Duration::from_secs(SECS_").append(i).append(")))\n}\n");
    }
    return sb.toString();
  }
}
