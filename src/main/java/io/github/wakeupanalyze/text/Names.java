package io.github.wakeupanalyze.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Makes names read from traces safe as file names, in terminals, in Markdown, CSV and XML.
 *
 * <p>A name from a trace is data: it may hold control characters, markup, path separators, a
 * Windows device name or 20 MB of text. Every output goes through one of these functions, and every
 * one of them first {@linkplain #shorten shortens} a name longer than {@value #MAX_NAME}
 * characters, so no output grows with the length of a name.
 */
public final class Names {
  /** Names longer than this (in UTF-16 chars) are shortened in every output, e.g. 256. */
  public static final int MAX_NAME = 256;

  /** Characters of the name kept before the hash when it is shortened. */
  private static final int SHORTENED_PREFIX = 240;

  /** The longest slug before its hash suffix, in characters. */
  private static final int MAX_SLUG = 60;

  /** A dash and 8 or more lower-case hex digits at the end: what a hash suffix looks like. */
  private static final Pattern HASHED = Pattern.compile(".*-[0-9a-f]{8,}");

  /** Device names Windows reserves in any folder, with or without an extension. */
  private static final Set<String> RESERVED = reserved();

  /**
   * Long names already shortened: a long name is written once per reconcile in some outputs, and
   * hashing megabytes each time would dominate the run. Weak keys: an entry lives as long as the
   * name does.
   */
  private static final Map<String, String> SHORTENED =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private Names() {}

  /**
   * A file-name-safe slug: lower-case {@code [a-z0-9._-]}, never starting or ending with {@code .}
   * or {@code -}, at most 60 characters before its hash suffix. A name is kept as it is only when
   * it already is such a slug, is not a Windows device name ({@code aux}, {@code nul}, {@code con},
   * {@code prn}, {@code com1}…, {@code lpt1}…, also with an extension) and does not end like a hash
   * suffix; every other name gets {@code -} and the first 8 hex digits of its SHA-256 appended. So
   * a kept name and a hashed one never meet: {@code psmdb-operator} stays, {@code <script>} becomes
   * {@code script-6d1bd4f2}, {@code Op} becomes {@code op-0ab06d24} and the name {@code
   * op-0ab06d24} becomes {@code op-0ab06d24-} and its own hash. Two distinct names can still share
   * an 8-digit hash; {@link #slugs} resolves that for a set of names.
   */
  public static String slug(String name) {
    return slug(name, 8);
  }

  /**
   * Slugs for a set of names, distinct by construction: as {@link #slug}, with the hash lengthened
   * (16, then 64 hex digits) for the names whose 8-digit slugs would collide. The same set always
   * gives the same slugs; a name's slug depends on the others only when the 8-digit hashes of two
   * of them collide (about one set of 200 names in ten million).
   *
   * @return name → slug, for every distinct name
   */
  public static Map<String, String> slugs(Collection<String> names) {
    Map<String, String> out = new HashMap<>();
    Set<String> pending = new TreeSet<>(names);
    for (int digits : new int[] {8, 16, 64}) {
      Map<String, List<String>> bySlug = new TreeMap<>();
      for (String n : pending) {
        bySlug.computeIfAbsent(slug(n, digits), k -> new java.util.ArrayList<>()).add(n);
      }
      pending = new TreeSet<>();
      for (Map.Entry<String, List<String>> e : bySlug.entrySet()) {
        if (e.getValue().size() == 1 || digits == 64) {
          e.getValue().forEach(n -> out.put(n, e.getKey()));
        } else {
          pending.addAll(e.getValue());
        }
      }
    }
    return out;
  }

  private static String slug(String name, int hexDigits) {
    String full = name;
    String cut = shorten(name);
    StringBuilder sb = new StringBuilder();
    boolean dash = false;
    for (char c : cut.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      if (ok) {
        sb.append(c);
        dash = false;
      } else if (!dash && sb.length() > 0) {
        sb.append('-');
        dash = true;
      }
    }
    String s = sb.toString();
    int from = 0;
    while (from < s.length() && (s.charAt(from) == '.' || s.charAt(from) == '-')) {
      from++;
    }
    s = s.substring(from);
    if (s.length() > MAX_SLUG) {
      s = s.substring(0, MAX_SLUG);
    }
    int to = s.length();
    while (to > 0 && (s.charAt(to - 1) == '.' || s.charAt(to - 1) == '-')) {
      to--;
    }
    s = s.substring(0, to);
    boolean keep =
        !s.isEmpty() && s.equals(full) && !isWindowsReserved(s) && !HASHED.matcher(s).matches();
    if (keep) {
      return s;
    }
    if (isWindowsReserved(s)) {
      s = s.replaceFirst("\\.", "-"); // aux.txt: the stem before the first dot decides
    }
    return (s.isEmpty() ? "x" : s) + "-" + hex(full, hexDigits);
  }

  /**
   * Whether Windows reserves this file name: a device name ({@code CON}, {@code PRN}, {@code AUX},
   * {@code NUL}, {@code COM0}–{@code COM9}, {@code LPT0}–{@code LPT9}), in any case, alone or
   * before an extension ({@code aux.txt}).
   */
  public static boolean isWindowsReserved(String fileName) {
    int dot = fileName.indexOf('.');
    String stem = (dot < 0 ? fileName : fileName.substring(0, dot)).toLowerCase(Locale.ROOT);
    return RESERVED.contains(stem.stripTrailing());
  }

  private static Set<String> reserved() {
    Set<String> s = new java.util.HashSet<>(List.of("con", "prn", "aux", "nul"));
    for (int i = 0; i <= 9; i++) {
      s.add("com" + i);
      s.add("lpt" + i);
    }
    return Set.copyOf(s);
  }

  /**
   * A name of at most {@value #MAX_NAME} characters: longer names keep their first 240 characters,
   * then {@code …} and the 8-hex-digit hash of the whole name ({@code aaaa…aaaa…3f2a9c01}), so two
   * long names that share their beginning stay apart. Shorter names are returned as they are.
   */
  public static String shorten(String name) {
    if (name == null || name.length() <= MAX_NAME) {
      return name;
    }
    return SHORTENED.computeIfAbsent(
        name,
        n -> {
          int end = SHORTENED_PREFIX;
          if (Character.isHighSurrogate(n.charAt(end - 1))) {
            end--; // never split a surrogate pair
          }
          return n.substring(0, end) + "…" + hash8(n);
        });
  }

  /** Whether {@link #shorten} changes this name. */
  public static boolean isLong(String name) {
    return name != null && name.length() > MAX_NAME;
  }

  /**
   * A name shortened for an error message or a label: at most 40 characters, {@code ...} marking a
   * cut, control characters as {@code ?} so that the message stays one harmless line.
   */
  public static String abbreviate(String s) {
    String t = s.length() <= 40 ? s : s.substring(0, 37) + "...";
    return printable(t);
  }

  /** The first 8 hex digits of the name's SHA-256: a short, stable tag for a name. */
  public static String hash8(String s) {
    return hex(s, 8);
  }

  private static String hex(String s, int digits) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, digits / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * For a terminal: {@linkplain #shorten shortened}; control characters (escape sequences, BEL,
   * line breaks) and the bidirectional-override characters that reorder what a terminal shows
   * become {@code ?}, so the text stays on one line and cannot drive the terminal.
   */
  public static String printable(String s) {
    return printableLine(shorten(s));
  }

  /**
   * A message for a terminal, kept whole: control characters (line breaks included) and
   * bidirectional overrides become {@code ?}, so it is one line that cannot drive the terminal.
   */
  public static String printableLine(String t) {
    return replaced(t, false);
  }

  /**
   * Text that may span lines, for a file people also read in a terminal (a CSV cell) or for a
   * terminal stream: as {@link #printableLine}, but tab, line feed and carriage return are kept.
   */
  public static String printableText(String t) {
    return replaced(t, true);
  }

  /** What {@link #printableText} replaces: {@link #isUnsafeOnTerminal} but tab, LF and CR. */
  public static boolean isUnsafeInText(char c) {
    return c != '\t' && c != '\n' && c != '\r' && isUnsafeOnTerminal(c);
  }

  /** {@code t}, with each unsafe character as {@code ?}; {@code t} itself when none is. */
  private static String replaced(String t, boolean keepLineBreaks) {
    StringBuilder sb = null;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (keepLineBreaks ? isUnsafeInText(c) : isUnsafeOnTerminal(c)) {
        if (sb == null) {
          sb = new StringBuilder(t.length()).append(t, 0, i);
        }
        sb.append('?');
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? t : sb.toString();
  }

  /** A control character, or a Unicode bidirectional control (U+200E/F, U+202A–E, U+2066–9). */
  static boolean isUnsafeOnTerminal(char c) {
    return Character.isISOControl(c)
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }

  /**
   * For XML, SVG and HTML text: every character XML 1.0 forbids or discourages (C0 controls other
   * than tab, line feed and carriage return; DEL and the C1 controls; unpaired surrogates; U+FFFE
   * and U+FFFF) becomes {@code ?}, so a document stays well-formed whatever a name holds. Markup
   * characters are left to the caller's escaping. Returns {@code s} itself when nothing changes.
   */
  public static String xml(String s) {
    StringBuilder sb = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1));
        if (ok) {
          if (sb != null) {
            sb.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        ok =
            c == '\t'
                || c == '\n'
                || c == '\r'
                || (c >= 0x20 && c < 0x7f)
                || (c > 0x9f && !Character.isLowSurrogate(c) && c != '\ufffe' && c != '\uffff');
      }
      if (!ok && sb == null) {
        sb = new StringBuilder(n).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(ok ? c : '?');
      }
    }
    return sb == null ? s : sb.toString();
  }

  /**
   * For Markdown text and table cells: {@linkplain #shorten shortened}; backslash-escapes the
   * characters Markdown or a table would read ({@code \ ` * _ { } [ ] < > # + ! | ~}), so a name is
   * shown, never rendered as markup or HTML; control characters become {@code ?}.
   */
  public static String markdown(String s) {
    String t = shorten(s);
    StringBuilder sb = new StringBuilder(t.length() + 8);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if ("\\`*_{}[]<>#+!|~".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else if (isUnsafeOnTerminal(c)) {
        sb.append('?');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * For inside a Markdown code span, where backslash escapes are shown literally: {@linkplain
   * #shorten shortened}; backticks become {@code '}, pipes (which would end a table cell) {@code
   * ¦}, control characters {@code ?}.
   */
  public static String code(String s) {
    String t = shorten(s);
    StringBuilder sb = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      sb.append(c == '`' ? '\'' : c == '|' ? '¦' : isUnsafeOnTerminal(c) ? '?' : c);
    }
    return sb.toString();
  }
}
