/**
 * Go and controller-runtime: finds {@code reconcile.Result}/{@code ctrl.Result} literals and
 * assignments with {@code RequeueAfter} or {@code Requeue}, {@code SyncPeriod} options and
 * client-go workqueue rate limiters, and resolves their delays through constants, variables, struct
 * fields, functions, environment variables and flags within the module.
 */
package io.github.wakeupanalyze.sources.golang;
