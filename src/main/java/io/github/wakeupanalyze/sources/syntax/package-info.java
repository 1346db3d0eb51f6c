/**
 * The syntax tree the Go and Rust scanners walk: tree-sitter parses, and the tree is copied once
 * into small Java {@link io.github.wakeupanalyze.sources.syntax.Node}s, so the scanners never cross
 * into native code again.
 */
package io.github.wakeupanalyze.sources.syntax;
