package io.github.wakeupanalyze.sources.java;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import io.github.wakeupanalyze.sources.CallSite;
import io.github.wakeupanalyze.sources.Delay;
import io.github.wakeupanalyze.sources.Framework;
import io.github.wakeupanalyze.sources.Language;
import io.github.wakeupanalyze.sources.LanguageScanner;
import io.github.wakeupanalyze.sources.Mechanism;
import io.github.wakeupanalyze.sources.Place;
import io.github.wakeupanalyze.sources.ScanSink;
import io.github.wakeupanalyze.sources.SiteKind;
import io.github.wakeupanalyze.sources.SourceFile;
import io.github.wakeupanalyze.sources.SourceTree;
import io.github.wakeupanalyze.sources.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds Java Operator SDK call sites: {@code rescheduleAfter(..)} on {@code UpdateControl}, {@code
 * DeleteControl} and {@code ErrorStatusUpdateControl} (the last always an error path), {@code
 * withReconciliationMaxInterval(..)}, {@code @MaxReconciliationInterval} (time unit hours unless
 * given), {@code @GradualRetry} and {@code GenericRetry} chains (first retry interval, 2 s unless
 * set, milliseconds when a number).
 */
public final class JavaScanner implements LanguageScanner {
  @Override
  public void scan(SourceTree tree, List<SourceFile> candidates, ScanSink sink) {
    JavaSources sources = new JavaSources(tree, sink);
    JavaEval eval = new JavaEval(sources);
    for (SourceFile f : candidates) {
      JavaSources.JFile j = sources.file(f);
      if (j == null) {
        continue;
      }
      if (j.generated()) {
        sink.generated(f);
        continue;
      }
      new FileScan(j, eval, sink).run();
    }
  }

  /** The scan of one file. */
  private record FileScan(JavaSources.JFile file, JavaEval eval, ScanSink sink) {
    void run() {
      for (MethodCallExpr m : file.unit().findAll(MethodCallExpr.class)) {
        switch (m.getNameAsString()) {
          case "rescheduleAfter" -> reschedule(m);
          case "withReconciliationMaxInterval" -> {
            if (m.getArguments().size() == 1) {
              Expression a = m.getArguments().get(0);
              emit(m, Mechanism.RESYNC, Place.UNCONDITIONAL, delayOf(a, 1e6));
            }
          }
          default -> genericRetry(m);
        }
      }
      for (ObjectCreationExpr o : file.unit().findAll(ObjectCreationExpr.class)) {
        if (o.getType().getNameAsString().equals("GenericRetry")) {
          retryChain(o, o);
        }
      }
      for (AnnotationExpr a : file.unit().findAll(AnnotationExpr.class)) {
        switch (a.getNameAsString()) {
          case "MaxReconciliationInterval" -> maxInterval(a);
          case "GradualRetry" -> gradualRetry(a);
          default -> {}
        }
      }
    }

    private void reschedule(MethodCallExpr m) {
      List<Expression> args = m.getArguments();
      boolean definition =
          m.findAncestor(MethodDeclaration.class)
              .map(d -> d.getNameAsString().equals("rescheduleAfter"))
              .orElse(false);
      if (args.isEmpty() || definition) {
        // the SDK's own overloads forwarding to each other: its API, not a site
        return;
      }
      Delay d = rescheduleDelay(args, Map.of());
      String scope = m.getScope().map(JavaEval::oneLine).orElse("");
      Place place =
          scope.contains("ErrorStatusUpdateControl")
              ? new Place(SiteKind.ERROR, "ErrorStatusUpdateControl")
              : classify(m);
      if (d.nanos().isEmpty() && d.note().startsWith("parameter ") && expandHelper(m, place)) {
        return;
      }
      emit(m, Mechanism.REQUEUE_AFTER, place, d);
    }

    /**
     * The delay of {@code rescheduleAfter(args)}: a number is milliseconds unless a unit follows.
     */
    private Delay rescheduleDelay(List<Expression> args, Map<String, Value> bound) {
      if (args.size() == 2) {
        double unit = JavaEval.unitNanos(JavaEval.oneLine(args.get(1)));
        Value v = eval.eval(args.get(0), bound);
        return Double.isNaN(unit)
            ? Delay.of(
                Value.unknown("time unit " + JavaEval.oneLine(args.get(1))),
                JavaEval.oneLine(args.get(0)) + ", " + JavaEval.oneLine(args.get(1)))
            : Delay.of(
                v.asDuration(unit),
                JavaEval.oneLine(args.get(0)) + ", " + JavaEval.oneLine(args.get(1)));
      }
      return Delay.of(eval.eval(args.get(0), bound).asDuration(1e6), JavaEval.oneLine(args.get(0)));
    }

    /**
     * A {@code rescheduleAfter} whose delay is a parameter of a helper method ({@code
     * later(Duration d)}) is reported at each call of the helper in its class, the delay bound from
     * the call's arguments; false when nobody calls it.
     */
    private boolean expandHelper(MethodCallExpr site, Place place) {
      Optional<MethodDeclaration> helper = site.findAncestor(MethodDeclaration.class);
      Optional<TypeDeclaration<?>> type = site.findAncestor(TypeDeclaration.class).map(t -> t);
      if (helper.isEmpty() || type.isEmpty()) {
        return false;
      }
      MethodDeclaration h = helper.get();
      boolean found = false;
      for (MethodCallExpr call : type.get().findAll(MethodCallExpr.class)) {
        boolean own = call.getScope().map(Expression::isThisExpr).orElse(true);
        if (!own
            || !call.getNameAsString().equals(h.getNameAsString())
            || call.getArguments().size() != h.getParameters().size()
            || call.findAncestor(MethodDeclaration.class).map(x -> x == h).orElse(false)) {
          continue;
        }
        found = true;
        Map<String, Value> bound = new HashMap<>();
        for (int i = 0; i < call.getArguments().size(); i++) {
          bound.put(h.getParameter(i).getNameAsString(), eval.eval(call.getArguments().get(i)));
        }
        Delay inner = rescheduleDelay(site.getArguments(), bound);
        String via =
            h.getNameAsString()
                + "() at "
                + file.file().name()
                + ":"
                + line(site)
                + (inner.note().isEmpty() ? "" : "; " + inner.note());
        Delay d = new Delay(inner.nanos(), JavaEval.oneLine(call), inner.input(), via);
        Place at = place.kind() == SiteKind.SUCCESS ? classify(call) : place;
        emit(call, Mechanism.REQUEUE_AFTER, at, d);
      }
      return found;
    }

    /** A delay argument; a plain number is in the unit given (nanoseconds per unit). */
    private Delay delayOf(Expression a, double nanosPerUnit) {
      return Delay.of(eval.eval(a).asDuration(nanosPerUnit), JavaEval.oneLine(a));
    }

    private void maxInterval(AnnotationExpr a) {
      Expression interval = member(a, "interval");
      if (interval == null) {
        return;
      }
      Expression unit = member(a, "timeUnit");
      double nanos = JavaEval.unitNanos(unit == null ? "HOURS" : JavaEval.oneLine(unit));
      Value v = eval.eval(interval);
      Delay d =
          v.isNumber() && v.amount() <= 0
              ? Delay.none(JavaEval.oneLine(a), "turned off")
              : Delay.of(v.asDuration(nanos), JavaEval.oneLine(a));
      emit(a, Mechanism.RESYNC, Place.UNCONDITIONAL, d);
    }

    private void gradualRetry(AnnotationExpr a) {
      Expression initial = member(a, "initialInterval");
      Value v = initial == null ? Value.number(2000).via("default") : eval.eval(initial);
      Expression mult = member(a, "intervalMultiplier");
      Expression attempts = member(a, "maxAttempts");
      String how =
          "×"
              + (mult == null ? "1.5" : JavaEval.oneLine(mult))
              + " per attempt, "
              + (attempts == null ? "5" : JavaEval.oneLine(attempts))
              + " attempts";
      emit(
          a,
          Mechanism.BACKOFF,
          new Place(SiteKind.ERROR, "after a failure"),
          Delay.of(v.asDuration(1e6).withVia(how), JavaEval.oneLine(a)));
    }

    /** {@code GenericRetry.defaultLimitedExponentialRetry()...}: starts a retry chain. */
    private void genericRetry(MethodCallExpr m) {
      Optional<Expression> scope = m.getScope();
      if (scope.isPresent()
          && scope.get().isNameExpr()
          && scope.get().asNameExpr().getNameAsString().equals("GenericRetry")
          && !m.getNameAsString().equals("noRetry")) {
        retryChain(m, m);
      }
    }

    private void retryChain(Expression root, Expression top) {
      // the chain climbs from root to the outermost call whose scope is the previous link
      Expression cur = root;
      double initialMs = 2000;
      String initialExpr = JavaEval.oneLine(root);
      Value initial = null;
      if (root instanceof MethodCallExpr rm
          && rm.getNameAsString().equals("every10second10TimesRetry")) {
        initialMs = 10_000;
      }
      List<String> links = new ArrayList<>();
      Node site = top;
      while (cur.getParentNode().orElse(null) instanceof MethodCallExpr up
          && up.getScope().orElse(null) == cur) {
        links.add(up.getNameAsString());
        if (up.getNameAsString().equals("setInitialInterval") && up.getArguments().size() == 1) {
          initial = eval.eval(up.getArguments().get(0)).asDuration(1e6);
          initialExpr = JavaEval.oneLine(up.getArguments().get(0));
        }
        cur = up;
      }
      if (links.contains("setMaxAttempts") && JavaEval.oneLine(cur).contains("setMaxAttempts(0)")) {
        return;
      }
      Value v = initial != null ? initial : Value.nanos(initialMs * 1e6).via("default");
      String how = links.contains("withLinearRetry") ? "linear" : "exponential";
      emit(
          site,
          Mechanism.BACKOFF,
          new Place(SiteKind.ERROR, "after a failure"),
          Delay.of(v.withVia(how + " retry"), initialExpr));
    }

    private static Expression member(AnnotationExpr a, String name) {
      if (a.isSingleMemberAnnotationExpr() && name.equals("interval")) {
        return a.asSingleMemberAnnotationExpr().getMemberValue();
      }
      if (!a.isNormalAnnotationExpr()) {
        return null;
      }
      for (MemberValuePair p : a.asNormalAnnotationExpr().getPairs()) {
        if (p.getNameAsString().equals(name)) {
          return p.getValue();
        }
      }
      return null;
    }

    private static Place classify(Node site) {
      String condition = "";
      Node child = site;
      for (Node p = site.getParentNode().orElse(null);
          p != null;
          child = p, p = p.getParentNode().orElse(null)) {
        if (p instanceof CallableDeclaration<?> cd) {
          if (cd.getNameAsString().equals("updateErrorStatus")) {
            return new Place(SiteKind.ERROR, "updateErrorStatus");
          }
          break;
        }
        String here = "";
        if (p instanceof CatchClause c) {
          return new Place(SiteKind.ERROR, "catch (" + JavaEval.oneLine(c.getParameter()) + ")");
        } else if (p instanceof IfStmt s) {
          String cond = JavaEval.oneLine(s.getCondition());
          here =
              child == s.getThenStmt()
                  ? cond
                  : child == s.getElseStmt().orElse(null) ? "!(" + cond + ")" : "";
        } else if (p instanceof ConditionalExpr c) {
          String cond = JavaEval.oneLine(c.getCondition());
          here =
              child == c.getThenExpr() ? cond : child == c.getElseExpr() ? "!(" + cond + ")" : "";
        } else if (p instanceof SwitchEntry e) {
          here =
              e.getLabels().isEmpty()
                  ? "default"
                  : "case " + JavaEval.oneLine(e.getLabels().get(0));
        }
        if (condition.isEmpty()) {
          condition = here;
        }
      }
      return condition.isEmpty() ? Place.SUCCESS : new Place(SiteKind.CONDITIONAL, condition);
    }

    private void emit(Node site, Mechanism m, Place place, Delay d) {
      Optional<MethodDeclaration> method = site.findAncestor(MethodDeclaration.class);
      TypeDeclaration<?> top = null;
      for (Node p = site; p != null; p = p.getParentNode().orElse(null)) {
        if (p instanceof TypeDeclaration<?> t) {
          top = t;
        }
      }
      String cls = top == null ? "" : top.getNameAsString();
      String function = method.map(x -> cls + "." + x.getNameAsString()).orElse(cls);
      String pkg = file.unit().getPackageDeclaration().map(x -> x.getNameAsString()).orElse("");
      List<String> names = controllerNames(top, cls, pkg);
      sink.site(
          new CallSite(
              file.file().rel(),
              line(site),
              Language.JAVA,
              Framework.JOSDK,
              names.get(0),
              names.stream().sorted().distinct().toList(),
              function,
              m,
              place.kind(),
              place.condition(),
              d,
              file.file().test()));
    }

    /**
     * The line of a site; for a call in a chain, the line of its name, not of the chain's start.
     */
    private static int line(Node site) {
      Node at = site instanceof MethodCallExpr mc ? mc.getName() : site;
      return at.getBegin().map(b -> b.line).orElse(0);
    }

    /**
     * The controller's names: {@code @ControllerConfiguration(name = ..)} or the lower-cased class
     * name (the SDK's default, which traces of the Java agent's {@code @WithSpan} are named by),
     * then the class, its qualified name (a tracer made with {@code getTracer(X.class.getName())}
     * has it as scope) and the resource type of {@code Reconciler<T>}.
     */
    private static List<String> controllerNames(TypeDeclaration<?> top, String cls, String pkg) {
      List<String> out = new ArrayList<>();
      if (top == null) {
        return List.of("(unknown)");
      }
      top.getAnnotationByName("ControllerConfiguration")
          .map(a -> member(a, "name"))
          .filter(Expression::isStringLiteralExpr)
          .ifPresent(e -> out.add(e.asStringLiteralExpr().asString()));
      out.add(cls.toLowerCase(Locale.ROOT));
      out.add(cls);
      if (!pkg.isEmpty()) {
        out.add(pkg + "." + cls);
      }
      if (top instanceof ClassOrInterfaceDeclaration c) {
        for (ClassOrInterfaceType t : c.getImplementedTypes()) {
          if (t.getNameAsString().equals("Reconciler") && t.getTypeArguments().isPresent()) {
            t.getTypeArguments().get().stream().findFirst().ifPresent(x -> out.add(x.asString()));
          }
        }
      }
      return out;
    }
  }
}
