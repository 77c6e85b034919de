package io.tenanttwilio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shape of the core: framework-neutral, no package cycles. */
@AnalyzeClasses(packages = "io.tenanttwilio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreUsesNoSpring = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..")
            .because("core must work in any application, with or without Spring");

    @ArchTest
    static final ArchRule coreUsesNoServletApi = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.servlet..", "javax.servlet..")
            .because("the servlet binding lives in tenant-twilio-servlet-webhook");

    @ArchTest
    static final ArchRule coreNeverCallsTwilioInit = noClasses()
            .should()
            .callMethod(com.twilio.Twilio.class, "init", String.class, String.class)
            .orShould()
            .callMethod(com.twilio.Twilio.class, "init", String.class, String.class, String.class)
            .orShould()
            .callMethod(com.twilio.Twilio.class, "setRestClient", com.twilio.http.TwilioRestClient.class)
            .because("Twilio.init holds credentials in static state shared by every tenant");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("io.tenanttwilio.(**)").should().beFreeOfCycles();
}
