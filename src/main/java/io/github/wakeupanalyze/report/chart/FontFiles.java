package io.github.wakeupanalyze.report.chart;

import java.awt.Font;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The TrueType font files installed on this machine, so that a PDF can embed the font a chart was
 * measured with. Only fonts with TrueType outlines ({@code .ttf}, or {@code .otf} whose first four
 * bytes are not {@code OTTO}) are listed: PDFBox embeds those as CID fonts with every glyph the
 * text uses (→, ±, µ, ≥, non-ASCII names), where CFF-based OpenType would not embed.
 *
 * <p>The folders searched are the usual font folders of Linux, macOS and Windows plus {@code
 * ~/.fonts} and {@code ~/.local/share/fonts}; they are scanned once per run, in sorted order, so
 * the first file of a family and style is always the same one.
 */
public final class FontFiles {
  /** Physical families tried, in order, for each Java logical font. */
  private static final Map<String, List<String>> LOGICAL =
      Map.of(
          Font.SANS_SERIF,
          List.of("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"),
          Font.SERIF,
          List.of("DejaVu Serif", "Liberation Serif", "Times New Roman", "Noto Serif"),
          Font.MONOSPACED,
          List.of("DejaVu Sans Mono", "Liberation Mono", "Courier New", "Noto Sans Mono"));

  private static final class Installed {
    static final Map<String, Path> INDEX = scan(defaultFolders());
  }

  private FontFiles() {}

  /**
   * The file of {@code family} in {@code style} ({@link Font#PLAIN}, {@link Font#BOLD}), or empty
   * when no TrueType file of that family is installed. Case-insensitive.
   */
  public static Optional<Path> find(String family, int style) {
    return find(Installed.INDEX, family, style);
  }

  /**
   * The installed family to draw with when {@code family} is a Java logical font, so the PDF can
   * embed it: e.g. {@code SansSerif} → {@code DejaVu Sans}. Any other family, or a logical one with
   * no TrueType file found, is returned as is.
   */
  public static String physical(String family) {
    return physical(Installed.INDEX, family);
  }

  static String physical(Map<String, Path> index, String family) {
    for (String candidate : LOGICAL.getOrDefault(family, List.of())) {
      if (find(index, candidate, Font.PLAIN).isPresent()) {
        return candidate;
      }
    }
    return family;
  }

  static Optional<Path> find(Map<String, Path> index, String family, int style) {
    return Optional.ofNullable(index.get(key(family, style)));
  }

  private static String key(String family, int style) {
    return family.toLowerCase(Locale.ROOT) + "|" + (style & (Font.BOLD | Font.ITALIC));
  }

  static List<Path> defaultFolders() {
    String home = System.getProperty("user.home", "");
    List<Path> out = new ArrayList<>();
    for (String d :
        new String[] {
          "/usr/share/fonts",
          "/usr/local/share/fonts",
          home + "/.fonts",
          home + "/.local/share/fonts",
          "/Library/Fonts",
          "/System/Library/Fonts",
          home + "/Library/Fonts",
          System.getenv().getOrDefault("WINDIR", "C:\\Windows") + "\\Fonts"
        }) {
      if (!d.startsWith("/") && !d.contains(":")) {
        continue; // no home directory
      }
      out.add(Path.of(d));
    }
    return out;
  }

  /** Family and style → file, for every TrueType-outline font under {@code folders}. */
  static Map<String, Path> scan(List<Path> folders) {
    Map<String, Path> index = new TreeMap<>();
    Map<String, Path> otherWeights = new TreeMap<>(); // light, condensed, black: only if alone
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> s = Files.walk(folder, 6)) {
        files = s.filter(FontFiles::isTrueTypeName).sorted().toList();
      } catch (IOException | RuntimeException e) {
        continue; // an unreadable font folder only means fewer fonts to choose from
      }
      for (Path f : files) {
        add(index, otherWeights, f);
      }
    }
    otherWeights.forEach(index::putIfAbsent);
    return index;
  }

  private static boolean isTrueTypeName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".ttf") || n.endsWith(".otf");
  }

  private static void add(Map<String, Path> index, Map<String, Path> otherWeights, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] tag = in.readNBytes(4);
      if (tag.length < 4 || (tag[0] == 'O' && tag[1] == 'T' && tag[2] == 'T' && tag[3] == 'O')) {
        return; // CFF outlines
      }
    } catch (IOException e) {
      return;
    }
    Font font;
    try {
      font = Font.createFont(Font.TRUETYPE_FONT, file.toFile());
    } catch (Exception e) {
      return; // not a font Java can read: not one a chart can be measured with either
    }
    String name = font.getFontName(Locale.ROOT).toLowerCase(Locale.ROOT);
    String family = font.getFamily(Locale.ROOT);
    int style = 0;
    if (name.contains("bold")) {
      style |= Font.BOLD;
    }
    if (name.contains("italic") || name.contains("oblique")) {
      style |= Font.ITALIC;
    }
    boolean plainWeight =
        !name.contains("light") && !name.contains("condensed") && !name.contains("black");
    (plainWeight ? index : otherWeights).putIfAbsent(key(family, style), file);
  }
}
