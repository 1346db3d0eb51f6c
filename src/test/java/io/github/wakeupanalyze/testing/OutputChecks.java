package io.github.wakeupanalyze.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks that every file of an output folder is well-formed: JSON parses, SVG parses as XML, every
 * SVG inlined in an HTML page parses as XML, and no text file holds a control character other than
 * tab, line feed and carriage return. The folder is walked without following links.
 */
public final class OutputChecks {
  private static final Pattern INLINE_SVG = Pattern.compile("(?s)<svg .*?</svg>");
  private static final JsonFactory JSON = new JsonFactory();

  private OutputChecks() {}

  /**
   * The problems found, one line each ({@code FILE: what}); empty when every file is well-formed.
   */
  public static List<String> problems(Path dir) throws IOException {
    List<String> problems = new ArrayList<>();
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return problems;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isSymbolicLink()) {
              problems.add(file + ": a symbolic link in the output");
            } else {
              check(file, problems);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return problems;
  }

  private static void check(Path file, List<String> problems) throws IOException {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    if (!List.of("json", "svg", "html", "md", "csv", "tex").contains(ext)) {
      return; // PNG, PDF, the tool's own state
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        problems.add(file + ": control character U+" + Integer.toHexString(c) + " at " + i);
        break;
      }
    }
    switch (ext) {
      case "json" -> {
        try (JsonParser p = JSON.createParser(text)) {
          while (p.nextToken() != null) {
            // reading to the end is the check
          }
        } catch (IOException e) {
          problems.add(file + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
      }
      case "svg" -> xml(file.toString(), text, problems);
      case "html" -> {
        Matcher m = INLINE_SVG.matcher(text);
        while (m.find()) {
          xml(file + " (inline svg)", m.group(), problems);
        }
      }
      default -> {
        // text formats without a grammar to check here
      }
    }
  }

  private static void xml(String where, String text, List<String> problems) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler());
      b.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (SAXException | IOException | ParserConfigurationException e) {
      problems.add(where + ": not well-formed XML: " + e.getMessage());
    }
  }
}
