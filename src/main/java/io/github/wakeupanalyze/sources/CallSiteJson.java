package io.github.wakeupanalyze.sources;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One {@link CallSite} as a JSON object, the same in {@code summary.json} (a timer's {@code
 * call_sites}) and {@code compare.json} (the sites added, removed and changed), e.g. {@code
 * {"file":"shop/cart.go","line":20,"controller":"CartReconciler",...,"delay_s":60.0,
 * "delay_expr":"time.Minute","input":"","condition":"err != nil"}}.
 */
public final class CallSiteJson {
  private CallSiteJson() {}

  /** Writes {@code s} as the next value of {@code g}; {@code delay_s} is null when unresolved. */
  public static void write(JsonGenerator g, CallSite s) throws IOException {
    g.writeStartObject();
    g.writeStringField("file", s.file());
    g.writeNumberField("line", s.line());
    g.writeStringField("controller", s.controller());
    g.writeStringField("function", s.function());
    g.writeStringField("mechanism", s.mechanism().label());
    g.writeStringField("kind", s.kind().label());
    if (s.delay().nanos().isPresent()) {
      g.writeNumberField("delay_s", s.delay().seconds());
    } else {
      g.writeNullField("delay_s");
    }
    g.writeStringField("delay_expr", s.delay().expression());
    g.writeStringField("input", s.delay().input());
    g.writeStringField("condition", s.condition());
    g.writeEndObject();
  }
}
