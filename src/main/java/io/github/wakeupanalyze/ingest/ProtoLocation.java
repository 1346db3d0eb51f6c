package io.github.wakeupanalyze.ingest;

import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.text.Names;

/**
 * Where {@link OtlpProtoDecoder} is in an OTLP protobuf input, for its errors: the innermost
 * element being read (e.g. {@code span #3 of scope_spans #1 of resource_spans #2 of message #4})
 * and the byte offset where it starts. Indexes count from 1 within their parent; offsets count
 * bytes from the start of the (decompressed) input.
 */
final class ProtoLocation {
  /** How deep the decoder is. */
  enum Level {
    MESSAGE,
    RESOURCE_SPANS,
    SCOPE_SPANS,
    SPAN
  }

  private final String file;
  Level level = Level.MESSAGE;

  /** The message of a length-prefixed input, from 1; 0 for a single message. */
  int frame;

  /** Where the top-level field being read starts. */
  long fieldAt;

  int resourceIndex;
  long resourceAt;
  int scopeIndex;
  long scopeAt;

  /** Whether the scope_spans being read is the pre-1.0 instrumentation_library_spans. */
  boolean oldScopeField;

  int spanIndex;
  long spanAt;

  ProtoLocation(String file) {
    this.file = file;
  }

  /** Where the innermost element being read starts. */
  long elementAt() {
    return switch (level) {
      case MESSAGE -> fieldAt;
      case RESOURCE_SPANS -> resourceAt;
      case SCOPE_SPANS -> scopeAt;
      case SPAN -> spanAt;
    };
  }

  /** The element being read, e.g. {@code span #3 of scope_spans #1 of resource_spans #2}. */
  String where() {
    return where("span #" + spanIndex);
  }

  private String where(String span) {
    String message = frame > 0 ? " of message #" + frame : "";
    String resource = "resource_spans #" + resourceIndex + message;
    String scopes =
        (oldScopeField ? "instrumentation_library_spans #" : "scope_spans #") + scopeIndex;
    return switch (level) {
      case MESSAGE -> frame > 0 ? "message #" + frame : "the TracesData message";
      case RESOURCE_SPANS -> resource;
      case SCOPE_SPANS -> scopes + " of " + resource;
      case SPAN -> span + " of " + scopes + " of " + resource;
    };
  }

  /** An error at the start of the innermost element. */
  InputException error(String message) {
    return error(elementAt(), message);
  }

  InputException error(long at, String message) {
    return new InputException(file, InputException.offset(at), message);
  }

  /** An error about the span just read, named with its name. */
  InputException spanError(String spanName, String message) {
    return error(
        spanAt,
        where("span #" + spanIndex + " (\"" + Names.abbreviate(spanName) + "\")") + ": " + message);
  }
}
