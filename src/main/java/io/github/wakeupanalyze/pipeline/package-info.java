/** Runs ingest → extract → analyze over a set of inputs; used by the CLI commands. */
package io.github.wakeupanalyze.pipeline;
