package io.github.wakeupanalyze.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of the code, checked on the compiled classes: data flows one way through the
 * stages (ingest → extract → analyze → report, with unload, compare and cli on top), the pure
 * stages do no I/O and know nothing of the command line, JSON libraries or charts.
 */
class LayeringTest {
  private static final String ROOT = "io.github.wakeupanalyze";
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void stages_dependOnlyOnTheStagesBeneathThem() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage(ROOT + "..")
        .layer("main")
        .definedBy(ROOT)
        .layer("cli")
        .definedBy(ROOT + ".cli..")
        .layer("serve")
        .definedBy(ROOT + ".serve..")
        .layer("compare")
        .definedBy(ROOT + ".compare..")
        .layer("report")
        .definedBy(ROOT + ".report..")
        .layer("kafka")
        .definedBy(ROOT + ".kafka..")
        .layer("pipeline")
        .definedBy(ROOT + ".pipeline..")
        .layer("live")
        .definedBy(ROOT + ".live..")
        .layer("unload")
        .definedBy(ROOT + ".unload..")
        .layer("analyze")
        .definedBy(ROOT + ".analyze..")
        .layer("extract")
        .definedBy(ROOT + ".extract..")
        .layer("ingest")
        .definedBy(ROOT + ".ingest..")
        .layer("simulate")
        .definedBy(ROOT + ".simulate..")
        .layer("sources")
        .definedBy(ROOT + ".sources..")
        .layer("model")
        .definedBy(ROOT + ".model..")
        .layer("text")
        .definedBy(ROOT + ".text..")
        .whereLayer("main")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("cli")
        .mayOnlyBeAccessedByLayers("main")
        .whereLayer("serve")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("compare")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("report")
        .mayOnlyBeAccessedByLayers("cli", "compare", "serve")
        .whereLayer("pipeline")
        .mayOnlyBeAccessedByLayers("cli", "compare", "report")
        .whereLayer("kafka")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("live")
        .mayOnlyBeAccessedByLayers("cli", "serve", "kafka")
        .whereLayer("unload")
        .mayOnlyBeAccessedByLayers("cli", "compare", "report", "serve", "live")
        .whereLayer("analyze")
        .mayOnlyBeAccessedByLayers(
            "cli", "compare", "report", "pipeline", "unload", "serve", "live", "kafka", "sources")
        .whereLayer("extract")
        .mayOnlyBeAccessedByLayers("cli", "compare", "report", "pipeline", "serve", "live", "kafka")
        .whereLayer("ingest")
        .mayOnlyBeAccessedByLayers(
            "cli", "compare", "report", "pipeline", "extract", "serve", "kafka")
        .whereLayer("simulate")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("sources")
        .mayOnlyBeAccessedByLayers("cli", "compare", "report")
        .whereLayer("model")
        .mayOnlyBeAccessedByLayers(
            "cli",
            "compare",
            "report",
            "pipeline",
            "unload",
            "live",
            "kafka",
            "analyze",
            "extract",
            "ingest",
            "simulate",
            "serve",
            "live")
        .check(classes);
  }

  @Test
  void pureStages_doNoFileIo() {
    noClasses()
        .that()
        .resideInAnyPackage(
            ROOT + ".model..",
            ROOT + ".text..",
            ROOT + ".extract..",
            ROOT + ".analyze..",
            ROOT + ".unload..",
            ROOT + ".live..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.net..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .because(
            "model, text, extract, analyze, unload and live compute; reading and writing happen"
                + " in ingest, report and cli")
        .check(classes);
  }

  @Test
  void pureStages_knowNothingOfTheCommandLineJsonOrCharts() {
    noClasses()
        .that()
        .resideInAnyPackage(
            ROOT + ".model..",
            ROOT + ".text..",
            ROOT + ".analyze..",
            ROOT + ".unload..",
            ROOT + ".live..",
            ROOT + ".extract..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("picocli..", "com.fasterxml.jackson..", "org.jfree..")
        .check(classes);
  }
}
