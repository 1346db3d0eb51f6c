package io.github.wakeupanalyze.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ObjectRefTest {
  @Test
  void fromApiPath_coreGroupedClusterScopedAndCollections() {
    assertEquals(
        new ObjectRef("ns", "pods", "p"), ObjectRef.fromApiPath("/api/v1/namespaces/ns/pods/p"));
    assertEquals(
        new ObjectRef("ns", "widgets", "a"),
        ObjectRef.fromApiPath("/apis/example.com/v1/namespaces/ns/widgets/a/status"));
    assertEquals(new ObjectRef("", "nodes", "n1"), ObjectRef.fromApiPath("/api/v1/nodes/n1"));
    assertEquals(
        new ObjectRef("", "namespaces", "ns"), ObjectRef.fromApiPath("/api/v1/namespaces/ns"));
    assertNull(ObjectRef.fromApiPath("/api/v1/namespaces/ns/pods"));
    assertNull(ObjectRef.fromApiPath("/api/v1/namespaces/ns/pods/"));
    assertNull(ObjectRef.fromApiPath("/healthz"));
  }

  @Test
  void fromStreamObject_namespaceSlashName_kubeRsRef_bareName() {
    assertEquals(new ObjectRef("mongodb", "", "c1"), ObjectRef.fromStreamObject("mongodb/c1"));
    assertEquals(
        new ObjectRef("default", "", "samuel"),
        ObjectRef.fromStreamObject("Document.v1.kube.rs/samuel.default"));
    assertEquals(new ObjectRef("", "", "c1"), ObjectRef.fromStreamObject("c1"));
    assertNull(ObjectRef.fromStreamObject(StreamKey.ANY_OBJECT));
    assertNull(ObjectRef.fromStreamObject(""));
  }

  @Test
  void matches_sameNameAndNamespaceOrUnknownNamespace() {
    ObjectRef ref = new ObjectRef("mongodb", "", "c1");
    assertTrue(ref.matches("mongodb", "c1"));
    assertTrue(ref.matches("", "c1"));
    assertFalse(ref.matches("other", "c1"));
    assertFalse(ref.matches("mongodb", "c2"));
    assertTrue(new ObjectRef("", "", "c1").matches("any", "c1"));
  }
}
