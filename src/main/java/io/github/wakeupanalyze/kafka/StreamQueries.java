package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.live.LiveView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries: the window of the partitions this instance owns (active tasks only, read
 * from its stores with {@code KafkaStreams.store}), and the combined window of every instance,
 * found with {@code streamsMetadataForStore} and read from each other instance's {@value
 * #WINDOW_PATH} over HTTP ({@code application.server} names where each instance answers).
 *
 * <p>An instance that runs no active task of a store (every partition of it is elsewhere) answers
 * an empty share of it. The combined view is built only while this instance is {@code RUNNING} and
 * every other instance answers: during a rebalance some partitions have no active owner, and a view
 * without them would be silently short, so it is refused instead ({@link IllegalStateException}).
 */
public final class StreamQueries {
  /** The internal route that answers this instance's window as JSON, for its peers. */
  public static final String WINDOW_PATH = "/api/v1/internal/window";

  private final LiveSettings live;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile KafkaStreams streams;
  private volatile HostInfo self;

  public StreamQueries(StreamSettings settings) {
    this.live = settings.live();
  }

  /**
   * Binds the queries to an instance and the address it advertises.
   *
   * @param applicationServer its {@code application.server}, e.g. {@code 10.0.3.7:9464}
   */
  public void attach(KafkaStreams streams, String applicationServer) {
    this.self = HostInfo.buildFromEndpoint(applicationServer);
    this.streams = streams;
  }

  /** Whether the instance runs (every task assigned and restored). */
  public boolean running() {
    KafkaStreams s = streams;
    return s != null && s.state() == KafkaStreams.State.RUNNING;
  }

  /** This instance's window, or every instance's when {@code combined}, as {@code serve}'s view. */
  public LiveView view(boolean combined) throws IOException {
    StoreWindow w = local();
    if (combined) {
      for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
        if (!m.hostInfo().equals(self)) {
          w = w.merge(fetch(m.hostInfo()));
        }
      }
    }
    return w.view(live);
  }

  /** This instance's window as JSON, for {@value #WINDOW_PATH}. */
  public byte[] windowJson() {
    return Codec.write(local());
  }

  private StoreWindow local() {
    KafkaStreams s = streams;
    if (s == null || s.state() != KafkaStreams.State.RUNNING) {
      throw new IllegalStateException(
          "this instance is "
              + (s == null ? "starting" : s.state())
              + "; the window is answered once it runs");
    }
    try {
      StoreWindow w = StoreWindow.EMPTY;
      if (activeHere(s, ControllerStage.STORE)) {
        w = StoreWindow.read(localStore(s, ControllerStage.STORE), 0);
      }
      long held = 0;
      long late = 0;
      if (activeHere(s, TraceStage.STORE)) {
        held = localStore(s, TraceStage.STORE).approximateNumEntries();
        late = ReleasedTraces.lateSpans(localStore(s, ReleasedTraces.STORE));
      }
      return new StoreWindow(w.watermarkNanos(), w.entries(), held, late);
    } catch (InvalidStateStoreException e) {
      throw new IllegalStateException("stores not queryable now: " + e.getMessage(), e);
    }
  }

  /**
   * Whether this instance runs an active task with {@code store}: one that runs none (all its
   * partitions are elsewhere) has nothing of it to answer, which is not an error.
   */
  private boolean activeHere(KafkaStreams s, String store) {
    for (StreamsMetadata m : s.metadataForAllStreamsClients()) {
      if (m.hostInfo().equals(self) && m.stateStoreNames().contains(store)) {
        return true;
      }
    }
    return false;
  }

  private static ReadOnlyKeyValueStore<String, byte[]> localStore(KafkaStreams s, String store) {
    return s.store(
        StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
  }

  private StoreWindow fetch(HostInfo peer) throws IOException {
    URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + WINDOW_PATH);
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
    HttpResponse<byte[]> r;
    try {
      r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + uri, e);
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "instance " + peer.host() + ":" + peer.port() + " answered " + r.statusCode());
    }
    return Codec.read(r.body(), StoreWindow.class);
  }
}
