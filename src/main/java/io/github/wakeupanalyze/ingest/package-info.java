/**
 * Reading trace exports: sources ({@link io.github.wakeupanalyze.ingest.TraceInputs}), compression,
 * format sniffing (rules in {@link io.github.wakeupanalyze.ingest.FormatSniffer}), one streaming
 * reader per {@link io.github.wakeupanalyze.ingest.TraceFormat}, and one-line errors.
 */
package io.github.wakeupanalyze.ingest;
