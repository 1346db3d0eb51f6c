package io.github.wakeupanalyze.simulate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.wakeupanalyze.simulate.ScenarioFile.DistFile;
import io.github.wakeupanalyze.simulate.ScenarioFile.Nanos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a scenario from YAML or JSON (JSON is YAML). Strict: an unknown key is an error, so a typo
 * does not silently fall back to a default. Every error is one line naming the file and the key
 * path, e.g. {@code percona.yaml: operators[0].controllers[1].requeueAfter: expected a duration
 * like 5s …}. Jackson binds the text to {@link ScenarioFile}; {@link ScenarioChecker} checks it and
 * fills in the defaults. The keys are documented in {@code docs/simulate.md}.
 */
public final class ScenarioLoader {
  private static final ObjectMapper MAPPER = mapper();

  private ScenarioLoader() {}

  private static ObjectMapper mapper() {
    LoaderOptions limits = new LoaderOptions();
    limits.setMaxAliasesForCollections(10);
    limits.setCodePointLimit(1 << 22);
    YAMLFactory yaml = YAMLFactory.builder().loaderOptions(limits).build();
    yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return new ObjectMapper(yaml)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  /** Reads a scenario file; a {@code times} edit source's {@code file} is relative to it. */
  public static Scenario load(Path file) throws ScenarioException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ScenarioException(file + ": cannot read: no such file");
    } catch (IOException e) {
      throw new ScenarioException(file + ": cannot read: " + e.getMessage());
    }
    String base = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), base, dir);
  }

  /**
   * Parses scenario text.
   *
   * @param where the name used in error messages
   * @param defaultName the scenario name when the text gives none
   * @param dir the directory relative paths are resolved against
   */
  public static Scenario parse(String text, String where, String defaultName, Path dir)
      throws ScenarioException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(where + ": not valid YAML or JSON: " + syntax(e), e);
    }
    ScenarioFile.Root root = null;
    if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
      try {
        root = MAPPER.treeToValue(tree, ScenarioFile.Root.class);
      } catch (JsonMappingException e) {
        throw new ScenarioException(where + ": " + describe(e, tree), e);
      } catch (JsonProcessingException e) {
        throw new ScenarioException(where + ": " + oneLine(e.getOriginalMessage()), e);
      }
    }
    if (root == null) {
      throw new ScenarioException(where + ": operators: required");
    }
    try {
      return new ScenarioChecker(dir).scenario(root, defaultName);
    } catch (ScenarioChecker.Bad e) {
      throw new ScenarioException(where + ": " + e.getMessage());
    }
  }

  /** {@code line L, column C: problem} from the YAML parser, else its message on one line. */
  private static String syntax(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        return "line "
            + (m.getProblemMark().getLine() + 1)
            + ", column "
            + (m.getProblemMark().getColumn() + 1)
            + ": "
            + oneLine(m.getProblem());
      }
    }
    return oneLine(e.getOriginalMessage());
  }

  /** {@code path: what was wrong}, from a Jackson binding error on {@code tree}. */
  private static String describe(JsonMappingException e, JsonNode tree) {
    StringBuilder path = new StringBuilder();
    JsonNode node = tree;
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
        node = node == null ? null : node.get(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
        node = node == null ? null : node.get(r.getIndex());
      }
    }
    String what;
    if (e instanceof UnrecognizedPropertyException u) {
      // the path ends with the unknown key itself: name it, and where it was found
      int cut = Math.max(path.lastIndexOf("."), 0);
      path.setLength(cut);
      what = "unknown key " + u.getPropertyName() + "; expected one of " + known(u);
    } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
      what = e.getCause().getMessage();
    } else if (e instanceof InvalidFormatException f) {
      what = "expected " + expected(f.getTargetType()) + ", found " + quote(f.getValue());
    } else if (e instanceof MismatchedInputException m) {
      what = "expected " + expected(m.getTargetType()) + ", found " + found(node);
    } else {
      what = oneLine(e.getOriginalMessage());
    }
    return (path.length() == 0 ? "" : path + ": ") + what;
  }

  private static TreeSet<String> known(UnrecognizedPropertyException u) {
    TreeSet<String> out = new TreeSet<>();
    Collection<Object> ids = u.getKnownPropertyIds();
    if (ids != null) {
      ids.forEach(k -> out.add(String.valueOf(k)));
    }
    return out;
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type == Nanos.class) {
      return "a duration like 5s, 150ms, 1m30s or a number of seconds";
    }
    if (type == DistFile.class) {
      return "a duration, {median: …, sigma: …} or {min: …, max: …}";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping";
  }

  private static String found(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return quote(node.asText());
  }

  static String quote(Object value) {
    return value == null ? "nothing" : "\"" + value + "\"";
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replaceAll(" +", " ").trim();
  }

  /**
   * The names of an enum's constants as scenarios write them: lower case, {@code -} for {@code _}.
   */
  static <E extends Enum<E>> List<String> names(Class<E> type) {
    List<String> out = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      out.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return out;
  }
}
