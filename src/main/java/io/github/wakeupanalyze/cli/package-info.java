/**
 * The command line: picocli commands, exit codes, one-line errors. Nothing imports this package.
 */
package io.github.wakeupanalyze.cli;
