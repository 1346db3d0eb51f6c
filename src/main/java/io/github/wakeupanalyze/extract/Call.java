package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.Span;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An API call made by a span beneath a reconcile: method, URL path, and the service that made it.
 *
 * @param method upper case, e.g. {@code PATCH}
 * @param target URL path, e.g. {@code /api/v1/namespaces/ns/pods}; "" when the span names none
 */
record Call(String method, String target, String service) {
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "LIST", "WATCH");

  /**
   * The call a span records, or null if it is not a client API call; {@code strings} interns the
   * method and path, which repeat across reconciles.
   */
  static Call of(Span s, Map<String, String> strings) {
    if (s.kind() == 2 || s.kind() == 5) {
      return null; // a server or consumer span: the other side's view of a call
    }
    String method = method(s);
    if (method == null) {
      return null;
    }
    String path = path(s);
    return new Call(
        strings.computeIfAbsent(method, x -> x),
        strings.computeIfAbsent(path == null ? "" : path, x -> x),
        s.service());
  }

  /**
   * The upper-case HTTP method of a span: {@code http.request.method}, {@code http.method}, or the
   * first word of its name ({@code PATCH}, {@code HTTP PATCH}); null when none names one.
   */
  static String method(Span s) {
    String method = s.attribute("http.request.method");
    if (method == null) {
      method = s.attribute("http.method");
    }
    if (method == null) {
      method = methodFromName(s.name());
    }
    return method == null ? null : method.toUpperCase(Locale.ROOT);
  }

  /**
   * The URL path a span names: from {@code url.full} or {@code http.url}, else {@code url.path} or
   * {@code http.target}; null when none is present.
   */
  static String path(Span s) {
    String url = s.attribute("url.full");
    if (url == null) {
      url = s.attribute("http.url");
    }
    String path = url == null ? null : pathOf(url);
    if (path == null) {
      path = s.attribute("url.path");
    }
    if (path == null) {
      path = s.attribute("http.target");
    }
    return path;
  }

  static String methodFromName(String name) {
    String[] tokens = name.trim().split("[ /]+", 3);
    for (int i = 0; i < Math.min(2, tokens.length); i++) {
      String t = tokens[i].toUpperCase(Locale.ROOT);
      if (METHODS.contains(t)) {
        return t;
      }
      if (!t.equals("HTTP")) {
        break;
      }
    }
    return null;
  }

  /** The path of a URL, without query or fragment: {@code https://h:443/a/b?x} → {@code /a/b}. */
  static String pathOf(String url) {
    int scheme = url.indexOf("://");
    int start = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
    if (start < 0) {
      return "/";
    }
    int end = url.length();
    int q = url.indexOf('?', start);
    if (q >= 0) {
      end = q;
    }
    int h = url.indexOf('#', start);
    if (h >= 0 && h < end) {
      end = h;
    }
    return url.substring(start, end);
  }
}
