package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.model.StreamKey;
import java.util.Comparator;

/**
 * One controller of one operator: the unit the engine's cross-object steps run on.
 *
 * @param operator e.g. {@code percona-server-mongodb-operator}
 * @param controller e.g. {@code psmdb-controller}
 */
public record ControllerKey(String operator, String controller)
    implements Comparable<ControllerKey> {
  private static final Comparator<ControllerKey> ORDER =
      Comparator.comparing(ControllerKey::operator).thenComparing(ControllerKey::controller);

  /** The controller a stream belongs to. */
  public static ControllerKey of(StreamKey k) {
    return new ControllerKey(k.operator(), k.controller());
  }

  @Override
  public int compareTo(ControllerKey o) {
    return ORDER.compare(this, o);
  }
}
