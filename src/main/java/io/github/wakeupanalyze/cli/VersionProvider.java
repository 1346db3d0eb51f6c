package io.github.wakeupanalyze.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version from the build ({@code project.version}, filtered into a resource). */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"wakeup-analyze " + version()};
  }

  /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} outside a build. */
  public static String version() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/wakeup-analyze-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
