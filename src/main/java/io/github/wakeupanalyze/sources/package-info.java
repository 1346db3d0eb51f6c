/**
 * {@code sources}: finds the call sites in an operator's source code that schedule a reconcile
 * (RequeueAfter, Action::requeue, rescheduleAfter, resync periods, retry and rate-limit settings),
 * resolves the delay each one asks for, classifies it (success, conditional, error, unconditional),
 * and matches the timers found in traces to them. Parsing is by real parsers: tree-sitter for Go
 * and Rust, JavaParser for Java; the per-language scanners live in the {@code golang}, {@code rust}
 * and {@code java} subpackages, the syntax tree they share in {@code syntax}.
 */
package io.github.wakeupanalyze.sources;
