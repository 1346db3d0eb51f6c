package io.github.wakeupanalyze.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * {@code GET /}: the live page, a resource file, self-contained like the reports: its one style
 * sheet and one script are inline, and the Content-Security-Policy allows exactly those (by their
 * SHA-256) and requests to this server only, so a name that slipped through could not run code. The
 * script polls the API and writes names with {@code textContent}, never as HTML.
 */
final class LivePage {
  static final String RESOURCE = "live.html";

  private final byte[] html;
  private final String csp;

  private LivePage(String html) {
    this.html = html.getBytes(StandardCharsets.UTF_8);
    this.csp =
        "default-src 'none'; script-src '"
            + hash(between(html, "<script>", "</script>"))
            + "'; style-src '"
            + hash(between(html, "<style>", "</style>"))
            + "'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";
  }

  static LivePage load() {
    try (InputStream in = LivePage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource missing: " + RESOURCE);
      }
      return new LivePage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The policy sent with the page. */
  String csp() {
    return csp;
  }

  void send(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Security-Policy", csp);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    HttpFront.send(ex, 200, "text/html; charset=utf-8", html);
  }

  /** The text between the first {@code open} and the following {@code close}. */
  static String between(String s, String open, String close) {
    int a = s.indexOf(open);
    int b = s.indexOf(close, a);
    if (a < 0 || b < 0) {
      throw new IllegalStateException("the page lacks " + open);
    }
    return s.substring(a + open.length(), b);
  }

  /** {@code sha256-<base64>} of the text's UTF-8 bytes, as CSP wants it. */
  static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
