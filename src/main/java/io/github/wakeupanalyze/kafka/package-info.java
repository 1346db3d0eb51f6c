/**
 * The online engine scaled out on Kafka Streams: OTLP records from the Collector's Kafka exporter
 * in, traces assembled where they live, reconciles re-keyed by operator/controller/object into
 * per-object windows held in persistent state stores (partitioned by controller), classified
 * reconciles and controller timers out, and interactive queries over the stores (docs/kafka.md).
 */
package io.github.wakeupanalyze.kafka;
