/**
 * {@code wakeup-analyze serve}: OTLP/HTTP and OTLP/gRPC receivers feeding the online engine ({@code
 * live}), the live API, Prometheus metrics and page, and the final report on shutdown.
 */
package io.github.wakeupanalyze.serve;
