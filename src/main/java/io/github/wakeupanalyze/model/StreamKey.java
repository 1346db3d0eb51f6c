package io.github.wakeupanalyze.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One reconcile stream: the reconciles of one object by one controller of one operator.
 *
 * @param operator resource {@code service.name}, e.g. {@code percona-server-mongodb-operator}
 * @param controller e.g. {@code psmdb-controller}
 * @param object e.g. {@code mongodb/my-cluster-name}; {@value #ANY_OBJECT} when the trace names
 *     none
 */
public record StreamKey(String operator, String controller, String object)
    implements Comparable<StreamKey> {

  /** The object of a stream whose spans carry no object attribute: one stream per controller. */
  public static final String ANY_OBJECT = "*";

  private static final Comparator<StreamKey> ORDER =
      Comparator.comparing(StreamKey::operator)
          .thenComparing(StreamKey::controller)
          .thenComparing(StreamKey::object);

  @Override
  public int compareTo(StreamKey o) {
    return ORDER.compare(this, o);
  }

  // Written out (see RecordMethods): the same values as the generated ones.
  @Override
  public boolean equals(Object o) {
    return o instanceof StreamKey k
        && Objects.equals(operator, k.operator)
        && Objects.equals(controller, k.controller)
        && Objects.equals(object, k.object);
  }

  @Override
  public int hashCode() {
    return RecordMethods.hash(operator, controller, object);
  }
}
