package io.github.wakeupanalyze.sources;

/**
 * Where on the reconcile's paths a call site sits.
 *
 * <ul>
 *   <li>{@link #SUCCESS}: returned on the success path with no condition of its own (every
 *       reconcile that gets that far asks for it), e.g. the last {@code return
 *       ctrl.Result{RequeueAfter: 5 * time.Second}, nil};
 *   <li>{@link #CONDITIONAL}: on the success path under a condition, which the site names as
 *       written ({@code if !cluster.Ready()}, {@code case "Initializing"}, a match arm);
 *   <li>{@link #ERROR}: on an error path ({@code if err != nil}, a result returned with a non-nil
 *       error, kube-rs' {@code error_policy}, a Java {@code catch} or {@code updateErrorStatus}),
 *       and every retry or rate-limiter setting;
 *   <li>{@link #UNCONDITIONAL}: configuration that applies to every object whatever the outcome:
 *       {@code SyncPeriod}, {@code @MaxReconciliationInterval}, {@code reconcile_all_on}, debounce.
 * </ul>
 */
public enum SiteKind {
  SUCCESS("success"),
  CONDITIONAL("conditional"),
  ERROR("error"),
  UNCONDITIONAL("unconditional");

  private final String label;

  SiteKind(String label) {
    this.label = label;
  }

  /** The name in outputs, e.g. {@code conditional}. */
  public String label() {
    return label;
  }
}
