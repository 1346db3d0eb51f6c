package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import io.github.wakeupanalyze.text.Names;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Opens the HTML report of the Percona-like sample in headless Chromium: the page renders (a
 * screenshot that is not blank), and the inline script ran under the page's Content-Security-Policy
 * (the DOM Chromium dumps has the {@code tabindex} the script puts on sortable headers).
 *
 * <p>Chromium is taken from {@code $CHROMIUM}, else the first of {@code chromium}, {@code
 * chromium-browser}, {@code google-chrome} on the PATH; the test is skipped with a message where
 * none is found ({@code apt-get install -y chromium} installs it). The screenshot is kept in {@code
 * target/browser-check/screenshot.png} for a human to look at.
 */
class BrowserScreenshotIT {
  static final Path CHROMIUM = findChromium();
  static final Path SAMPLE = Path.of("sample-traces", "percona-mongodb.otlp.json");
  static final Path OUT = Path.of("target", "browser-check");

  @Test
  void perconaSampleReport_rendersInHeadlessChromium() throws Exception {
    assumeTrue(
        CHROMIUM != null,
        "skipped: no chromium on the PATH (nor $CHROMIUM); apt-get install -y chromium to run this"
            + " check");
    Pipeline.Result r =
        Files.exists(SAMPLE)
            ? Pipeline.run(
                new Pipeline.Request(
                    List.of(SAMPLE.toString()),
                    null,
                    ExtractRules.defaults(),
                    AnalysisParameters.defaults(),
                    new long[0],
                    new ByteArrayInputStream(new byte[0])))
            : DemoAnalysis.demo();
    Path report = OUT.resolve("report").toAbsolutePath();
    ReportWriter.writeAll(report, "TEST", r.inputs(), r.extraction(), r.analysis());
    String operator = OperatorView.of(r.analysis()).get(0).operator();
    Path page = report.resolve("operators").resolve(Names.slug(operator)).resolve("report.html");
    Path shot = OUT.resolve("screenshot.png").toAbsolutePath();
    Files.deleteIfExists(shot);

    chromium("--screenshot=" + shot, "--window-size=1280,2000", page.toUri().toString());
    BufferedImage img = ImageIO.read(shot.toFile());
    assertEquals(1280, img.getWidth());
    assertEquals(2000, img.getHeight());
    assertTrue(distinctColours(img) > 8, "the screenshot is blank");

    String dom = chromium("--dump-dom", page.toUri().toString());
    assertTrue(dom.contains("<h1"), "no heading in the DOM");
    assertTrue(dom.contains("tabindex=\"0\""), "the sorting script did not run (blocked by CSP?)");
    assertTrue(dom.contains("<svg"), "no inline chart");
    System.out.println("browser check: " + page + " rendered; screenshot " + shot);
  }

  /** $CHROMIUM, else the first Chromium or Chrome on the PATH, else null. */
  static Path findChromium() {
    String env = System.getenv("CHROMIUM");
    if (env != null && Files.isExecutable(Path.of(env))) {
      return Path.of(env);
    }
    String path = System.getenv("PATH");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  /** Runs headless Chromium with a fresh profile; its standard output (e.g. the DOM). */
  static String chromium(String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 60 s");
    }
    assertEquals(0, p.exitValue(), "chromium exit code");
    return new String(out, StandardCharsets.UTF_8);
  }

  private static int distinctColours(BufferedImage img) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 7) {
      for (int x = 0; x < img.getWidth(); x += 7) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
