package io.github.wakeupanalyze.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.live.LiveEngine;
import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.live.LiveView;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The intake between the receivers and the engine, as it stops. */
class IntakeTest {
  @Test
  void closing_wakesTheExtractionThread_whichFinishesEverythingQueued_andTheLastPassRuns() {
    LiveEngine engine = new LiveEngine(LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS));
    AtomicReference<LiveView> last = new AtomicReference<>();
    // idle flushes never come: the extraction thread polls its queue every 73 years, so only the
    // close itself can end it
    Intake intake =
        new Intake(engine, 1_000, Long.MAX_VALUE, 0, System::nanoTime, (v, f, l, p) -> last.set(v));
    intake.start();
    Receiver receiver =
        new Receiver(intake, engine, new LiveMetrics(engine::view, () -> 0L, () -> 0L));
    assertEquals(
        Receiver.Kind.OK,
        receiver
            .export(BadPayloadTest.request(4), TraceFormat.OTLP_PROTO, Transport.HTTP, "t")
            .kind());

    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> intake.close(Long.MAX_VALUE));

    assertEquals(0, intake.queuedSpans());
    assertEquals(4, last.get().counts().spans());
    assertEquals(1, last.get().counts().reconciles());
    assertEquals(null, intake.failure());
  }
}
