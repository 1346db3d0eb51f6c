package io.github.wakeupanalyze.serve;

import java.util.Locale;

/** How spans reached the server; the {@code transport} label of the receiver metrics. */
enum Transport {
  HTTP,
  GRPC;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
