package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.simulate.Scenario.Production;
import io.github.wakeupanalyze.simulate.Scenario.Sampling;
import io.github.wakeupanalyze.simulate.Scenario.SamplingRecord;
import io.github.wakeupanalyze.simulate.SimSpan.Attr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Records the simulation as production does, between the simulator and the writers: head sampling,
 * random span loss and per-service clock offsets. Every reconcile still reaches the labels, marked
 * {@link Label#kept()} only when its reconcile span reaches the trace.
 *
 * <ul>
 *   <li>Sampling ({@link HeadSampler}): parent-based, every span of a trace follows the decision of
 *       the trace's root span, made with the root service's ratio; otherwise every span decides
 *       with its own service's ratio (from the same trace id, so spans of services with the same
 *       ratio still agree). Sampled spans carry the sampler's tracestate; Jaeger's tags go on root
 *       spans.
 *   <li>Loss: each sampled span is dropped with probability {@code spanLoss}, independently (a
 *       reconcile span can vanish while its children survive).
 *   <li>Clock offsets: every time a service writes is shifted by its offset; labels carry the
 *       operator's shifted times, as the trace shows them.
 * </ul>
 *
 * Stateless across traces: memory is one trace.
 */
final class ProductionSink implements SimSink {
  private final Production production;
  private final SplittableRandom random;
  private final SimSink out;

  /**
   * @param random draws span loss; split off the scenario's seed after every model, so that
   *     production settings never move the simulated timeline
   */
  ProductionSink(Production production, SplittableRandom random, SimSink out) {
    this.production = production;
    this.random = random;
    this.out = out;
  }

  @Override
  public void reconcile(Label label, List<SimSpan> spans) throws IOException {
    List<SimSpan> kept = record(spans);
    boolean rootKept = false;
    for (SimSpan s : kept) {
      rootKept |= s.spanId() == label.spanId();
    }
    out.reconcile(label.recorded(production.offset(label.operator()), rootKept), kept);
  }

  @Override
  public void other(List<SimSpan> spans) throws IOException {
    List<SimSpan> kept = record(spans);
    if (!kept.isEmpty()) {
      out.other(kept);
    }
  }

  /** Audit logs are never sampled; their times are on the API server's clock. */
  @Override
  public void apiWrite(ApiWrite write) throws IOException {
    out.apiWrite(write.shifted(production.offset(SpanShapes.API_SERVER)));
  }

  @Override
  public long resolutionNanos() {
    return out.resolutionNanos();
  }

  private List<SimSpan> record(List<SimSpan> spans) {
    Sampling sampling = production.sampling();
    SimSpan root = null;
    for (SimSpan s : spans) {
      if (s.parentSpanId() == 0) {
        root = s;
      }
    }
    HeadSampler.Decision rootDecision =
        sampling == null || root == null ? null : decide(sampling, root);
    List<SimSpan> out = new ArrayList<>(spans.size());
    for (SimSpan s : spans) {
      String state = "";
      List<Attr> extra = List.of();
      if (sampling != null) {
        HeadSampler.Decision d =
            sampling.parentBased() && rootDecision != null ? rootDecision : decide(sampling, s);
        if (!d.sampled()) {
          continue;
        }
        state = d.traceState();
        if (sampling.record() == SamplingRecord.JAEGER_TAGS && s.parentSpanId() == 0) {
          extra =
              List.of(
                  Attr.of("sampler.type", "probabilistic"),
                  Attr.of("sampler.param", sampling.ratio(s.service())));
        }
      }
      if (production.spanLoss() > 0 && random.nextDouble() < production.spanLoss()) {
        continue;
      }
      out.add(s.recorded(production.offset(s.service()), state, extra));
    }
    return out;
  }

  private static HeadSampler.Decision decide(Sampling sampling, SimSpan s) {
    return HeadSampler.decide(
        sampling.record(), sampling.ratio(s.service()), s.traceIdHigh(), s.traceIdLow());
  }
}
