package dev.tollgate.tools;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The directions between the modules: detectors (plain Java) ← fixtures, jobs (the cluster job) ← tools. The job jar
 * a cluster runs must never need the command-line tools, the broker or the generator, and no two modules, nor two
 * packages of the job, the tools or the fixtures, depend on each other in a circle. (Inside the detectors, the
 * fraud detectors are rules and the rules' context carries the fraud reference data: that pair is one design unit and
 * is not split here.)
 */
class ModuleDirectionTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importAll() {
        // the detectors' test jar (dev.tollgate.detectors.testing) is on the test class path but is not product code
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("dev.tollgate");
    }

    @Test
    void theClusterJobNeverDependsOnTheToolsOrTheFixtures() {
        noClasses().that().resideInAPackage("dev.tollgate.jobs..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tollgate.tools..", "dev.tollgate.fixtures..")
                .check(classes);
    }

    @Test
    void theFixturesNeedOnlyTheDetectors() {
        noClasses().that().resideInAPackage("dev.tollgate.fixtures..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tollgate.tools..", "dev.tollgate.jobs..",
                        "org.apache.flink..")
                .check(classes);
    }

    @Test
    void theConsoleNeedsOnlyTheDetectorsAndNoFlink() {
        noClasses().that().resideInAPackage("dev.tollgate.console..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tollgate.tools..", "dev.tollgate.jobs..",
                        "dev.tollgate.fixtures..", "org.apache.flink..")
                .check(classes);
    }

    @Test
    void theModulesDependInOneDirection() {
        slices().matching("dev.tollgate.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noPackageCyclesInTheJobOrTheTools() {
        slices().matching("dev.tollgate.jobs.(**)").should().beFreeOfCycles().check(classes);
        slices().matching("dev.tollgate.tools.(**)").should().beFreeOfCycles().check(classes);
        slices().matching("dev.tollgate.console.(**)").should().beFreeOfCycles().check(classes);
    }
}
