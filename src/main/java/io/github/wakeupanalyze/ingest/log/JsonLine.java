package io.github.wakeupanalyze.ingest.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * A JSON log line: zap's production encoder, klog's {@code --logging-format=json}, tracing's JSON
 * format, logback's JSON layouts and logstash-logback-encoder, log4j2's JSON layouts (ECS too).
 *
 * <p>Every value is kept as a field, nested objects flattened with dots ({@code
 * "Memcached":{"name":"m1"}} gives {@code Memcached.name}); the members of {@code fields}
 * (tracing), {@code mdc}, {@code MDC}, {@code contextMap} and {@code context} (logback and log4j2
 * MDC) are kept under their own names too, and the fields of each tracing span in {@code spans}
 * (where kube-rs puts {@code object.ref} and {@code object.reason}). Then the usual keys give the
 * line its parts: time {@code ts}, {@code time}, {@code timestamp}, {@code @timestamp}, {@code
 * timeMillis}, {@code instant.epochSecond}; level {@code level}, {@code severity}, {@code
 * log.level} (klog JSON has none: {@code err} means ERROR, {@code v} above 0 DEBUG); message {@code
 * msg}, {@code message}; logger {@code logger}, {@code logger_name}, {@code loggerName}, {@code
 * log.logger}, {@code target}; thread {@code thread_name}, {@code thread}, {@code threadName},
 * {@code process.thread.name}.
 *
 * <p>A line cut by the reader's length limit is read as far as it goes.
 */
final class JsonLine {
  static final JsonFactory FACTORY = new JsonFactory();
  private static final int MAX_DEPTH = 4;
  private static final Set<String> UNPREFIXED = Set.of("fields", "mdc", "MDC", "contextMap");

  private JsonLine() {}

  /** Parses {@code line} into {@code r}; false when it is not a JSON log line. */
  static boolean parse(String line, LogRecord r) {
    if (line.isEmpty() || line.charAt(0) != '{') {
      return false;
    }
    Map<String, String> f = r.fields;
    try (JsonParser p = FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      object(p, "", 0, f);
    } catch (IOException e) {
      // a cut or malformed line: keep what was read before the fault
      if (f.isEmpty()) {
        return false;
      }
    }
    return resolve(r);
  }

  /**
   * Reads the members of a JSON object into {@code out}, flattened as {@link #parse} does (zap
   * console's trailing fields); false when it is not a JSON object.
   */
  static boolean fields(String json, Map<String, String> out) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      object(p, "", 0, out);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads the members of an object whose START_OBJECT was just read. */
  private static void object(JsonParser p, String prefix, int depth, Map<String, String> out)
      throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      if (v == JsonToken.START_OBJECT) {
        if (depth >= MAX_DEPTH) {
          p.skipChildren();
        } else {
          object(p, depth == 0 && UNPREFIXED.contains(name) ? "" : key, depth + 1, out);
        }
      } else if (v == JsonToken.START_ARRAY) {
        if (depth == 0 && name.equals("spans")) {
          spans(p, out);
        } else {
          p.skipChildren();
        }
      } else if (v != null && v != JsonToken.VALUE_NULL) {
        out.put(key, p.getText());
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IOException("expected the end of an object");
    }
  }

  /** tracing's {@code spans}: each span's fields (not its name) under their own names. */
  private static void spans(JsonParser p, Map<String, String> out) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (v.isStructStart()) {
          p.skipChildren();
        } else if (!name.equals("name") && v != JsonToken.VALUE_NULL) {
          out.put(name, p.getText());
        }
      }
    }
  }

  /** Gives the record its parts from the usual keys; false when it has neither time nor message. */
  private static boolean resolve(LogRecord r) {
    String time = r.first("ts", "time", "timestamp", "@timestamp", "timeMillis", "date", "T");
    if (time != null) {
      LogTime.complete(time, true, r);
    } else {
      String sec = r.field("instant.epochSecond");
      if (sec != null) {
        String nano = r.field("instant.nanoOfSecond");
        LogTime.complete(sec + "." + pad9(nano == null ? "0" : nano), true, r);
      }
    }
    String level = r.first("level", "severity", "log.level", "lvl", "levelname");
    if (level != null) {
      r.level = LogRecord.level(level);
    } else if (r.field("err") != null) {
      r.level = LogRecord.Level.ERROR;
    } else if (r.field("v") != null) {
      r.level = r.field("v").equals("0") ? LogRecord.Level.INFO : LogRecord.Level.DEBUG;
    }
    String msg = r.first("msg", "message", "@message");
    r.message = msg == null ? "" : msg;
    String logger = r.first("logger", "logger_name", "loggerName", "log.logger", "target");
    r.logger = logger == null ? "" : logger;
    String thread = r.first("thread_name", "thread", "threadName", "process.thread.name");
    r.thread = thread == null ? "" : thread;
    String span = r.field("span.name");
    r.span = span == null ? "" : span;
    for (String k : new String[] {KubeRsLines.REF, KubeRsLines.REASON}) {
      String inner = r.field("span." + k);
      if (r.field(k) == null && inner != null) {
        r.fields.put(k, inner); // with_span_list(false): only the innermost span is written
      }
    }
    return r.ownNanos >= 0 || msg != null;
  }

  private static String pad9(String digits) {
    StringBuilder sb = new StringBuilder(digits);
    while (sb.length() < 9) {
      sb.insert(0, '0');
    }
    return sb.toString();
  }
}
