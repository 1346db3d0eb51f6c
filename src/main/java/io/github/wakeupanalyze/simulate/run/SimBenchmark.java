package io.github.wakeupanalyze.simulate.run;

import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Generates a large trace and prints the time taken and the peak heap, to check that output streams
 * (memory does not grow with the trace). Not a unit test. Usage:
 *
 * <pre>java -Xmx256m -cp target/wakeup-analyze.jar io.github.wakeupanalyze.simulate.SimBenchmark
 *     [OUT_DIR] [FORMAT] [SPANS] [BATCH]</pre>
 *
 * BATCH is the spans per OTLP export batch (default: the format's); {@code otlp-proto 2000000
 * 200000} writes one {@code TracesData} of 10 ResourceSpans × 200,000 spans.
 *
 * <p>The scenario: 50 objects of one controller-runtime controller, RequeueAfter 1 s, 20 ms
 * reconciles with 3 API calls (4 spans per reconcile), Poisson edits every minute per object; its
 * duration is chosen to give about SPANS spans (default 2,000,000).
 */
public final class SimBenchmark {
  private SimBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/benchmark");
    OutputFormat format = OutputFormat.fromCliName(args.length > 1 ? args[1] : "otlp-json");
    long spans = args.length > 2 ? Long.parseLong(args[2]) : 2_000_000L;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    // 50 objects x 4 spans per ~1.02 s reconcile cycle ≈ 196 spans per simulated second
    long seconds = spans / 196;
    String yaml =
        """
        name: benchmark
        seed: 1
        duration: %ds
        operators:
          - service: bench-operator
            queue: legacy
            controllers:
              - name: bench
                objects: 50
                maxConcurrentReconciles: 4
                duration: {median: 20ms, sigma: 0.3}
                requeueAfter: 1s
                calls:
                  - {method: GET, path: self}
                  - {method: GET, path: "/api/v1/namespaces/{namespace}/configmaps/{name}"}
                  - {method: PATCH, path: status, probability: 0.05}
                helper: {name: reconcileChildren, probability: 1}
                edits:
                  - {type: poisson, meanInterval: 1m}
        """
            .formatted(seconds);
    Scenario s = ScenarioLoader.parse(yaml, "benchmark", "benchmark", null);
    long t0 = System.nanoTime();
    SimulationRun.Written w = SimulationRun.write(s, format, out, null, batch);
    double secs = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s: %d spans, %d reconciles, %.0f s simulated, %d MB written in %.1f s "
            + "(%.0f spans/s); peak heap %d MB (max heap %d MB)%n",
        format.cliName(),
        w.spans(),
        w.reconciles(),
        (double) seconds,
        java.nio.file.Files.size(w.trace()) >> 20,
        secs,
        w.spans() / secs,
        peak >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }
}
