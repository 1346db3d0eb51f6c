package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.TraceEvidence;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Accuracy;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An audit log names each writer by its user. An operator whose service account holds its service
 * name is recognized by the name; one whose account does not (kubebuilder's {@code
 * controller-manager}) is recognized by its writes: the user that writes inside most of the
 * controller's kept writing reconciles is the operator (docs/method.md, "Audit logs").
 */
class AuditIdentityTest {
  private static Analysis analyze(Scenario scenario) throws Exception {
    Accuracy.Simulated sim = Accuracy.simulate(scenario, OutputFormat.OTLP_JSON);
    assertTrue(sim.audit() != null && sim.audit().length > 0, "the run keeps an audit log");
    return DemoAnalysis.of(sim.trace(), sim.audit(), AnalysisParameters.defaults()).analysis();
  }

  @Test
  void anAccountThatDoesNotNameTheOperator_givesTheVerdictsOfOneThatDoes() throws Exception {
    Scenario sc =
        ScenarioLoader.load(
            Path.of("src/test/resources/scenarios/percona-backup-sampled-10-audit.yaml"));
    Analysis named = analyze(sc);
    Analysis unnamed = analyze(sc.withServiceAccount("controller-manager"));
    long ownByLog =
        named.reconciles().stream()
            .filter(cr -> cr.classification().basis().equals("audited own write"))
            .count();
    assertTrue(ownByLog >= 5, "the named run tells own-write events by the log: " + ownByLog);
    assertEquals(named.reconciles().size(), unnamed.reconciles().size());
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < named.reconciles().size(); i++) {
      Classification a = named.reconciles().get(i).classification();
      Classification b = unnamed.reconciles().get(i).classification();
      if (!a.equals(b)) {
        differ.add(a.basis() + " → " + b.basis());
      }
    }
    assertEquals(List.of(), differ, "verdicts that differ");
  }

  private static final long S = 1_000_000_000L;
  private static final String MANAGER = "system:serviceaccount:ns:controller-manager";
  private static final String OTHER = "system:serviceaccount:kube-system:some-controller";

  /** Six reconciles of ns/a, one every 10 s for 100 ms, each patching the object's status. */
  private static List<Reconcile> sixWritingReconciles() {
    TreeMap<String, Integer> methods = new TreeMap<>(Map.of("PATCH", 1));
    ApiCalls patch =
        new ApiCalls(methods, List.of("/apis/example.com/v1/namespaces/ns/widgets/a/status"));
    List<Reconcile> rs = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      rs.add(
          new Reconcile(
              new StreamKey("op", "c", "ns/a"),
              0,
              i,
              i,
              i * 10 * S,
              i * 10 * S + S / 10,
              false,
              null,
              patch,
              0));
    }
    return rs;
  }

  private static ObjectWrite audited(double seconds, String user) {
    long t = Math.round(seconds * S);
    return new ObjectWrite(
        t, t, "ns", "a", "widgets", "PATCH", user, "kube-apiserver", 1, 2, t, true);
  }

  /** The users of the writes the index takes for the operator's own. */
  private static List<String> ownUsers(List<ObjectWrite> writes) {
    List<Reconcile> rs = sixWritingReconciles();
    EvidenceIndex index =
        new EvidenceIndex(new TraceEvidence(writes, List.of()), new long[0])
            .forController(List.of(rs));
    return index.ownWrites(rs).stream().map(ObjectWrite::client).distinct().sorted().toList();
  }

  @Test
  void aUserWritingInsideHalfTheWritingReconciles_isTheOperator_alsoOutsideThem() {
    List<ObjectWrite> ws = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ws.add(audited(i * 10 + 0.05, MANAGER));
    }
    ws.add(audited(45, MANAGER)); // between reconciles: a write of a reconcile the trace lost
    ws.add(audited(20.06, OTHER)); // once, by chance
    assertEquals(List.of(MANAGER), ownUsers(ws));
  }

  @Test
  void aUserWritingInsideFewerThanHalf_orFewerThanThree_isAnotherClient() {
    List<ObjectWrite> ws = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      ws.add(audited(i * 10 + 0.05, MANAGER));
      ws.add(audited(i * 10 + 5, MANAGER));
    }
    assertEquals(List.of(), ownUsers(ws), "2 of 6 writing reconciles");
    assertEquals(
        List.of(),
        ownUsers(List.of(audited(10.05, MANAGER), audited(20.05, MANAGER), audited(25, OTHER))),
        "2 of 6 again");
  }
}
