package io.github.wakeupanalyze.compare;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.wakeupanalyze.unload.OperatorUnload;
import io.github.wakeupanalyze.unload.UnloadResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a {@code summary.json} written by {@code wakeup-analyze analyze}, streaming.
 *
 * <p><b>Detection</b> ({@link #probe}), from the content, never the file name: not gzip, a JSON
 * object at the top, whose top-level keys include both {@code schema} and {@code operators}. The
 * scan stops at the first key a trace has at the top ({@code resourceSpans}, {@code
 * resource_spans}, {@code scopeSpans}, {@code batches}, {@code result}, {@code trace}) and at
 * anything that is not JSON: such input is left to the trace readers and their error messages.
 *
 * <p><b>Reading</b> maps the document onto the records below with Jackson databind; an error names
 * the place ({@code line:column}) and the path ({@code operators[0].controllers[1].reconciles}).
 *
 * <p><b>Versions</b>: schema {@value #SCHEMA} is read; fields this reader does not know are skipped
 * (a newer writer within schema 1 may add fields; a user-written file would be a scenario, not a
 * summary), fields added later within schema 1 that are missing ({@code api_writes}, {@code
 * errors}, {@code unload}) read as unknown (n/a). Any other schema is refused with a one-line
 * message.
 */
public final class SummaryReader {
  /** The summary.json schema this reader understands. */
  public static final int SCHEMA = 1;

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final List<String> TRACE_KEYS =
      List.of("resourceSpans", "resource_spans", "scopeSpans", "batches", "result", "trace");

  private SummaryReader() {}

  /**
   * What the first look at a file says.
   *
   * @param summary true when it is a summary.json
   * @param schema its {@code schema} value when it is an integer, else null
   */
  public record Probe(boolean summary, Integer schema) {}

  /** Looks at the top-level keys of a file; never throws on content, only on I/O. */
  public static Probe probe(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new Probe(false, null);
      }
      in.reset();
      try (JsonParser p = FACTORY.createParser(in)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return new Probe(false, null);
        }
        boolean operators = false;
        boolean schemaSeen = false;
        Integer schema = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          if (TRACE_KEYS.contains(name)) {
            return new Probe(false, null);
          }
          JsonToken v = p.nextToken();
          if (name.equals("schema")) {
            schemaSeen = true;
            schema =
                v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                    ? Integer.valueOf(p.getIntValue())
                    : null;
          } else if (name.equals("operators")) {
            operators = true;
          }
          if (schemaSeen && operators) {
            return new Probe(true, schema);
          }
          p.skipChildren();
        }
        return new Probe(false, null);
      } catch (JsonProcessingException e) {
        return new Probe(false, null);
      }
    }
  }

  /**
   * Reads a summary.json whose {@link #probe} said it is one.
   *
   * @param source the argument as the user gave it, used in messages and reports
   */
  public static Snapshot read(String source, Path file) throws CompareInputException {
    Probe probe;
    try {
      probe = probe(file);
    } catch (IOException e) {
      throw new CompareInputException(source + ": cannot read: " + e.getMessage(), e);
    }
    if (!probe.summary()) {
      throw new CompareInputException(
          source
              + ": not a summary.json (expected a JSON object with "
              + "\"schema\" and \"operators\")");
    }
    checkSchema(source, probe.schema());
    Document doc;
    try (InputStream in = Files.newInputStream(file)) {
      doc = READER.readValue(in);
    } catch (JsonMappingException e) {
      throw new CompareInputException(
          source + where(e.getLocation()) + ": invalid summary.json: " + path(e) + expected(e), e);
    } catch (JsonProcessingException e) {
      throw new CompareInputException(
          source
              + where(e.getLocation())
              + ": invalid summary.json: "
              + e.getOriginalMessage().replaceAll("\\s+", " "),
          e);
    } catch (IOException e) {
      throw new CompareInputException(source + ": cannot read: " + e.getMessage(), e);
    }
    return doc.snapshot(source);
  }

  private static final ObjectReader READER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build()
          .readerFor(Document.class);

  static void checkSchema(String source, Integer schema) throws CompareInputException {
    if (schema == null) {
      throw new CompareInputException(
          source
              + ": summary.json \"schema\" is not an integer; this "
              + "wakeup-analyze reads schema "
              + SCHEMA);
    }
    if (schema > SCHEMA) {
      throw new CompareInputException(
          source
              + ": summary.json schema "
              + schema
              + " is newer than "
              + "this wakeup-analyze reads (schema "
              + SCHEMA
              + "); use a newer wakeup-analyze, or "
              + "compare the traces themselves");
    }
    if (schema < SCHEMA) {
      throw new CompareInputException(
          source
              + ": summary.json schema "
              + schema
              + " is not one "
              + "this wakeup-analyze reads (schema "
              + SCHEMA
              + "); rerun analyze on the trace");
    }
  }

  private static String where(JsonLocation loc) {
    return loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
  }

  /** {@code "operators[0].controllers[1].timer_driven"}, quoted, from the mapping error's path. */
  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "" : "\"" + sb + "\": ";
  }

  /** What was expected, in words, from Jackson's message. */
  private static String expected(JsonMappingException e) {
    String m = e.getOriginalMessage().replaceAll("\\s+", " ");
    if (m.startsWith("Cannot deserialize value of type `int`")
        || m.startsWith("Cannot deserialize value of type `long`")
        || m.startsWith("Cannot deserialize value of type `java.lang.Long`")) {
      return "expected an integer";
    }
    if (m.startsWith("Cannot deserialize value of type `double`")
        || m.startsWith("Cannot deserialize value of type `java.lang.Double`")) {
      return "expected a number";
    }
    if (m.startsWith("Missing required creator property")) {
      return "missing";
    }
    if (m.startsWith("Cannot map `null`")) {
      return "expected a value, found null";
    }
    int cut = m.indexOf(" at [Source");
    return cut > 0 ? m.substring(0, cut) : m;
  }

  // The part of summary.json that compare reads; every other field is skipped.

  record Document(
      @JsonProperty(required = true) Window window,
      @JsonProperty(required = true) List<Operator> operators) {
    Snapshot snapshot(String source) {
      long w = Math.max(0, window.endUnixNano() - window.startUnixNano());
      List<OperatorSnapshot> ops = new ArrayList<>();
      for (Operator o : operators) {
        ops.add(o.snapshot(w));
      }
      ops.sort(Comparator.comparing(OperatorSnapshot::operator));
      return new Snapshot(source, Snapshot.Kind.SUMMARY, w, ops);
    }
  }

  record Window(
      @JsonProperty(value = "start_unix_nano", required = true) long startUnixNano,
      @JsonProperty(value = "end_unix_nano", required = true) long endUnixNano) {}

  record Operator(
      @JsonProperty(required = true) String operator,
      List<Controller> controllers,
      Unload unload,
      Sampling sampling) {
    OperatorSnapshot snapshot(long window) {
      List<ControllerSnapshot> cs = new ArrayList<>();
      for (Controller c : controllers == null ? List.<Controller>of() : controllers) {
        cs.add(c.snapshot());
      }
      cs.sort(Comparator.comparing(ControllerSnapshot::controller));
      List<OperatorUnload> us = new ArrayList<>();
      for (UnloadRow r :
          unload == null || unload.rows() == null ? List.<UnloadRow>of() : unload.rows()) {
        long t = Math.round(r.unloadAfterS() * 1e9);
        us.add(
            new OperatorUnload(
                operator, r.observed().result(t, window), r.withoutTimers().result(t, window)));
      }
      return new OperatorSnapshot(operator, cs, us, sampling == null ? "" : sampling.mark());
    }
  }

  /** The operator's sampling mark (summary.json from before it was written has none). */
  record Sampling(String mark) {}

  record Controller(
      @JsonProperty(required = true) String controller,
      int reconciles,
      @JsonProperty("timer_driven") int timerDriven,
      @JsonProperty("api_writes") Long apiWrites,
      Long errors,
      List<Timer> timers,
      @JsonProperty("calls_recorded") Long callsRecorded) {
    ControllerSnapshot snapshot() {
      List<TimerSnapshot> ts = new ArrayList<>();
      for (Timer t : timers == null ? List.<Timer>of() : timers) {
        ts.add(
            new TimerSnapshot(
                t.delayS(),
                nan(t.periodS()),
                nan(t.jitterS()),
                t.reconciles(),
                t.objects(),
                t.callSite()));
      }
      ts.sort(Comparator.comparingDouble(TimerSnapshot::delaySeconds));
      return new ControllerSnapshot(
          controller,
          reconciles,
          timerDriven,
          apiWrites == null ? -1 : apiWrites,
          errors == null ? -1 : errors,
          ts,
          callsRecorded == null ? reconciles : callsRecorded);
    }
  }

  record Timer(
      @JsonProperty(value = "delay_s", required = true) double delayS,
      @JsonProperty("period_s") Double periodS,
      @JsonProperty("jitter_s") Double jitterS,
      int reconciles,
      int objects,
      @JsonProperty("call_sites") List<CallSiteRef> callSites) {
    /** The best matched call site, {@code controller.go:59}; empty when none. */
    String callSite() {
      if (callSites == null || callSites.isEmpty() || callSites.get(0).file() == null) {
        return "";
      }
      String f = callSites.get(0).file();
      return f.substring(f.lastIndexOf('/') + 1) + ":" + callSites.get(0).line();
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CallSiteRef(String file, int line) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Unload(List<UnloadRow> rows) {}

  record UnloadRow(
      @JsonProperty(value = "unload_after_s", required = true) double unloadAfterS,
      @JsonProperty(required = true) UnloadSide observed,
      @JsonProperty(value = "without_timers", required = true) UnloadSide withoutTimers) {}

  record UnloadSide(double reloads, @JsonProperty("unloaded_s") double unloadedS) {
    UnloadResult result(long unloadAfterNanos, long window) {
      long unloaded = Math.max(0, Math.min(window, Math.round(unloadedS * 1e9)));
      return new UnloadResult(unloadAfterNanos, window, Math.max(0, Math.round(reloads)), unloaded);
    }
  }

  private static double nan(Double v) {
    return v == null ? Double.NaN : v;
  }
}
