package io.github.wakeupanalyze.model;

/**
 * A Kubernetes object as traces name it.
 *
 * @param namespace e.g. {@code mongodb}; "" when cluster-scoped or unknown
 * @param resource plural resource from an API path, e.g. {@code perconaservermongodbs}; "" when
 *     unknown
 * @param name e.g. {@code my-cluster-name}; never empty
 */
public record ObjectRef(String namespace, String resource, String name) {
  public ObjectRef {
    namespace = namespace == null ? "" : namespace;
    resource = resource == null ? "" : resource;
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("an object reference needs a name");
    }
  }

  /**
   * The object a Kubernetes API path names: {@code /api/v1/namespaces/NS/RESOURCE/NAME[/SUB]},
   * {@code /apis/GROUP/VERSION/namespaces/NS/RESOURCE/NAME[/SUB]}, the cluster-scoped forms without
   * {@code namespaces/NS}, or a namespace itself; null when the path names no single object (a
   * collection, {@code /healthz}).
   */
  public static ObjectRef fromApiPath(String path) {
    String[] p = path.split("/", -1);
    int i;
    if (p.length > 2 && p[1].equals("api")) {
      i = 3; // /api/v1/...
    } else if (p.length > 3 && p[1].equals("apis")) {
      i = 4; // /apis/group/version/...
    } else {
      return null;
    }
    String ns = "";
    if (p.length > i + 1 && p[i].equals("namespaces") && !p[i + 1].isEmpty()) {
      ns = p[i + 1];
      i += 2;
      if (p.length == i) {
        return new ObjectRef("", "namespaces", ns); // the namespace object itself
      }
    }
    if (p.length < i + 2 || p[i].isEmpty() || p[i + 1].isEmpty()) {
      return null;
    }
    return new ObjectRef(ns, p[i], p[i + 1]);
  }

  /**
   * The object of a stream key: {@code namespace/name} (controller-runtime attributes), kube-rs
   * {@code object.ref} ({@code Kind.version.group/name.namespace}; namespaces hold no dots, so the
   * namespace follows the last dot), or a bare name; null for {@value StreamKey#ANY_OBJECT} or
   * empty.
   */
  public static ObjectRef fromStreamObject(String object) {
    if (object == null || object.isEmpty() || object.equals(StreamKey.ANY_OBJECT)) {
      return null;
    }
    int slash = object.indexOf('/');
    if (slash < 0) {
      return new ObjectRef("", "", object);
    }
    String head = object.substring(0, slash);
    String tail = object.substring(slash + 1);
    if (tail.isEmpty()) {
      return new ObjectRef("", "", object);
    }
    if (head.indexOf('.') >= 0 || (!head.isEmpty() && Character.isUpperCase(head.charAt(0)))) {
      int dot = tail.lastIndexOf('.');
      return dot <= 0
          ? new ObjectRef("", "", tail)
          : new ObjectRef(tail.substring(dot + 1), "", tail.substring(0, dot));
    }
    return new ObjectRef(head, "", tail);
  }

  /** Same name, and the same namespace or one of them unknown. */
  public boolean matches(String otherNamespace, String otherName) {
    return name.equals(otherName)
        && (namespace.isEmpty() || otherNamespace.isEmpty() || namespace.equals(otherNamespace));
  }
}
