package io.tenanttwilio.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Rules across every module: only the core uses its internals, the servlet binding stays free of
 * Spring, and no package cycle spans modules.
 */
@AnalyzeClasses(packages = "io.tenanttwilio", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    /** Packages of the modules other than the core. */
    private static final String[] OUTSIDE_CORE = {
        "io.tenanttwilio.test..",
        "io.tenanttwilio.servlet..",
        "io.tenanttwilio.micrometer..",
        "io.tenanttwilio.autoconfigure..",
        "io.tenanttwilio.example..",
        "io.tenanttwilio.benchmarks.."
    };

    @ArchTest
    static final ArchRule onlyTheCoreUsesItsInternals = noClasses()
            .that()
            .resideInAnyPackage(OUTSIDE_CORE)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.tenanttwilio.internal..")
            .because("io.tenanttwilio.internal is not API; other modules use the public API like any user");

    @ArchTest
    static final ArchRule theServletBindingUsesNoSpring = noClasses()
            .that()
            .resideInAPackage("io.tenanttwilio.servlet..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..")
            .because("tenant-twilio-servlet-webhook runs in any servlet container");

    @ArchTest
    static final ArchRule theMicrometerBindingUsesNoSpring = noClasses()
            .that()
            .resideInAPackage("io.tenanttwilio.micrometer..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.servlet..")
            .because("tenant-twilio-micrometer works in any application, with or without Spring");

    @ArchTest
    static final ArchRule noCyclesAcrossModules =
            slices().matching("io.tenanttwilio.(**)").should().beFreeOfCycles();
}
