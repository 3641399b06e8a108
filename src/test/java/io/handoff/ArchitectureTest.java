package io.handoff;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way: api -> ruleset (lifecycle) -> decision -> {contract, engine, audit}; no two feature packages
 * depend on each other; the core knows no HTTP, contract knows no Drools, and the rule verifier is pure.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.handoff");

    @Test
    void nothingDependsOnTheApi() {
        noClasses().that().resideOutsideOfPackages("io.handoff.api..", "io.handoff")
                .should().dependOnClassesThat().resideInAPackage("io.handoff.api..").check(CLASSES);
    }

    @Test
    void engineKnowsNeitherHttpNorContractsNorDecisions() {
        noClasses().that().resideInAPackage("io.handoff.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.handoff.contract..", "io.handoff.decision..",
                        "io.handoff.ruleset..", "org.springframework.web..", "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void contractKnowsNoDroolsAndNoSpring() {
        noClasses().that().resideInAPackage("io.handoff.contract..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..", "org.springframework..",
                        "io.handoff.engine..", "io.handoff.decision..")
                .check(CLASSES);
    }

    @Test
    void decisionDoesNotReachIntoDroolsOrTheWeb() {
        noClasses().that().resideInAnyPackage("io.handoff.decision..", "io.handoff.rulemodel..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..", "org.springframework.web..",
                        "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void theRuleVerifierIsPureAndKnowsOnlyTheRuleModel() {
        // it parses and judges; compiling, running, files, the database and the network are out of its reach
        noClasses().that().resideInAPackage("io.handoff.engine.verify..")
                .should().dependOnClassesThat().resideInAnyPackage("io.handoff.engine", "io.handoff.decision..",
                        "io.handoff.ruleset..", "io.handoff.api..", "io.handoff.audit..", "org.kie.internal.builder..",
                        "org.kie.api.runtime..", "org.drools.compiler..", "org.apache.poi..", "org.springframework..",
                        "java.sql..", "java.net..", "java.nio.file..", "java.io.File")
                .check(CLASSES);
    }

    @Test
    void textHelpersDependOnNothingOfTheService() {
        noClasses().that().resideInAPackage("io.handoff.text..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.handoff.text..", "java..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesDependOnEachOtherOneWayOnly() {
        slices().matching("io.handoff.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
