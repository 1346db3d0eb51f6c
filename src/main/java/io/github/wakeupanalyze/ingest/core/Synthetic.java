package io.github.wakeupanalyze.ingest.core;

import java.nio.charset.StandardCharsets;

/**
 * What the readers of inputs that are not traces (timestamp CSVs, operator logs) share when they
 * make synthetic spans: the operator a file name gives, and deterministic ids.
 *
 * <p>Ids are deterministic: the trace id is (a 64-bit hash of the file name as given, a record
 * number) and the span id a mix of both, so two files never collide and a re-run gives the same
 * ids.
 */
public final class Synthetic {
  private Synthetic() {}

  /**
   * The operator name a file gives: its name without directory and extensions ({@code psmdb} for
   * {@code logs/psmdb.csv.gz}); {@code stdin} for {@code -}.
   */
  public static String operatorOf(String file) {
    if (file.equals("-")) {
      return "stdin";
    }
    String name = file.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    int dot = name.indexOf('.', 1);
    String base = dot < 0 ? name : name.substring(0, dot);
    return base.isEmpty() ? file : base;
  }

  /** FNV-1a over the UTF-8 bytes of a file name, then mixed: the high half of its trace ids. */
  public static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** A 64-bit finalizer (SplitMix64); never returns 0. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = z ^ (z >>> 31);
    return z == 0 ? 1 : z;
  }
}
