package io.github.wakeupanalyze.serve;

import com.google.rpc.Code;
import com.google.rpc.Status;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.text.Names;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The HTTP side, on the JDK's {@code com.sun.net.httpserver}: OTLP/HTTP {@code POST /v1/traces},
 * the API server's audit webhook {@code POST /v1/audit}, the live API, {@code /metrics}, health
 * checks and the page.
 *
 * <p>{@code POST /v1/traces} answers as the OTLP specification says: 200 with an {@code
 * ExportTraceServiceResponse} in the request's encoding (protobuf or JSON), with {@code
 * partial_success} when spans were dropped; 400 with a {@code google.rpc.Status} for a body that
 * does not decode; 413 past the size limit (after decompression too); 415 for another content type
 * or encoding; 503 with {@code Retry-After} when the analysis is behind. Each refusal is logged in
 * one line; the server keeps serving. {@code POST /v1/audit} takes what an API server's webhook
 * backend sends ({@code application/json}, an {@code EventList}) and answers the same way, with a
 * JSON body: the webhook retries any answer but 2xx. {@code POST /v1/logs} takes the operators' own
 * logs (OTLP logs, protobuf or JSON) and answers as {@code /v1/traces} does, with an empty {@code
 * ExportLogsServiceResponse}.
 */
final class HttpFront {
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  static final String TRACES = "/v1/traces";

  /** Where the API server's audit webhook posts its batches of events. */
  static final String AUDIT = "/v1/audit";

  /** Where a Collector sends the operators' own logs (OTLP/HTTP logs). */
  static final String LOGS = "/v1/logs";

  /** A body refused for its declared length is read and dropped up to this many bytes. */
  static final long DRAIN_BYTES = 64L << 20;

  /** Seconds an exporter is asked to wait before retrying a refused request. */
  static final int RETRY_AFTER_SECONDS = 1;

  /** The routes other than {@code POST /v1/traces}: the API, metrics, health and the page. */
  interface Pages {
    /** Answers a GET; false when the path is unknown. */
    boolean get(String path, HttpExchange ex) throws IOException;
  }

  private final HttpServer server;
  private final Receiver receiver;
  private final LiveMetrics metrics;
  private final ServeLog log;
  private final int maxBytes;
  private final Pages pages;
  private final Drain exchanges = new Drain();

  HttpFront(
      InetSocketAddress address,
      ExecutorService executor,
      Receiver receiver,
      LiveMetrics metrics,
      ServeLog log,
      int maxBytes,
      Pages pages)
      throws IOException {
    this.receiver = receiver;
    this.metrics = metrics;
    this.log = log;
    this.maxBytes = maxBytes;
    this.pages = pages;
    this.server = HttpServers.create(address, 128);
    server.setExecutor(executor);
    server.createContext("/", exchanges.counted(this::handle));
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /**
   * Refuses new requests (503) and stops once the exchanges in flight have answered, waiting at
   * most {@code seconds}.
   */
  Drain.Stopped stop(int seconds) {
    return exchanges.stop(server, seconds);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals(TRACES) || path.equals(AUDIT) || path.equals(LOGS)) {
        Transport t =
            path.equals(AUDIT)
                ? Transport.AUDIT
                : path.equals(LOGS) ? Transport.LOGS : Transport.HTTP;
        if (!method.equals("POST")) {
          ex.getResponseHeaders().set("Allow", "POST");
          refuse(
              ex,
              t,
              405,
              switch (t) {
                case AUDIT -> "use POST to send audit events";
                case LOGS -> "use POST to export logs";
                default -> "use POST to export traces";
              },
              "method");
          return;
        }
        receive(ex, t, "POST " + path);
      } else if (method.equals("GET") || method.equals("HEAD")) {
        if (!pages.get(path, ex)) {
          text(ex, 404, "not found: " + Names.printable(path) + "\n");
        }
      } else {
        ex.getResponseHeaders().set("Allow", "GET");
        text(ex, 405, "method not allowed\n");
      }
    }
  }

  /**
   * One request to {@code POST /v1/traces} (HTTP), {@code POST /v1/audit} (AUDIT) or {@code POST
   * /v1/logs} (LOGS).
   *
   * @param route names the request in messages, e.g. {@code POST /v1/audit}
   */
  private void receive(HttpExchange ex, Transport t, String route) throws IOException {
    long started = System.nanoTime();
    String type = mediaType(ex.getRequestHeaders().getFirst("Content-Type"));
    boolean json = JSON.equals(type);
    if (!json && (t == Transport.AUDIT || !PROTOBUF.equals(type))) {
      refuse(
          ex,
          t,
          415,
          "unsupported content type \""
              + Names.printable(String.valueOf(type))
              + "\": expected "
              + (t == Transport.AUDIT ? JSON : PROTOBUF + " or " + JSON),
          "unsupported_media_type");
      return;
    }
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
      refuse(
          ex,
          t,
          415,
          "unsupported content encoding \"" + Names.printable(encoding) + "\": expected gzip",
          "unsupported_encoding");
      return;
    }
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null && parseLength(length) > maxBytes) {
      drain(ex.getRequestBody(), DRAIN_BYTES);
      refuse(
          ex,
          t,
          413,
          "request of " + length.trim() + " bytes is over the limit of " + maxBytes,
          "too_large");
      return;
    }
    byte[] body;
    try {
      InputStream in = ex.getRequestBody();
      body = readLimited(gzip ? new GZIPInputStream(in) : in, maxBytes);
    } catch (ZipException | java.io.EOFException e) {
      refuse(ex, t, 400, route + ": body is not valid gzip: " + e.getMessage(), "bad_payload");
      return;
    }
    if (body == null) {
      refuse(
          ex,
          t,
          413,
          "request over the limit of " + maxBytes + " bytes" + (gzip ? " after decompression" : ""),
          "too_large");
      return;
    }
    TraceFormat format =
        t == Transport.AUDIT
            ? TraceFormat.K8S_AUDIT
            : json ? TraceFormat.OTLP_JSON : TraceFormat.OTLP_PROTO;
    Receiver.Answer a =
        t == Transport.LOGS
            ? receiver.exportLog(body, json, t, route)
            : receiver.export(body, format, t, route);
    switch (a.kind()) {
      case OK -> {
        send(ex, 200, json, json ? responseJson(a) : a.response().toByteArray());
      }
      case BAD_PAYLOAD -> {
        log.refused(t.label(), "400", peer(ex), a.message());
        send(ex, 400, json, status(json, Code.INVALID_ARGUMENT, a.message()));
      }
      case BUSY -> {
        log.busy(t.label(), peer(ex));
        ex.getResponseHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        send(ex, 503, json, status(json, Code.UNAVAILABLE, a.message()));
      }
    }
    metrics.exportTime(t, System.nanoTime() - started);
  }

  /** Answers with an error status, counts and logs it in one line. */
  private void refuse(HttpExchange ex, Transport t, int code, String message, String reason)
      throws IOException {
    metrics.error(t, reason);
    log.refused(t.label(), Integer.toString(code), peer(ex), message);
    boolean json = JSON.equals(mediaType(ex.getRequestHeaders().getFirst("Content-Type")));
    send(
        ex,
        code,
        json,
        status(json, code == 413 ? Code.RESOURCE_EXHAUSTED : Code.INVALID_ARGUMENT, message));
  }

  private static byte[] responseJson(Receiver.Answer a) {
    if (a.rejected() == 0) {
      return "{}".getBytes(StandardCharsets.UTF_8);
    }
    return ("{\"partialSuccess\":{\"rejectedSpans\":\""
            + a.rejected()
            + "\",\"errorMessage\":\""
            + jsonEscape(a.message())
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A {@code google.rpc.Status}, as protobuf or as JSON. */
  private static byte[] status(boolean json, Code code, String message) {
    if (json) {
      return ("{\"code\":" + code.getNumber() + ",\"message\":\"" + jsonEscape(message) + "\"}")
          .getBytes(StandardCharsets.UTF_8);
    }
    return Status.newBuilder().setCode(code.getNumber()).setMessage(message).build().toByteArray();
  }

  private static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static void send(HttpExchange ex, int code, boolean json, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", json ? JSON : PROTOBUF);
    ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** A plain-text answer. */
  static void text(HttpExchange ex, int code, String body) throws IOException {
    send(ex, code, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Any answer with a content type; a HEAD request gets the headers only. */
  static void send(HttpExchange ex, int code, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(code, -1);
      return;
    }
    ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** A document written by {@code body} into a buffer, then sent. */
  interface Body {
    void write(Writer w) throws IOException;
  }

  static void send(HttpExchange ex, String contentType, Body body) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
    try (Writer w = new OutputStreamWriter(buf, StandardCharsets.UTF_8)) {
      body.write(w);
    }
    send(ex, 200, contentType, buf.toByteArray());
  }

  /** The media type without parameters, lower case, or null. */
  static String mediaType(String header) {
    if (header == null) {
      return null;
    }
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  private static long parseLength(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Reads at most {@code limit} bytes.
   *
   * @return the bytes, or null when the input is longer
   */
  static byte[] readLimited(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024) + 1);
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * Reads and drops up to {@code limit} bytes of a refused body, so an HTTP/1.1 client still
   * sending it reads the answer instead of a reset connection.
   */
  private static void drain(InputStream in, long limit) throws IOException {
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    int n;
    while (total < limit && (n = in.read(buf)) > 0) {
      total += n;
    }
  }

  private static String peer(HttpExchange ex) {
    InetSocketAddress a = ex.getRemoteAddress();
    return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
  }
}
