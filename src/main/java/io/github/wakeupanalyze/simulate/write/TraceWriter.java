package io.github.wakeupanalyze.simulate.write;

import io.github.wakeupanalyze.simulate.SimSink;
import java.io.IOException;

/** A {@link SimSink} that writes a trace file; {@link #close()} completes the file. */
public interface TraceWriter extends SimSink, AutoCloseable {
  @Override
  void close() throws IOException;
}
