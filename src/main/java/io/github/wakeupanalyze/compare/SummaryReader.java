package io.github.wakeupanalyze.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.wakeupanalyze.unload.OperatorUnload;
import io.github.wakeupanalyze.unload.UnloadResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * <p><b>Versions</b>: schema {@value #SCHEMA} is read; fields this reader does not know are
 * skipped, fields added later within schema 1 that are missing ({@code api_writes}, {@code errors},
 * {@code unload}) read as unknown (n/a). Any other schema is refused with a one-line message.
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
    try (JsonParser p = FACTORY.createParser(file.toFile())) {
      return new Reader(source, p).document();
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
  }

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

  /** One pass over the document: one method per object, a switch on field names. */
  private static final class Reader {
    private final String source;
    private final JsonParser p;
    private long windowStart;
    private long windowEnd;
    private boolean windowSeen;

    Reader(String source, JsonParser p) {
      this.source = source;
      this.p = p;
    }

    Snapshot document() throws IOException, CompareInputException {
      expect(p.nextToken(), JsonToken.START_OBJECT, "the document");
      List<RawOperator> raw = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "window" -> window(v);
          case "operators" -> {
            expect(v, JsonToken.START_ARRAY, "\"operators\"");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              raw.add(operator(p.currentToken()));
            }
          }
          default -> p.skipChildren();
        }
      }
      if (!windowSeen) {
        throw error("no \"window\" with start_unix_nano and end_unix_nano");
      }
      long window = Math.max(0, windowEnd - windowStart);
      List<OperatorSnapshot> ops = new ArrayList<>();
      for (RawOperator r : raw) {
        List<OperatorUnload> unload = new ArrayList<>();
        for (double[] u : r.unload) {
          long t = Math.round(u[0] * 1e9);
          unload.add(
              new OperatorUnload(
                  r.name, result(t, window, u[1], u[2]), result(t, window, u[3], u[4])));
        }
        r.controllers.sort((a, b) -> a.controller().compareTo(b.controller()));
        ops.add(new OperatorSnapshot(r.name, r.controllers, unload));
      }
      ops.sort((a, b) -> a.operator().compareTo(b.operator()));
      return new Snapshot(source, Snapshot.Kind.SUMMARY, window, ops);
    }

    private static UnloadResult result(long t, long window, double reloads, double unloadedS) {
      long unloaded = Math.max(0, Math.min(window, Math.round(unloadedS * 1e9)));
      return new UnloadResult(t, window, Math.max(0, Math.round(reloads)), unloaded);
    }

    private void window(JsonToken v) throws IOException, CompareInputException {
      expect(v, JsonToken.START_OBJECT, "\"window\"");
      boolean start = false;
      boolean end = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "start_unix_nano" -> {
            windowStart = longValue(t, name);
            start = true;
          }
          case "end_unix_nano" -> {
            windowEnd = longValue(t, name);
            end = true;
          }
          default -> p.skipChildren();
        }
      }
      windowSeen = start && end;
    }

    private static final class RawOperator {
      String name;
      final List<ControllerSnapshot> controllers = new ArrayList<>();

      /** unload_after_s, observed reloads, observed unloaded_s, same without timers. */
      final List<double[]> unload = new ArrayList<>();
    }

    private RawOperator operator(JsonToken start) throws IOException, CompareInputException {
      expect(start, JsonToken.START_OBJECT, "an operator");
      RawOperator op = new RawOperator();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "operator" -> op.name = string(v, name);
          case "controllers" -> {
            expect(v, JsonToken.START_ARRAY, "\"controllers\"");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              op.controllers.add(controller(p.currentToken()));
            }
          }
          case "unload" -> unload(v, op.unload);
          default -> p.skipChildren();
        }
      }
      if (op.name == null) {
        throw error("an operator without \"operator\" (its name)");
      }
      return op;
    }

    private ControllerSnapshot controller(JsonToken start)
        throws IOException, CompareInputException {
      expect(start, JsonToken.START_OBJECT, "a controller");
      String name = null;
      int reconciles = 0;
      int timerDriven = 0;
      long writes = -1;
      long errors = -1;
      List<TimerSnapshot> timers = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "controller" -> name = string(v, field);
          case "reconciles" -> reconciles = (int) longValue(v, field);
          case "timer_driven" -> timerDriven = (int) longValue(v, field);
          case "api_writes" -> writes = longValue(v, field);
          case "errors" -> errors = longValue(v, field);
          case "timers" -> {
            expect(v, JsonToken.START_ARRAY, "\"timers\"");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              timers.add(timer(p.currentToken()));
            }
          }
          default -> p.skipChildren();
        }
      }
      if (name == null) {
        throw error("a controller without \"controller\" (its name)");
      }
      timers.sort((a, b) -> Double.compare(a.delaySeconds(), b.delaySeconds()));
      return new ControllerSnapshot(name, reconciles, timerDriven, writes, errors, timers);
    }

    private TimerSnapshot timer(JsonToken start) throws IOException, CompareInputException {
      expect(start, JsonToken.START_OBJECT, "a timer");
      double delay = Double.NaN;
      double period = Double.NaN;
      double jitter = Double.NaN;
      int reconciles = 0;
      int objects = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "delay_s" -> delay = doubleValue(v, field);
          case "period_s" -> period = doubleValue(v, field);
          case "jitter_s" -> jitter = doubleValue(v, field);
          case "reconciles" -> reconciles = (int) longValue(v, field);
          case "objects" -> objects = (int) longValue(v, field);
          default -> p.skipChildren();
        }
      }
      if (Double.isNaN(delay)) {
        throw error("a timer without \"delay_s\"");
      }
      return new TimerSnapshot(delay, period, jitter, reconciles, objects);
    }

    private void unload(JsonToken v, List<double[]> out) throws IOException, CompareInputException {
      expect(v, JsonToken.START_OBJECT, "\"unload\"");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (!name.equals("rows")) {
          p.skipChildren();
          continue;
        }
        expect(t, JsonToken.START_ARRAY, "\"rows\"");
        while (p.nextToken() != JsonToken.END_ARRAY) {
          expect(p.currentToken(), JsonToken.START_OBJECT, "an unload row");
          double[] row = {Double.NaN, 0, 0, 0, 0};
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken f = p.nextToken();
            switch (field) {
              case "unload_after_s" -> row[0] = doubleValue(f, field);
              case "observed" -> unloadResult(f, row, 1);
              case "without_timers" -> unloadResult(f, row, 3);
              default -> p.skipChildren();
            }
          }
          if (Double.isNaN(row[0])) {
            throw error("an unload row without \"unload_after_s\"");
          }
          out.add(row);
        }
      }
    }

    private void unloadResult(JsonToken v, double[] row, int at)
        throws IOException, CompareInputException {
      expect(v, JsonToken.START_OBJECT, "an unload result");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken f = p.nextToken();
        switch (field) {
          case "reloads" -> row[at] = doubleValue(f, field);
          case "unloaded_s" -> row[at + 1] = doubleValue(f, field);
          default -> p.skipChildren();
        }
      }
    }

    private long longValue(JsonToken t, String field) throws IOException, CompareInputException {
      if (t == JsonToken.VALUE_NUMBER_INT) {
        return p.getLongValue();
      }
      if (t == JsonToken.VALUE_STRING) {
        try {
          return Long.parseLong(p.getText().trim());
        } catch (NumberFormatException e) {
          // fall through to the error
        }
      }
      throw error("\"" + field + "\": expected an integer, found " + t);
    }

    private double doubleValue(JsonToken t, String field)
        throws IOException, CompareInputException {
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        return p.getDoubleValue();
      }
      if (t == JsonToken.VALUE_NULL) {
        return Double.NaN;
      }
      throw error("\"" + field + "\": expected a number, found " + t);
    }

    private String string(JsonToken t, String field) throws IOException, CompareInputException {
      if (t != JsonToken.VALUE_STRING) {
        throw error("\"" + field + "\": expected a string, found " + t);
      }
      return p.getText();
    }

    private void expect(JsonToken actual, JsonToken expected, String what)
        throws CompareInputException {
      if (actual != expected) {
        throw error(what + ": expected " + expected + ", found " + actual);
      }
    }

    private CompareInputException error(String message) {
      return new CompareInputException(
          source + where(p.currentLocation()) + ": invalid summary.json: " + message);
    }
  }
}
