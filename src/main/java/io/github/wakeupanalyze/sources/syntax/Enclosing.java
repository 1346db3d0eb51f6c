package io.github.wakeupanalyze.sources.syntax;

import io.github.wakeupanalyze.sources.Place;
import io.github.wakeupanalyze.sources.SiteKind;
import java.util.function.Predicate;

/**
 * The conditions a call site sits under, found by walking from the site up to its function: the
 * innermost condition of any kind and the innermost one that marks an error path. Each language
 * says what one enclosing node adds ({@link Reader}); the walk and the verdict are shared.
 *
 * @param condition the innermost condition as written, e.g. {@code case "Initializing"}; empty for
 *     none
 * @param errorCondition the innermost error-path condition, e.g. {@code err != nil}; empty for none
 */
public record Enclosing(String condition, String errorCondition) {

  /**
   * What one enclosing node adds.
   *
   * @param condition the condition as written, e.g. {@code !(err == nil)}; empty for none
   * @param error whether the site is on an error path below this node
   */
  public record Guard(String condition, boolean error) {
    /** A node that adds no condition, e.g. a block. */
    public static final Guard NONE = new Guard("", false);

    /**
     * What an {@code if} node {@code p} with fields {@code condition}, {@code consequence} and
     * {@code alternative} adds for its child {@code child}: the condition in the consequence, its
     * negation {@code !(...)} in the alternative, nothing elsewhere or without a condition.
     *
     * @param errorWhenTrue whether the condition marks an error path (the consequence is one)
     * @param errorWhenFalse whether the condition marks a success path (the alternative is an error
     *     path)
     */
    public static Guard ofIf(
        Node p, Node child, Predicate<Node> errorWhenTrue, Predicate<Node> errorWhenFalse) {
      Node cond = p.child("condition");
      if (cond == null) {
        return NONE;
      }
      return switch (child.field()) {
        case "consequence" -> new Guard(cond.oneLine(), errorWhenTrue.test(cond));
        case "alternative" -> new Guard("!(" + cond.oneLine() + ")", errorWhenFalse.test(cond));
        default -> NONE;
      };
    }
  }

  /**
   * One language's reading of an enclosing node {@code p}, reached from its child {@code child}.
   */
  @FunctionalInterface
  public interface Reader {
    Guard guard(Node p, Node child);
  }

  /** Walks from {@code site} up to (not into) the first node {@code function} accepts. */
  public static Enclosing of(Node site, Predicate<Node> function, Reader reader) {
    String condition = "";
    String errorCondition = "";
    Node child = site;
    for (Node p = site.parent(); p != null && !function.test(p); child = p, p = p.parent()) {
      Guard g = reader.guard(p, child);
      if (condition.isEmpty()) {
        condition = g.condition();
      }
      if (g.error() && errorCondition.isEmpty()) {
        errorCondition = g.condition();
      }
    }
    return new Enclosing(condition, errorCondition);
  }

  /**
   * An error path when an error condition encloses the site; else {@code returned} when not null
   * (what the site's own statement says, e.g. Go's {@code return ctrl.Result{..}, err}); else
   * conditional under the innermost condition, or the success path.
   */
  public Place place(Place returned) {
    if (!errorCondition.isEmpty()) {
      return new Place(SiteKind.ERROR, errorCondition);
    }
    if (returned != null) {
      return returned;
    }
    return condition.isEmpty() ? Place.SUCCESS : new Place(SiteKind.CONDITIONAL, condition);
  }
}
