package io.github.wakeupanalyze.sources.rust;

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
import java.util.List;
import java.util.Map;

/**
 * Finds kube-rs call sites: {@code Action::requeue(d)}, {@code Action::await_change()}, {@code
 * Config::default().debounce(d)} and {@code .reconcile_all_on(stream)} (with the period of a {@code
 * tokio::time::interval} stream when the stream is one). Sites in an error policy (the second
 * function given to {@code Controller::run}, or any function named {@code error_policy}) are error
 * paths; sites in {@code #[cfg(test)]} modules and {@code #[test]} functions are tests.
 */
public final class RustScanner implements LanguageScanner {
  private final int threads;

  /**
   * @param threads threads parsing ahead of the scan (see {@link ParseAhead}); 1 parses in the
   *     caller's thread only
   */
  public RustScanner(int threads) {
    this.threads = threads;
  }

  @Override
  public void scan(SourceTree tree, List<SourceFile> candidates, ScanSink sink) {
    if (candidates.isEmpty()) {
      return;
    }
    try {
      TreeSitter.create();
    } catch (IllegalStateException e) {
      sink.warn(
          "*.rs",
          ScanResult.Warning.Kind.SKIPPED,
          candidates.size() + " Rust files not scanned: " + e.getMessage());
      return;
    }
    try (ParseAhead ahead = new ParseAhead(Grammar.RUST, candidates, threads)) {
      scanFiles(new RustCrate(tree, ahead, sink), candidates, sink);
    }
  }

  private static void scanFiles(RustCrate crate, List<SourceFile> candidates, ScanSink sink) {
    RustEval eval = new RustEval(crate);
    RustControllers controllers = new RustControllers(crate);
    for (SourceFile f : candidates) {
      RustCrate.RsFile r = crate.file(f);
      if (r == null) {
        continue;
      }
      if (crate.generated(f)) {
        sink.generated(f);
        continue;
      }
      r.root().visit(n -> inspect(n, r, crate, eval, controllers, sink));
    }
  }

  private static void inspect(
      Node n,
      RustCrate.RsFile f,
      RustCrate crate,
      RustEval eval,
      RustControllers ctl,
      ScanSink sink) {
    if (!n.is("call_expression")) {
      return;
    }
    Node fn = n.child("function");
    List<Node> args =
        n.child("arguments") == null ? List.of() : n.child("arguments").namedChildren();
    if (fn.is("scoped_identifier") && fn.child("path") != null) {
      String path = fn.child("path").text();
      String name = fn.child("name").text();
      if (!path.endsWith("Action")) {
        return;
      }
      if (name.equals("requeue") && args.size() == 1) {
        Value v = eval.eval(args.get(0), Map.of());
        Delay d = Delay.of(v, args.get(0).oneLine());
        if (d.nanos().isEmpty()
            && d.note().startsWith("parameter ")
            && expandHelper(n, args.get(0), f, crate, eval, ctl, sink)) {
          return;
        }
        emit(n, f, ctl, Mechanism.REQUEUE_AFTER, null, d, sink);
      } else if (name.equals("await_change")) {
        emit(
            n,
            f,
            ctl,
            Mechanism.AWAIT_CHANGE,
            null,
            Delay.none(n.oneLine(), "no timer: waits for a watch event"),
            sink);
      }
    } else if (fn.is("field_expression")) {
      String m = fn.child("field").text();
      if (m.equals("debounce") && args.size() == 1 && fn.child("value").text().contains("Config")) {
        Value v = eval.eval(args.get(0), Map.of());
        emit(
            n,
            f,
            ctl,
            Mechanism.DEBOUNCE,
            SiteKind.UNCONDITIONAL,
            Delay.of(v, args.get(0).oneLine()),
            sink);
      } else if (m.equals("reconcile_all_on") && args.size() == 1) {
        emit(
            n,
            f,
            ctl,
            Mechanism.RECONCILE_ALL,
            SiteKind.UNCONDITIONAL,
            streamPeriod(args.get(0), eval),
            sink);
      }
    }
  }

  /**
   * An {@code Action::requeue(d)} whose delay is a parameter of a helper function ({@code fn
   * requeue_in(secs: u64) -> Action}) is reported at each call of the helper in the crate, the
   * delay bound from the call's arguments; false when nobody calls it (or it is the error policy).
   */
  private static boolean expandHelper(
      Node site,
      Node delayExpr,
      RustCrate.RsFile f,
      RustCrate crate,
      RustEval eval,
      RustControllers ctl,
      ScanSink sink) {
    Node fn = site.ancestor("function_item");
    if (fn == null || fn.child("name") == null || fn.child("parameters") == null) {
      return false;
    }
    String name = fn.child("name").text();
    if (ctl.isErrorPolicy(name)) {
      return false;
    }
    List<String> params = new ArrayList<>();
    for (Node p : fn.child("parameters").namedChildren()) {
      if (p.is("parameter") && p.child("pattern") != null) {
        params.add(p.child("pattern").text().replaceFirst("^mut\\s+", ""));
      }
    }
    boolean found = false;
    for (RustCrate.RsFile caller : crate.containing(name + "(")) {
      for (Node call : caller.root().all("call_expression")) {
        Node callee = call.child("function");
        String called =
            callee.is("identifier")
                ? callee.text()
                : callee.is("scoped_identifier") && callee.child("name") != null
                    ? callee.child("name").text()
                    : callee.is("field_expression") ? callee.child("field").text() : "";
        List<Node> args =
            call.child("arguments") == null ? List.of() : call.child("arguments").namedChildren();
        if (!called.equals(name) || args.size() != params.size() || fn.contains(call)) {
          continue;
        }
        found = true;
        Map<String, Value> bound = new HashMap<>();
        for (int i = 0; i < params.size(); i++) {
          bound.put(params.get(i), eval.eval(args.get(i), Map.of()));
        }
        Delay inner = Delay.of(eval.eval(delayExpr, bound), delayExpr.oneLine());
        String via =
            name
                + "() at "
                + f.file().name()
                + ":"
                + site.line()
                + (inner.note().isEmpty() ? "" : "; " + inner.note());
        emit(
            call,
            caller,
            ctl,
            Mechanism.REQUEUE_AFTER,
            null,
            new Delay(inner.nanos(), call.oneLine(), inner.input(), via),
            sink);
      }
    }
    return found;
  }

  /** The line of a site; for a method call in a chain, the line of the method's name. */
  private static int line(Node call) {
    Node fn = call.child("function");
    return fn != null && fn.is("field_expression") ? fn.child("field").line() : call.line();
  }

  /** The period of an interval stream ({@code tokio::time::interval(d)}), directly or via a let. */
  private static Delay streamPeriod(Node stream, RustEval eval) {
    Node target = stream;
    if (stream.is("identifier")) {
      Node fn = stream.ancestor("function_item");
      if (fn != null && fn.child("body") != null) {
        for (Node let : fn.child("body").all("let_declaration")) {
          if (let.child("pattern") != null
              && let.child("pattern").text().equals(stream.text())
              && let.child("value") != null) {
            target = let.child("value");
          }
        }
      }
    }
    for (Node c : target.all("call_expression")) {
      Node cf = c.child("function");
      String t = cf.is("scoped_identifier") ? cf.child("name").text() : cf.text();
      List<Node> a = c.child("arguments").namedChildren();
      if ((t.equals("interval") || t.equals("interval_at")) && !a.isEmpty()) {
        Node period = a.get(a.size() - 1);
        return Delay.of(eval.eval(period, Map.of()), period.oneLine());
      }
    }
    return Delay.none(stream.oneLine(), "fires when the stream yields; not an interval stream");
  }

  private static void emit(
      Node site,
      RustCrate.RsFile f,
      RustControllers ctl,
      Mechanism m,
      SiteKind fixed,
      Delay delay,
      ScanSink sink) {
    Node fn = site.ancestor("function_item");
    String fnName = fn == null || fn.child("name") == null ? "" : fn.child("name").text();
    Node impl = site.ancestor("impl_item");
    String implType = impl == null || impl.child("type") == null ? "" : impl.child("type").text();
    String function = implType.isEmpty() ? fnName : implType + "::" + fnName;
    Place place;
    if (fixed != null) {
      place = new Place(fixed, "");
    } else if (ctl.isErrorPolicy(fnName)) {
      place = new Place(SiteKind.ERROR, "error policy " + fnName);
    } else {
      place = RustPaths.classify(site);
    }
    List<String> names = ctl.namesFor(fnName, implType, f.file());
    sink.site(
        new CallSite(
            f.file().rel(),
            line(site),
            Language.RUST,
            Framework.KUBE_RS,
            names.get(0),
            names.stream().sorted().distinct().toList(),
            function,
            m,
            place.kind(),
            place.condition(),
            delay,
            f.file().test() || RustPaths.inTest(site)));
  }
}
