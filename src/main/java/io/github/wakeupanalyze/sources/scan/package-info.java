/**
 * The scan of a source tree: walks the roots, skips vendored and generated folders, and hands each
 * file to the scanner of its language ({@code sources.golang}, {@code sources.rust}, {@code
 * sources.java}). Above the language scanners and the shared call-site types in {@code sources}, so
 * those never depend on the walk.
 */
package io.github.wakeupanalyze.sources.scan;
