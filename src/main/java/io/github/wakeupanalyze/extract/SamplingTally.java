package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.SamplingSource;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.text.Names;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, per operator, what the reconciles' traces state about their sampling; remembers what a
 * trace's root states for the reconciles inside it (Jaeger writes its sampler tags on the root).
 */
final class SamplingTally {
  private static final long SAMPLING_SALT = 0x53414d504cL;
  private static final List<String> SAMPLERS = List.of("ratelimiting", "lowerbound", "p:63");

  private static final class Operator {
    long reconciles;
    long stated;
    double min = Double.NaN;
    double max = Double.NaN;
    final EnumMap<SamplingSource, Long> sources = new EnumMap<>(SamplingSource.class);
    final Map<String, Long> nonProbabilistic = new TreeMap<>();
  }

  private final Map<String, Operator> operators = new TreeMap<>();

  /**
   * Remembers in {@code table} (one entry, evicted with the spans of its time) what a root that is
   * not a reconcile states about its trace's sampling.
   */
  static void remember(SpanTable table, Span root, int clock, int epoch) {
    Sampling.Stated s = Sampling.of(root);
    if (s != null) {
      table.put(
          key(root.traceIdHigh(), root.traceIdLow()),
          Float.floatToIntBits((float) s.probability()),
          s.source().ordinal() | (s.sampler() == null ? 0 : SAMPLERS.indexOf(s.sampler()) + 1) << 4,
          clock,
          epoch);
    }
  }

  /** What {@link #remember} stored for a trace, or null. */
  static Sampling.Stated recall(SpanTable table, long traceHigh, long traceLow) {
    int s = table.find(key(traceHigh, traceLow));
    if (s < 0) {
      return null;
    }
    int tag = table.tag(s);
    int sampler = (tag >> 4) - 1;
    // stored as a float: its shortest decimal gives back a probability written with up to 7
    // significant digits exactly (0.1, not 0.10000000149)
    return new Sampling.Stated(
        Double.parseDouble(Float.toString(Float.intBitsToFloat(table.value(s)))),
        SamplingSource.values()[tag & 0xf],
        sampler < 0 ? null : SAMPLERS.get(sampler));
  }

  private static long key(long traceHigh, long traceLow) {
    return SpanKeys.mix(SpanKeys.trace(traceHigh, traceLow), SAMPLING_SALT);
  }

  /**
   * Adds one reconcile of {@code operator}: what its trace states, else the user's ratio.
   *
   * @param stated what the trace states, or null
   * @param optionRatio {@code --sampling-ratio}, NaN when not given
   * @return the reconcile's sampling probability, NaN when unknown
   */
  double add(String operator, Sampling.Stated stated, double optionRatio) {
    if (stated != null && stated.isProbability()) {
      add(operator, stated.probability(), stated.source(), null);
      return stated.probability();
    }
    if (stated != null) {
      add(operator, Double.NaN, null, stated.sampler());
      return Double.NaN;
    }
    add(operator, optionRatio, Double.isNaN(optionRatio) ? null : SamplingSource.OPTION, null);
    return optionRatio;
  }

  private void add(String operator, double probability, SamplingSource source, String sampler) {
    Operator o = operators.computeIfAbsent(operator, k -> new Operator());
    o.reconciles++;
    if (!Double.isNaN(probability)) {
      o.stated++;
      o.min = Double.isNaN(o.min) ? probability : Math.min(o.min, probability);
      o.max = Double.isNaN(o.max) ? probability : Math.max(o.max, probability);
      o.sources.merge(source, 1L, Long::sum);
    } else if (sampler != null) {
      o.nonProbabilistic.merge(sampler, 1L, Long::sum);
    }
  }

  List<SamplingSummary> summaries() {
    List<SamplingSummary> out = new ArrayList<>();
    operators.forEach(
        (name, o) -> {
          SamplingSource main = null;
          long best = 0;
          for (var e : o.sources.entrySet()) {
            if (e.getValue() > best) {
              best = e.getValue();
              main = e.getKey();
            }
          }
          out.add(
              new SamplingSummary(
                  name, o.reconciles, o.stated, o.min, o.max, main, o.nonProbabilistic));
        });
    return out;
  }

  /** One line per operator with reconciles kept by a sampler that states no probability. */
  List<String> warnings() {
    List<String> out = new ArrayList<>();
    operators.forEach(
        (name, o) ->
            o.nonProbabilistic.forEach(
                (sampler, n) ->
                    out.add(
                        String.format(
                            Locale.ROOT,
                            "%d reconciles of %s were kept by a sampler that states no"
                                + " probability (%s): their share of all reconciles is unknown",
                            n,
                            Names.printable(Names.abbreviate(name)),
                            sampler))));
    return out;
  }
}
