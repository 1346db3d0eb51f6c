package io.github.wakeupanalyze.model;

import java.util.Objects;

/**
 * The hash of a record's components, with the value a record's generated {@code hashCode} gives
 * ({@code h = 31·h + Objects.hashCode(c)} from 0, as {@code java.lang.runtime.ObjectMethods} builds
 * it), for records that write {@code equals} and {@code hashCode} out.
 *
 * <p>Why write them out: a record's generated methods are linked through method handles the first
 * time each is called, which spins classes at run time; in a run of about a second that is a cost
 * paid before the first map look-up. The records that are map keys on the analyze path ({@link
 * StreamKey}, {@link ApiCalls}) write them out; the values, and so the iteration order of any hash
 * map, are the same as before.
 */
public final class RecordMethods {
  private RecordMethods() {}

  public static int hash(Object a, Object b) {
    return 31 * Objects.hashCode(a) + Objects.hashCode(b);
  }

  public static int hash(Object a, Object b, Object c) {
    return 31 * hash(a, b) + Objects.hashCode(c);
  }
}
