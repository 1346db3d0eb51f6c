package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.extract.WriteEvidence;
import io.github.wakeupanalyze.model.StreamKey;

/**
 * Matches the object of a stream with the objects that writes name.
 *
 * <p>Stream objects come as {@code namespace/name} (controller-runtime style attributes), as
 * kube-rs {@code object.ref} ({@code Kind.version.group/name.namespace}; namespaces contain no
 * dots, so the namespace is after the last dot), or as a bare name. A write matches when the names
 * are equal and the namespaces are equal or one is unknown.
 */
final class ObjectKeys {
  private ObjectKeys() {}

  /** {namespace, name} of a stream object, or null for {@value StreamKey#ANY_OBJECT}. */
  static String[] of(String object) {
    if (object == null || object.isEmpty() || object.equals(StreamKey.ANY_OBJECT)) {
      return null;
    }
    int slash = object.indexOf('/');
    if (slash < 0) {
      return new String[] {"", object};
    }
    String head = object.substring(0, slash);
    String tail = object.substring(slash + 1);
    if (head.indexOf('.') >= 0 || Character.isUpperCase(head.isEmpty() ? 'a' : head.charAt(0))) {
      int dot = tail.lastIndexOf('.');
      return dot < 0
          ? new String[] {"", tail}
          : new String[] {tail.substring(dot + 1), tail.substring(0, dot)};
    }
    return new String[] {head, tail};
  }

  /** {namespace, name} of the object a write URL path targets, or null. */
  static String[] ofPath(String path) {
    String[] p = WriteEvidence.parsePath(path);
    return p == null ? null : new String[] {p[0], p[2]};
  }

  static boolean matches(String[] key, String namespace, String name) {
    return key != null
        && key[1].equals(name)
        && (key[0].isEmpty() || namespace.isEmpty() || key[0].equals(namespace));
  }
}
