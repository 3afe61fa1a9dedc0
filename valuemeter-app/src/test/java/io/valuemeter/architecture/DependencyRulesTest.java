package io.valuemeter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DependencyRulesTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.valuemeter");

  @Test
  void domain_dependsOnNoAdapter() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.valuemeter.usage..",
            "io.valuemeter.pricing..",
            "io.valuemeter.economics..",
            "io.valuemeter.advice..",
            "io.valuemeter.anomaly..",
            "io.valuemeter.budget..",
            "io.valuemeter.guard..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.valuemeter.ingest..",
            "io.valuemeter.ledger..",
            "io.valuemeter.report..",
            "io.valuemeter.cli..",
            "java.sql..",
            "org.duckdb..",
            "picocli..",
            "com.fasterxml..")
        .check(classes);
  }

  @Test
  void readers_dependOnNoLedgerOrCommandLine() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.valuemeter.ingest.claudecode..",
            "io.valuemeter.ingest.codex..",
            "io.valuemeter.ingest.tabular..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.valuemeter.ledger..", "io.valuemeter.cli..", "io.valuemeter.pricing..")
        .check(classes);
  }
}
