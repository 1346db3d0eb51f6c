package io.github.wakeupanalyze.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package depends on itself through others: every package, sub-packages included, is a slice,
 * and the graph of slices is acyclic. A cycle means two packages are one room with two doors; the
 * fix is to move the shared type to the package both may depend on.
 */
class PackageCyclesTest {
  private static final JavaClasses MAIN_CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.wakeupanalyze");

  @Test
  void packages_formNoCycle() {
    slices().matching("io.github.wakeupanalyze.(**)").should().beFreeOfCycles().check(MAIN_CLASSES);
  }
}
