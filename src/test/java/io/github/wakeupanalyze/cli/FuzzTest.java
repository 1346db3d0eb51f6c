package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wakeupanalyze.ingest.core.Timestamps;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.testing.ManagedAuditLogs;
import io.github.wakeupanalyze.testing.OutputChecks;
import io.github.wakeupanalyze.testing.Replay;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Hostile input, in-process: seeded mutations of one small input per format (truncation, byte
 * flips, inserted garbage, huge numbers, deep nesting, invalid UTF-8, long strings), each run
 * through the command line: every trace format, reconcile logs of the three frameworks, and the API
 * server's audit log (JSON lines, a webhook's {@code EventList}, GKE's Cloud Logging entries and
 * AKS's diagnostic logs, whose records carry each event as a JSON string) and the operator's own
 * log of a sampled run, each of which runs beside the valid trace it belongs to. Whatever the
 * bytes, a run exits 0 or 3, prints at most one error line for its one mutated input (exactly one
 * when it exits 3), never a stack trace, an internal or an out-of-memory error, and every file it
 * writes is well-formed.
 *
 * <p>Most runs pass {@code --max-operators 0} (summary.json, reconciles.csv and index.html, no
 * charts) so that thousands fit in seconds; every {@value #FULL_EVERY}th run writes every report,
 * charts included, to check the SVG and HTML too. Each format runs on its own thread with its own
 * seeded generator, so the mutants are the same on every run. A failure names the format, the
 * mutant, the mutation and the seed, and leaves the input in the temporary folder.
 */
class FuzzTest {
  /**
   * Mutants per seed: 24 seeds (6 trace formats with protobuf framed both ways, a timestamp CSV,
   * nine logs, the audit log seven ways, an operator's log beside its sampled trace) × 300 = 7,200
   * runs.
   */
  static final int MUTANTS = 300;

  /** Every this many runs, all reports are written (charts, SVG, HTML). */
  static final int FULL_EVERY = 100;

  static final long SEED = 20_260_101L;

  static final Path SEEDS = Path.of("src", "test", "resources", "ingest", "same-trace");

  static final Path LOGS = Path.of("src", "test", "resources", "logs");

  @TempDir Path dir;

  /**
   * The valid trace an audit log belongs to (a 10 %-sampled Percona-like run of 3 min), and that
   * log: the companion of the audit seeds.
   */
  static SimulationRun.Written audited;

  /** The operator's log of that run: every reconcile, beside the trace that kept one in ten. */
  static SimulationRun.Written auditedLog;

  /** Where the managed clusters' forms of that log, and the API server's output, are written. */
  static Path managedDir;

  @BeforeAll
  static void simulateAudited(@TempDir Path sim) {
    audited = Replay.simulateFiles(Replay.PERCONA_SAMPLED_AUDIT, TimeUnit.MINUTES.toNanos(3), sim);
    try {
      auditedLog =
          SimulationRun.write(
              io.github.wakeupanalyze.simulate.ScenarioLoader.load(Replay.PERCONA_SAMPLED_AUDIT)
                  .withDuration(TimeUnit.MINUTES.toNanos(3)),
              io.github.wakeupanalyze.simulate.write.OutputFormat.LOG_ZAP_JSON,
              sim,
              "operator");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    managedDir = sim;
  }

  /** One small, valid input per format. */
  static Map<String, byte[]> seeds() throws Exception {
    Map<String, byte[]> seeds = new TreeMap<>();
    for (String f :
        List.of(
            "trace.otlp.json",
            "trace.otlp.jsonl",
            "trace.pb",
            "trace.framed.pb",
            "trace.jaeger.json",
            "trace.zipkin.json")) {
      seeds.put(f, Files.readAllBytes(SEEDS.resolve(f)));
    }
    StringBuilder csv = new StringBuilder("start,end\n");
    for (int i = 0; i < 40; i++) {
      long s = 1_714_564_800_000L + 5_100L * i;
      csv.append(s).append(',').append(s + 120).append('\n');
    }
    seeds.put("trace.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    seeds.put(
        "zap-console.log", Files.readAllBytes(LOGS.resolve("controller-runtime/zap-console.log")));
    seeds.put("kube-rs.json.log", Files.readAllBytes(LOGS.resolve("kube-rs/json.log")));
    seeds.put("josdk-logback.log", Files.readAllBytes(LOGS.resolve("josdk/logback-ttll.log")));
    ObjectMapper json = new ObjectMapper();
    StringBuilder docker = new StringBuilder(); // Fluent Bit's records of them, in 100-char parts
    for (String line :
        Files.readAllLines(LOGS.resolve("controller-runtime/zap-json-kubectl.log"))) {
      int space = line.indexOf(' ');
      String text = line.substring(space + 1);
      for (int at = 0; at < text.length(); at += 100) {
        boolean last = at + 100 >= text.length();
        String part = text.substring(at, Math.min(text.length(), at + 100)) + (last ? "\n" : "");
        ObjectNode record = json.createObjectNode();
        record.put("log", part).put("stream", "stderr").put("logtag", last ? "F" : "P");
        record.put("time", line.substring(0, space));
        docker.append(json.writeValueAsString(record)).append('\n');
      }
    }
    seeds.put("zap-json.docker.log", docker.toString().getBytes(StandardCharsets.UTF_8));
    ObjectNode otlp = json.createObjectNode(); // the OpenTelemetry Collector's OTLP JSON logs
    ObjectNode resource = otlp.putArray("resourceLogs").addObject();
    resource
        .putObject("resource")
        .putArray("attributes")
        .addObject()
        .put("key", "k8s.pod.name")
        .putObject("value")
        .put("stringValue", "memcached-operator-6d8f7b9c4-x2k9p");
    var records = resource.putArray("scopeLogs").addObject().putArray("logRecords");
    for (String line :
        Files.readAllLines(LOGS.resolve("controller-runtime/zap-json-kubectl.log"))) {
      int space = line.indexOf(' ');
      ObjectNode record = records.addObject();
      record.put("timeUnixNano", Long.toString(Timestamps.parse(line.substring(0, space))));
      record.putObject("body").put("stringValue", line.substring(space + 1));
    }
    seeds.put("zap-json.otlp-logs.json", json.writeValueAsBytes(otlp));
    StringBuilder grafana = // Grafana's "Download logs" text: facts, two empty lines, rows
        new StringBuilder(
            "Common labels: {\"container\":\"manager\",\"pod\":\"memcached-operator-6d8f7b9c4-x2k9p\"}\n"
                + "Line limit: \"1000 (12 returned)\"\n\n\n");
    for (String line :
        Files.readAllLines(LOGS.resolve("controller-runtime/zap-json-kubectl.log"))) {
      int space = line.indexOf(' ');
      Instant t = Instant.parse(line.substring(0, space));
      grafana.append(t.toEpochMilli()).append('\t').append(t).append('\t');
      grafana.append(line, space + 1, line.length()).append('\n');
    }
    seeds.put("zap-json.grafana.txt", grafana.toString().getBytes(StandardCharsets.UTF_8));
    var rows = json.createArrayNode(); // the same download as JSON
    for (String line :
        Files.readAllLines(LOGS.resolve("controller-runtime/zap-json-kubectl.log"))) {
      int space = line.indexOf(' ');
      ObjectNode row = rows.addObject().put("line", line.substring(space + 1));
      row.put("timestamp", Long.toString(Timestamps.parse(line.substring(0, space))));
      row.putObject("fields").put("pod", "memcached-operator-6d8f7b9c4-x2k9p");
    }
    seeds.put("zap-json.grafana.json", json.writeValueAsBytes(rows));
    StringBuilder kibana = // Kibana's CSV of it, newest first as Discover sorts it
        new StringBuilder("\"@timestamp\",\"kubernetes.pod.name\",message\n");
    List<String> kubectl =
        Files.readAllLines(LOGS.resolve("controller-runtime/zap-json-kubectl.log"));
    for (int i = kubectl.size() - 1; i >= 0; i--) {
      String line = kubectl.get(i);
      int space = line.indexOf(' ');
      kibana.append('"').append(Instant.parse(line.substring(0, space))).append("\",");
      kibana.append("memcached-operator-6d8f7b9c4-x2k9p,\"");
      kibana.append(line.substring(space + 1).replace("\"", "\"\"")).append("\"\n");
    }
    seeds.put("zap-json.kibana.csv", kibana.toString().getBytes(StandardCharsets.UTF_8));
    ObjectNode loki = json.createObjectNode().put("status", "success"); // curl of query_range
    ObjectNode stream =
        loki.putObject("data").put("resultType", "streams").putArray("result").addObject();
    stream.putObject("stream").put("pod", "memcached-operator-6d8f7b9c4-x2k9p");
    var values = stream.putArray("values");
    for (int i = kubectl.size() - 1; i >= 0; i--) { // direction=backward, Loki's default
      String line = kubectl.get(i);
      int space = line.indexOf(' ');
      values
          .addArray()
          .add(Long.toString(Timestamps.parse(line.substring(0, space))))
          .add(line.substring(space + 1));
    }
    seeds.put("zap-json.loki.json", json.writeValueAsBytes(loki));
    if (auditedLog != null) {
      seeds.put(BESIDE_PREFIX + "zap.log", Files.readAllBytes(auditedLog.trace()));
    }
    if (audited != null) {
      byte[] lines = Files.readAllBytes(audited.audit());
      seeds.put(AUDIT_PREFIX + "jsonl", lines);
      String items =
          String.join(",", new String(lines, StandardCharsets.UTF_8).strip().split("\n"));
      seeds.put(
          AUDIT_PREFIX + "eventlist.json",
          ("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},"
                  + "\"items\":["
                  + items
                  + "]}")
              .getBytes(StandardCharsets.UTF_8));
      seeds.put(
          AUDIT_PREFIX + "gke.json",
          Files.readAllBytes(
              ManagedAuditLogs.gke(audited.audit(), managedDir.resolve("gke.json"))));
      seeds.put(
          AUDIT_PREFIX + "aks.json",
          Files.readAllBytes(
              ManagedAuditLogs.aks(audited.audit(), managedDir.resolve("aks.json"))));
      seeds.put(
          AUDIT_PREFIX + "gke.yaml",
          Files.readAllBytes(
              ManagedAuditLogs.gkeYaml(audited.audit(), managedDir.resolve("gke.yaml"))));
      seeds.put(
          AUDIT_PREFIX + "apiserver.log",
          Files.readAllBytes(
              ManagedAuditLogs.apiServerOutput(
                  audited.audit(), managedDir.resolve("apiserver.log"), true)));
      seeds.put(
          AUDIT_PREFIX + "node.log",
          Files.readAllBytes(
              ManagedAuditLogs.apiServerNodeFile(audited.audit(), managedDir.resolve("node.log"))));
    }
    return seeds;
  }

  /** Seeds named so are audit logs, read beside the trace they belong to. */
  static final String AUDIT_PREFIX = "audit.";

  /** Seeds named so are the operator's log of that trace's run, read beside it. */
  static final String BESIDE_PREFIX = "beside-trace.";

  /** True for a seed read beside {@link #audited}'s trace. */
  static boolean besideTheTrace(String seed) {
    return seed.startsWith(AUDIT_PREFIX) || seed.startsWith(BESIDE_PREFIX);
  }

  /** A named change to the bytes. */
  record Mutant(String how, byte[] bytes) {}

  static Mutant mutate(byte[] in, Random r) {
    int kind = r.nextInt(8);
    int at = in.length == 0 ? 0 : r.nextInt(in.length);
    return switch (kind) {
      case 0 -> new Mutant("truncate at " + at, java.util.Arrays.copyOf(in, at));
      case 1 -> {
        byte[] out = in.clone();
        int flips = 1 + r.nextInt(8);
        for (int i = 0; i < flips; i++) {
          out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        }
        yield new Mutant("byte flips: " + flips, out);
      }
      case 2 -> {
        byte[] garbage = new byte[1 + r.nextInt(64)];
        r.nextBytes(garbage);
        yield new Mutant("garbage at " + at, insert(in, at, garbage));
      }
      case 3 -> {
        String huge =
            List.of(
                    "99999999999999999999999999999",
                    "-9223372036854775809",
                    "1e400",
                    "-0",
                    "NaN",
                    "18446744073709551616")
                .get(r.nextInt(6));
        yield new Mutant("number " + huge + " at a digit", replaceDigits(in, r, huge));
      }
      case 4 -> {
        int depth = 1_100 + r.nextInt(5_000);
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String nest = open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth);
        yield new Mutant(
            "nesting " + depth + " deep at " + at,
            insert(in, at, nest.getBytes(StandardCharsets.UTF_8)));
      }
      case 5 -> {
        byte[][] bad = {
          {(byte) 0xc3, 0x28},
          {(byte) 0xff},
          {(byte) 0x80},
          {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
          {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          {(byte) 0xe2, (byte) 0x82}
        };
        yield new Mutant("invalid UTF-8 at " + at, insert(in, at, bad[r.nextInt(bad.length)]));
      }
      case 6 -> {
        int quote = indexOf(in, (byte) '"', at);
        int pos = quote < 0 ? at : quote + 1;
        String unit = List.of("x", "\u001b[31m\u0007é", "\\u001b[31m\\u0007").get(r.nextInt(3));
        String s = unit.repeat(5_000 + r.nextInt(45_000));
        yield new Mutant(
            "long string at " + pos, insert(in, pos, s.getBytes(StandardCharsets.UTF_8)));
      }
      default -> {
        Mutant a = mutate(in, r);
        Mutant b = mutate(a.bytes(), r);
        yield new Mutant(a.how() + ", then " + b.how(), b.bytes());
      }
    };
  }

  static byte[] insert(byte[] in, int at, byte[] what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + what.length);
    out.write(in, 0, at);
    out.write(what, 0, what.length);
    out.write(in, at, in.length - at);
    return out.toByteArray();
  }

  /** Replaces the run of digits nearest after a random place by {@code number}. */
  static byte[] replaceDigits(byte[] in, Random r, String number) {
    int start = r.nextInt(Math.max(1, in.length));
    while (start < in.length && !Character.isDigit(in[start])) {
      start++;
    }
    int end = start;
    while (end < in.length && Character.isDigit(in[end])) {
      end++;
    }
    byte[] head = java.util.Arrays.copyOf(in, start);
    byte[] tail = java.util.Arrays.copyOfRange(in, end, in.length);
    return insert(
        insert(tail, 0, number.getBytes(StandardCharsets.US_ASCII)), 0, head); // head+num+tail
  }

  static int indexOf(byte[] in, byte b, int from) {
    for (int i = from; i < in.length; i++) {
      if (in[i] == b) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void mutatedInputs_inEveryFormat_exit0or3_oneErrorLine_wellFormedOutput() throws Exception {
    List<Map.Entry<String, byte[]>> all = new ArrayList<>(seeds().entrySet());
    // one thread per format, each with its own seeded generator: the same mutants every run
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(4, Runtime.getRuntime().availableProcessors()));
    try {
      List<Future<Map<Integer, Integer>>> results = new ArrayList<>();
      for (int s = 0; s < all.size(); s++) {
        Map.Entry<String, byte[]> seed = all.get(s);
        long formatSeed = SEED + s;
        results.add(pool.submit(() -> fuzz(seed.getKey(), seed.getValue(), formatSeed)));
      }
      Map<Integer, Integer> exits = new TreeMap<>();
      for (Future<Map<Integer, Integer>> f : results) {
        try {
          f.get().forEach((k, v) -> exits.merge(k, v, Integer::sum));
        } catch (ExecutionException e) {
          throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
        }
      }
      int runs = exits.values().stream().mapToInt(Integer::intValue).sum();
      System.out.printf(Locale.ROOT, "fuzz: %d runs, exit codes %s%n", runs, exits);
      assertEquals(all.size() * MUTANTS, runs);
      assertTrue(exits.getOrDefault(0, 0) > 0 && exits.getOrDefault(3, 0) > 0, "" + exits);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@value #MUTANTS} mutants of one seed; returns exit code → count. */
  Map<Integer, Integer> fuzz(String name, byte[] seed, long randomSeed) throws Exception {
    Random random = new Random(randomSeed);
    Map<Integer, Integer> exits = new TreeMap<>();
    Path out = dir.resolve("out-" + name);
    Path input = dir.resolve("input-" + name);
    // one command line for all runs of this thread, as picocli allows: building it is most of
    // the cost of a small run
    CommandLine cl =
        Cli.commandLine(
            new PrintWriter(Writer.nullWriter()),
            new PrintWriter(Writer.nullWriter()),
            InputStream.nullInputStream());
    for (int i = 0; i < MUTANTS; i++) {
      Mutant m = mutate(seed, random);
      Files.write(input, m.bytes());
      boolean full = i % FULL_EVERY == 0;
      List<String> args = new ArrayList<>();
      if (besideTheTrace(name)) {
        args.add(audited.trace().toString());
      }
      args.addAll(List.of(input.toString(), "--out", out.toString()));
      if (!full) {
        args.addAll(List.of("--max-operators", "0"));
      }
      StringWriter stdout = new StringWriter();
      StringWriter stderr = new StringWriter();
      String what = name + " mutant #" + i + " (" + m.how() + ", seed " + randomSeed + ")";
      int exit;
      try {
        exit =
            Cli.execute(
                cl, args.toArray(String[]::new), new PrintWriter(stdout), new PrintWriter(stderr));
      } catch (Throwable t) {
        throw new AssertionError(what + ": threw " + t, t);
      }
      check(what, exit, stdout.toString(), stderr.toString(), out);
      exits.merge(exit, 1, Integer::sum);
    }
    Files.delete(input);
    return exits;
  }

  static void check(String what, int exit, String stdout, String stderr, Path out)
      throws Exception {
    if (exit != 0 && exit != 3) {
      fail(what + ": exit " + exit + "\n" + stderr);
    }
    List<String> lines = stderr.lines().toList();
    long errors = lines.stream().filter(l -> l.startsWith("error: ")).count();
    assertEquals(exit == 3 ? 1 : 0, errors, what + ": error lines\n" + stderr);
    for (String l : lines) {
      boolean known =
          l.startsWith("error: ")
              || l.startsWith("warning: ")
              || l.startsWith("nothing to analyze: ")
              || l.startsWith("wrote ");
      assertTrue(known, what + ": unexpected line: " + l);
      assertTrue(
          !l.contains("Exception") && !l.contains("internal error") && !l.contains("out of memory"),
          what + ": " + l);
      assertTrue(l.length() < 2_000, what + ": a line of " + l.length() + " characters");
    }
    for (String s : List.of(stdout, stderr)) {
      assertTrue(s.indexOf('\u001b') < 0 && s.indexOf('\u0007') < 0, what + ": ESC or BEL: " + s);
    }
    List<String> problems = OutputChecks.problems(out);
    assertEquals(List.of(), problems, what);
  }

  @Test
  void everySeed_asItIs_isReadWithoutError_andTheAuditLogsAsAuditLogs() throws Exception {
    CommandLine cl =
        Cli.commandLine(
            new PrintWriter(Writer.nullWriter()),
            new PrintWriter(Writer.nullWriter()),
            InputStream.nullInputStream());
    for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
      Path input = dir.resolve(seed.getKey());
      Files.write(input, seed.getValue());
      Path out = dir.resolve("seed-" + seed.getKey());
      List<String> args = new ArrayList<>();
      boolean audit = seed.getKey().startsWith(AUDIT_PREFIX);
      if (besideTheTrace(seed.getKey())) {
        args.add(audited.trace().toString());
      }
      args.addAll(List.of(input.toString(), "--out", out.toString(), "--max-operators", "0"));
      StringWriter stderr = new StringWriter();
      int exit =
          Cli.execute(
              cl,
              args.toArray(String[]::new),
              new PrintWriter(Writer.nullWriter()),
              new PrintWriter(stderr));
      assertEquals(0, exit, seed.getKey() + ": " + stderr);
      JsonNode read =
          new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("inputs");
      JsonNode mine = read.get(read.size() - 1);
      assertEquals(input.toString(), mine.get("path").asText());
      assertTrue(mine.get("error").isNull(), seed.getKey() + ": " + mine);
      if (audit) {
        assertEquals("k8s-audit", mine.get("format").asText(), seed.getKey());
        assertTrue(mine.get("spans").asLong() > 0, seed.getKey() + ": no write read");
      } else {
        assertTrue(mine.get("reconciles").asLong() > 0, seed.getKey() + ": " + mine);
      }
      if (seed.getKey().startsWith(BESIDE_PREFIX)) {
        JsonNode extraction =
            new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("extraction");
        assertEquals(
            audited.kept(),
            extraction.get("merged_reconciles").asLong(),
            seed.getKey() + ": every kept reconcile meets its log line");
        assertEquals(auditedLog.reconciles(), extraction.get("reconciles").asLong());
      }
    }
  }

  @Test
  void mutations_coverEveryKind_andChangeTheBytes() throws Exception {
    Random random = new Random(SEED);
    byte[] seed = seeds().get("trace.otlp.json");
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Mutant m = mutate(seed, random);
      kinds.add(m.how().replaceAll("[ 0-9].*", ""));
    }
    for (String k :
        List.of("truncate", "byte", "garbage", "number", "nesting", "invalid", "long")) {
      assertTrue(kinds.stream().anyMatch(s -> s.startsWith(k)), k + " in " + kinds);
    }
    try (Stream<String> s = kinds.stream()) {
      assertTrue(s.distinct().count() >= 7);
    }
  }
}
