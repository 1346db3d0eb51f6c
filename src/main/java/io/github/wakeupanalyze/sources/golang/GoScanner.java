package io.github.wakeupanalyze.sources.golang;

import io.github.wakeupanalyze.sources.CallSite;
import io.github.wakeupanalyze.sources.Delay;
import io.github.wakeupanalyze.sources.Framework;
import io.github.wakeupanalyze.sources.Language;
import io.github.wakeupanalyze.sources.LanguageScanner;
import io.github.wakeupanalyze.sources.Mechanism;
import io.github.wakeupanalyze.sources.Place;
import io.github.wakeupanalyze.sources.ScanResult;
import io.github.wakeupanalyze.sources.ScanSink;
import io.github.wakeupanalyze.sources.SiteKind;
import io.github.wakeupanalyze.sources.SourceFile;
import io.github.wakeupanalyze.sources.SourceTree;
import io.github.wakeupanalyze.sources.Value;
import io.github.wakeupanalyze.sources.syntax.Grammar;
import io.github.wakeupanalyze.sources.syntax.Node;
import io.github.wakeupanalyze.sources.syntax.ParseAhead;
import io.github.wakeupanalyze.sources.syntax.TreeSitter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds controller-runtime call sites in Go packages:
 *
 * <ul>
 *   <li>{@code reconcile.Result{…}}/{@code ctrl.Result{…}} literals with {@code RequeueAfter}, or
 *       {@code Requeue} set to anything but {@code false}, and assignments to those fields;
 *   <li>{@code SyncPeriod} in any options literal, and assignments to it (the informer resync);
 *   <li>client-go workqueue rate limiters ({@code NewItemExponentialFailureRateLimiter}, {@code
 *       NewItemFastSlowRateLimiter}, {@code DefaultControllerRateLimiter} and their {@code Typed}
 *       forms).
 * </ul>
 *
 * <p>A delay that depends on a parameter of a helper function (e.g. {@code func requeueAfter(d
 * time.Duration) ctrl.Result}) is reported at each call of the helper in the package, resolved from
 * the argument; a helper nobody calls is reported where it is, unresolved.
 */
public final class GoScanner implements LanguageScanner {
  private final int threads;

  /**
   * @param threads threads parsing ahead of the scan (see {@link ParseAhead}); 1 parses in the
   *     caller's thread only
   */
  public GoScanner(int threads) {
    this.threads = threads;
  }

  private static final Pattern RESULT_PKG =
      Pattern.compile("sigs\\.k8s\\.io/controller-runtime(/pkg/reconcile)?");
  private static final String WORKQUEUE = "k8s.io/client-go/util/workqueue";

  @Override
  public void scan(SourceTree tree, List<SourceFile> candidates, ScanSink sink) {
    if (candidates.isEmpty()) {
      return;
    }
    try {
      TreeSitter.create();
    } catch (IllegalStateException e) {
      sink.warn(
          "*.go",
          ScanResult.Warning.Kind.SKIPPED,
          candidates.size() + " Go files not scanned: " + e.getMessage());
      return;
    }
    Map<String, List<SourceFile>> byDir = new LinkedHashMap<>();
    for (SourceFile f : candidates) {
      byDir.computeIfAbsent(f.dir(), k -> new ArrayList<>()).add(f);
    }
    List<SourceFile> order = byDir.values().stream().flatMap(List::stream).toList();
    try (ParseAhead ahead = new ParseAhead(Grammar.GO, order, threads)) {
      scanPackages(new GoWorkspace(tree, ahead, sink), byDir, sink);
    }
  }

  private static void scanPackages(
      GoWorkspace ws, Map<String, List<SourceFile>> byDir, ScanSink sink) {
    for (Map.Entry<String, List<SourceFile>> e : byDir.entrySet()) {
      GoPackage pkg = ws.packageAt(e.getKey());
      List<GoFile> wanted = new ArrayList<>();
      for (SourceFile f : e.getValue()) {
        GoFile g = pkg.load(f);
        if (g != null) {
          wanted.add(g);
        }
      }
      new PackageScan(pkg, new GoControllers(pkg), new GoEval(ws), sink).run(wanted);
    }
  }

  /** The scan of one package. */
  private static final class PackageScan {
    private final GoPackage pkg;
    private final GoControllers controllers;
    private final GoEval eval;
    private final ScanSink sink;

    PackageScan(GoPackage pkg, GoControllers controllers, GoEval eval, ScanSink sink) {
      this.pkg = pkg;
      this.controllers = controllers;
      this.eval = eval;
      this.sink = sink;
    }

    void run(List<GoFile> wanted) {
      for (GoFile f : wanted) {
        if (f.generated) {
          sink.generated(f.file);
          continue;
        }
        f.root.visit(n -> inspect(n, f));
      }
    }

    private void inspect(Node n, GoFile f) {
      switch (n.type()) {
        case "composite_literal" -> resultLiteral(n, f);
        case "assignment_statement" -> assignment(n, f);
        case "keyed_element" -> {
          Node key = n.child("key");
          if (key != null && key.text().equals("SyncPeriod") && n.child("value") != null) {
            config(n, GoPackage.unwrapElement(n.child("value")), f, Mechanism.RESYNC);
          }
        }
        case "call_expression" -> rateLimiter(n, f);
        default -> {}
      }
    }

    private void resultLiteral(Node lit, GoFile f) {
      Node type = lit.child("type");
      Node body = lit.child("body");
      if (type == null || body == null) {
        return;
      }
      Map<String, Node> keyed = new HashMap<>();
      for (Node el : body.namedChildren()) {
        if (el.is("keyed_element") && el.child("key") != null && el.child("value") != null) {
          keyed.put(el.child("key").text(), GoPackage.unwrapElement(el.child("value")));
        }
      }
      if (!isResultType(type, f, keyed)) {
        return;
      }
      if (keyed.containsKey("RequeueAfter")) {
        requeueAfter(lit, keyed.get("RequeueAfter"), f);
      } else if (keyed.containsKey("Requeue")) {
        requeue(lit, keyed.get("Requeue"), f);
      }
    }

    private static boolean isResultType(Node type, GoFile f, Map<String, Node> keyed) {
      if (!type.is("qualified_type")) {
        return false;
      }
      String name = type.child("name").text();
      String alias = type.child("package").text();
      String path = f.importPath(alias);
      boolean crt = path != null && RESULT_PKG.matcher(path).matches();
      return name.equals("Result") && (crt || keyed.containsKey("RequeueAfter"));
    }

    private void assignment(Node n, GoFile f) {
      if (!"=".equals(GoPackage.operator(n))) {
        return;
      }
      List<Node> left = n.child("left").namedChildren();
      List<Node> right = n.child("right").namedChildren();
      for (int i = 0; i < left.size() && left.size() == right.size(); i++) {
        Node l = left.get(i);
        if (!l.is("selector_expression")) {
          continue;
        }
        switch (l.child("field").text()) {
          case "RequeueAfter" -> requeueAfter(n, right.get(i), f);
          case "Requeue" -> requeue(n, right.get(i), f);
          case "SyncPeriod" -> config(n, right.get(i), f, Mechanism.RESYNC);
          default -> {}
        }
      }
    }

    private void requeueAfter(Node site, Node expr, GoFile f) {
      GoEval.Scope scope = eval.scopeOf(pkg, f, site);
      Value v = eval.eval(expr, scope);
      if (v.isDuration() && v.amount() == 0) {
        return; // RequeueAfter: 0 asks for nothing
      }
      Place place = GoPaths.classify(site);
      if (!v.known() && !scope.usedParams.isEmpty() && expandHelper(site, expr, f, place)) {
        return;
      }
      emit(
          f,
          site,
          expr.line(),
          Mechanism.REQUEUE_AFTER,
          place,
          Delay.of(v.asDuration(1), expr.oneLine()));
    }

    private void requeue(Node site, Node expr, GoFile f) {
      if (expr.is("false")) {
        return;
      }
      Place place = GoPaths.classify(site);
      if (!expr.is("true") && place.kind() == SiteKind.SUCCESS) {
        place = new Place(SiteKind.CONDITIONAL, expr.oneLine());
      }
      emit(
          f,
          site,
          expr.line(),
          Mechanism.REQUEUE,
          place,
          Delay.none("Requeue: " + expr.oneLine(), "the rate limiter's backoff, no fixed delay"));
    }

    /**
     * Reports a helper's requeue at each call of the helper, the delay bound from the argument;
     * false when nobody in the package calls it.
     */
    private boolean expandHelper(Node site, Node expr, GoFile f, Place place) {
      Node fn = site.ancestor("function_declaration", "method_declaration");
      if (fn == null || fn.child("name") == null) {
        return false;
      }
      String name = fn.child("name").text();
      boolean found = false;
      pkg.ensure(name + "(");
      for (GoFile caller : List.copyOf(pkg.files())) {
        if (caller.generated) {
          continue;
        }
        for (Node call : caller.root.all("call_expression")) {
          Node callee = call.child("function");
          boolean match =
              fn.is("function_declaration")
                  ? callee.is("identifier") && callee.text().equals(name)
                  : callee.is("selector_expression") && callee.child("field").text().equals(name);
          if (!match || fn.contains(call)) {
            continue;
          }
          found = true;
          Value d = helperDelay(fn, expr, call, caller);
          String via = name + "() at " + f.file.name() + ":" + site.line();
          Place at = GoPaths.classify(call);
          if (place.kind() == SiteKind.ERROR || place.kind() == SiteKind.CONDITIONAL) {
            at = place;
          }
          Delay delay = Delay.of(d.asDuration(1).via(via), call.oneLine());
          emit(caller, call, call.line(), Mechanism.REQUEUE_AFTER, at, delay);
        }
      }
      return found;
    }

    /** The helper's delay expression evaluated with its parameters bound to a call's arguments. */
    private Value helperDelay(Node fn, Node expr, Node call, GoFile caller) {
      Map<String, Value> bound = new HashMap<>();
      List<String> params = new ArrayList<>();
      for (Node p : fn.child("parameters").namedChildren()) {
        for (Node c : p.children()) {
          if (c.field().equals("name")) {
            params.add(c.text());
          }
        }
      }
      List<Node> args = call.child("arguments").namedChildren();
      GoEval.Scope callerScope = eval.scopeOf(pkg, caller, call);
      for (int i = 0; i < params.size() && i < args.size(); i++) {
        bound.put(params.get(i), eval.eval(args.get(i), callerScope));
      }
      GoFile helperFile = fileOf(fn);
      return eval.eval(expr, new GoEval.Scope(pkg, helperFile, fn, bound));
    }

    private GoFile fileOf(Node n) {
      for (GoFile g : pkg.files()) {
        if (g.root.contains(n)) {
          return g;
        }
      }
      throw new IllegalStateException("node outside the package's parsed files: " + n);
    }

    private void config(Node site, Node expr, GoFile f, Mechanism m) {
      Value v = eval.eval(expr, eval.scopeOf(pkg, f, site));
      emit(f, site, expr.line(), m, Place.UNCONDITIONAL, Delay.of(v.asDuration(1), expr.oneLine()));
    }

    private void rateLimiter(Node call, GoFile f) {
      Node fn = call.child("function");
      if (fn == null || !fn.is("selector_expression")) {
        return;
      }
      Node op = fn.child("operand");
      if (!op.is("identifier") || !f.imports(op.text(), WORKQUEUE)) {
        return;
      }
      String m = fn.child("field").text().replace("Typed", "");
      List<Node> args = call.child("arguments").namedChildren();
      GoEval.Scope scope = eval.scopeOf(pkg, f, call);
      Delay d;
      switch (m) {
        case "NewItemExponentialFailureRateLimiter" -> {
          if (args.size() < 2) {
            return;
          }
          Value base = eval.eval(args.get(0), scope).asDuration(1);
          Value max = eval.eval(args.get(1), scope).asDuration(1);
          d = Delay.of(base.via("doubling per failure up to " + max.show()), args.get(0).oneLine());
        }
        case "NewItemFastSlowRateLimiter" -> {
          if (args.size() < 3) {
            return;
          }
          Value fast = eval.eval(args.get(0), scope).asDuration(1);
          Value slow = eval.eval(args.get(1), scope).asDuration(1);
          d =
              Delay.of(
                  fast.via("then " + slow.show() + " after " + args.get(2).oneLine() + " attempts"),
                  args.get(0).oneLine());
        }
        case "DefaultControllerRateLimiter" ->
            d =
                Delay.of(
                    Value.nanos(5e6).via("client-go default: 5 ms doubling to 1000 s per item"),
                    call.oneLine());
        default -> {
          return;
        }
      }
      emit(
          f, call, call.line(), Mechanism.BACKOFF, new Place(SiteKind.ERROR, "after a failure"), d);
    }

    /**
     * Reports a site; {@code line} is where the delay is written (the {@code RequeueAfter:} line of
     * a literal spread over several lines), {@code site} the node that is classified.
     */
    private void emit(GoFile f, Node site, int line, Mechanism m, Place place, Delay delay) {
      Node fn = site.ancestor("function_declaration", "method_declaration");
      String function = "";
      String receiver = "";
      if (fn != null && fn.child("name") != null) {
        receiver = fn.is("method_declaration") ? GoControllers.receiverType(fn) : "";
        function = (receiver.isEmpty() ? "" : receiver + ".") + fn.child("name").text();
      }
      if (site.ancestor("func_literal") != null
          && (fn == null || fn.contains(site.ancestor("func_literal")))) {
        function = function.isEmpty() ? "func literal" : function + " (func literal)";
      }
      List<String> names;
      if (m == Mechanism.RESYNC) {
        names = List.of("(manager)");
      } else if (!receiver.isEmpty()) {
        names = controllers.namesFor(receiver);
      } else if (!controllers.onlyReconciler().isEmpty()) {
        names = controllers.namesFor(controllers.onlyReconciler());
      } else if (controllers.only() != null) {
        names = List.of(controllers.only().name());
      } else {
        names =
            List.of(pkg.dir.isEmpty() ? "(root)" : pkg.dir.substring(pkg.dir.lastIndexOf('/') + 1));
      }
      sink.site(
          new CallSite(
              f.file.rel(),
              line,
              Language.GO,
              Framework.CONTROLLER_RUNTIME,
              names.get(0),
              names.stream().sorted().distinct().toList(),
              function,
              m,
              place.kind(),
              place.condition(),
              delay,
              f.file.test()));
    }
  }
}
