package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.kafka.Encoding;
import io.github.wakeupanalyze.kafka.StreamQueries;
import io.github.wakeupanalyze.kafka.StreamRunner;
import io.github.wakeupanalyze.kafka.StreamSettings;
import io.github.wakeupanalyze.kafka.WakeupTopology;
import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.serve.ViewServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wakeup-analyze stream --bootstrap-servers HOST:PORT}: the online analysis as a Kafka
 * Streams application reading the Collector's Kafka exporter topic (docs/kafka.md).
 */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = {
      "Run the online analysis as a Kafka Streams application: read OTLP records from the "
          + "Collector's Kafka exporter, classify reconciles per object with exactly-once "
          + "processing, and write them and per-controller timers to output topics.",
      "Start several instances with the same --application-id to share the partitions; stops "
          + "gracefully on SIGTERM."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped gracefully",
      "2:usage error, or the --http-port cannot be bound",
      "3:the properties file is unreadable",
      "4:the application failed"
    })
public final class StreamCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Kafka brokers (or bootstrap.servers in --config).")
  String bootstrap;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Kafka Streams properties (any StreamsConfig key, e.g. num.stream.threads, "
              + "state.dir); flags override it.")
  Path config;

  @Option(
      names = "--input-topic",
      paramLabel = "TOPIC",
      defaultValue = StreamSettings.DEFAULT_INPUT_TOPIC,
      description = "The Collector exporter's topic (default: ${DEFAULT-VALUE}).")
  String inputTopic;

  @Option(
      names = "--encoding",
      paramLabel = "ENCODING",
      defaultValue = "otlp_proto",
      description =
          "otlp_proto or otlp_json, as the exporter's encoding (default: ${DEFAULT-VALUE}).")
  String encoding;

  @Option(
      names = "--audit-topic",
      paramLabel = "TOPIC",
      description =
          "A topic of the API server's audit events, read beside the traces as the audit log:"
              + " each record an EventList, an event or events one per line, or the same as GKE,"
              + " EKS or AKS export them (docs/formats.md, \"Audit logs\").")
  String auditTopic;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      defaultValue = "wakeup-analyze",
      description =
          "Kafka Streams application id: group, internal topic prefix (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(
      names = "--output-topic-prefix",
      paramLabel = "PREFIX",
      defaultValue = StreamSettings.DEFAULT_OUTPUT_PREFIX,
      description = "Writes PREFIXreconciles and PREFIXcontrollers (default: ${DEFAULT-VALUE}).")
  String outputPrefix;

  @CommandLine.Mixin WindowOptions windowOptions;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "-1",
      description =
          "Serve /metrics and /api/v1/summary (this instance's partitions; ?scope=all for every"
              + " instance) on this port; 0 picks a free one; -1 (default) serves nothing.")
  int httpPort;

  @Option(
      names = "--http-host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description =
          "Address the HTTP API listens on (default: ${DEFAULT-VALUE}); other instances reach it"
              + " at application.server from --config, or at HOST:PORT.")
  String httpHost;

  @Option(names = "--verbose", description = "Print stack traces of internal errors.")
  boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    CommandLine cl = spec.commandLine();
    PrintWriter err = cl.getErr();
    Properties extra = new Properties();
    if (config != null) {
      try (InputStream in = Files.newInputStream(config)) {
        extra.load(in);
      } catch (IOException | IllegalArgumentException e) {
        err.println("stream: cannot read " + config + ": " + e.getMessage());
        err.flush();
        return ExitCodes.INVALID_INPUT;
      }
    }
    StreamSettings settings;
    String servers = bootstrap != null ? bootstrap : extra.getProperty("bootstrap.servers");
    try {
      Encoding enc = Encoding.fromCollectorName(encoding);
      if (enc == null) {
        throw new IllegalArgumentException("--encoding must be otlp_proto or otlp_json");
      }
      if (servers == null) {
        throw new IllegalArgumentException(
            "--bootstrap-servers (or bootstrap.servers) is required");
      }
      LiveSettings d = LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS);
      LiveSettings live =
          new LiveSettings(
              windowOptions.window.toNanos(),
              windowOptions.grace.toNanos(),
              d.maxHeldSpans(),
              d.rules(),
              d.parameters());
      settings =
          new StreamSettings(
              live,
              inputTopic,
              enc,
              auditTopic,
              outputPrefix,
              Duration.ofSeconds(1),
              Duration.ofSeconds(5));
    } catch (IllegalArgumentException e) {
      err.println("stream: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    extra.remove("bootstrap.servers");
    StreamQueries queries = new StreamQueries(settings);
    ViewServer http = null;
    if (httpPort >= 0) {
      try {
        http =
            ViewServer.start(
                new InetSocketAddress(httpHost, httpPort),
                VersionProvider.version(),
                queries::view,
                queries::running,
                Map.of(StreamQueries.WINDOW_PATH, queries::windowJson));
      } catch (IOException | IllegalArgumentException e) {
        err.println(
            "stream: cannot listen on " + httpHost + ":" + httpPort + ": " + e.getMessage());
        err.flush();
        return ExitCodes.USAGE;
      }
      extra.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, httpHost + ":" + http.port());
      err.println("stream: HTTP API on " + httpHost + ":" + http.port());
      err.flush();
    }
    StreamRunner runner =
        new StreamRunner(settings, WakeupTopology.config(applicationId, servers, extra), err);
    if (http != null) {
      queries.attach(runner.streams(), extra.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));
    }
    ViewServer api = http;
    Thread hook =
        new Thread(
            () -> {
              runner.close();
              if (api != null) {
                api.close();
              }
            },
            "stream-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    runner.start();
    runner.awaitStop();
    boolean failed = runner.streams().state() == org.apache.kafka.streams.KafkaStreams.State.ERROR;
    return failed ? ExitCodes.INTERNAL : ExitCodes.OK;
  }
}
