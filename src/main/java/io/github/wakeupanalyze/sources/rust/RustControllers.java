package io.github.wakeupanalyze.sources.rust;

import io.github.wakeupanalyze.sources.SourceFile;
import io.github.wakeupanalyze.sources.syntax.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kube-rs controllers of a crate: each {@code Controller::new(api, ..)} with the kind its
 * {@code Api<K>} is for, and the reconcile and error-policy functions its {@code .run(reconcile,
 * error_policy, ctx)} names.
 */
final class RustControllers {
  /** A controller: the kind it reconciles and the functions it runs. */
  record Ctl(String kind, String reconcileFn, String errorPolicyFn, String file) {}

  private static final Pattern API_KIND = Pattern.compile("Api\\s*(?:::)?\\s*<\\s*([\\w:]+)\\s*>");

  private final List<Ctl> controllers = new ArrayList<>();
  private final Set<String> errorPolicies = new HashSet<>();

  RustControllers(RustCrate crate) {
    errorPolicies.add("error_policy");
    for (RustCrate.RsFile f : crate.containing("Controller")) {
      for (Node call : f.root().all("call_expression")) {
        Node fn = call.child("function");
        if (fn == null || !fn.is("scoped_identifier") || fn.child("path") == null) {
          continue;
        }
        if (!fn.child("path").text().endsWith("Controller")
            || !fn.child("name").text().equals("new")) {
          continue;
        }
        List<Node> args = call.child("arguments").namedChildren();
        String kind = args.isEmpty() ? "" : kindOf(args.get(0));
        String rec = "";
        String err = "";
        for (Node up = call.parent(); up != null; up = up.parent()) {
          if (up.is("call_expression")
              && up.child("function").is("field_expression")
              && up.child("function").child("field").text().equals("run")) {
            List<Node> a = up.child("arguments").namedChildren();
            if (a.size() >= 2) {
              rec = a.get(0).text();
              err = a.get(1).text();
              errorPolicies.add(err);
            }
            break;
          }
        }
        controllers.add(new Ctl(kind, rec, err, f.file().rel()));
      }
    }
  }

  boolean isErrorPolicy(String fnName) {
    return errorPolicies.contains(fnName);
  }

  /**
   * The controller names of a site: the kind of the controller whose functions or file it is in,
   * else the type of its {@code impl} block, else the crate's only controller, else the file.
   */
  List<String> namesFor(String fnName, String implType, SourceFile file) {
    List<String> out = new ArrayList<>();
    for (Ctl c : controllers) {
      if (!c.kind().isEmpty()
          && (fnName.equals(c.reconcileFn())
              || fnName.equals(c.errorPolicyFn())
              || implType.equals(c.kind()))) {
        out.add(c.kind());
      }
    }
    if (out.isEmpty()) {
      for (Ctl c : controllers) {
        if (c.file().equals(file.rel()) && !c.kind().isEmpty()) {
          out.add(c.kind());
        }
      }
    }
    if (out.isEmpty() && !implType.isEmpty()) {
      out.add(implType);
    }
    if (out.isEmpty() && controllers.size() == 1 && !controllers.get(0).kind().isEmpty()) {
      out.add(controllers.get(0).kind());
    }
    if (out.isEmpty()) {
      String name = file.name();
      out.add(name.substring(0, name.length() - 3));
    }
    return out;
  }

  /**
   * {@code Api::<Document>::all(c)}, or a variable bound to one, or typed {@code Api<Document>}.
   */
  private static String kindOf(Node api) {
    Matcher m = API_KIND.matcher(api.text());
    if (m.find()) {
      return last(m.group(1));
    }
    if (api.is("identifier")) {
      Node fn = api.ancestor("function_item");
      if (fn != null && fn.child("body") != null) {
        for (Node let : fn.child("body").all("let_declaration")) {
          if (let.child("pattern") != null && let.child("pattern").text().equals(api.text())) {
            Matcher lm = API_KIND.matcher(let.text());
            if (lm.find()) {
              return last(lm.group(1));
            }
          }
        }
      }
    }
    return "";
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf(':') + 1);
  }
}
