/** Reading trace exports: format sniffing, decompression, one streaming reader per format. */
package io.github.wakeupanalyze.ingest;
