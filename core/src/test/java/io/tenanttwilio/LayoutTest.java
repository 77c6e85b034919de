package io.tenanttwilio;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The package layout of the core (see ARCHITECTURE.md): the entry points at the root, one package
 * per capability with its implementation in the matching {@code internal} package, and {@code spi}
 * holding only what an integrator implements.
 */
@AnalyzeClasses(packages = "io.tenanttwilio", importOptions = ImportOption.DoNotIncludeTests.class)
class LayoutTest {

    /** The public capability packages, each with (at most) one internal package of its own. */
    static final List<String> CAPABILITIES = List.of(
            "phone",
            "account",
            "numbers",
            "messaging",
            "inbound",
            "guardrails",
            "audit",
            "sink",
            "crypto",
            "resolver",
            "registration",
            "outbox");

    /** Internal packages every capability may use: texts, small utilities, the shared plumbing. */
    static final String[] SHARED_INTERNALS = {
        "io.tenanttwilio.internal.text", "io.tenanttwilio.internal.support", "io.tenanttwilio.internal.shared"
    };

    @ArchTest
    static final ArchRule capabilitiesDoNotReachIntoEachOthersInternals = capabilityRules();

    private static ArchRule capabilityRules() {
        List<ArchRule> rules = new ArrayList<>();
        for (String capability : CAPABILITIES) {
            List<String> allowed = new ArrayList<>(List.of(SHARED_INTERNALS));
            allowed.add("io.tenanttwilio.internal." + capability + "..");
            rules.add(noClasses()
                    .that()
                    .resideInAPackage("io.tenanttwilio." + capability + "..")
                    .should()
                    .dependOnClassesThat(resideInAPackage("io.tenanttwilio.internal..")
                            .and(not(resideInAnyPackage(allowed.toArray(String[]::new)))))
                    .because("a capability uses its own internals and the shared ones, not another capability's"));
        }
        return CompositeArchRule.of(rules);
    }

    @ArchTest
    static final ArchRule spiHasNoImplementations = noClasses()
            .that()
            .resideInAPackage("io.tenanttwilio.spi")
            .and()
            .areNotAnonymousClasses()
            .should()
            .implement(
                    JavaClass.Predicates.resideInAPackage("io.tenanttwilio.spi").and(JavaClass.Predicates.INTERFACES))
            .because("spi holds what an integrator implements and the values those interfaces exchange (and"
                    + " no-op constants such as SdkMetrics.NOOP);"
                    + " ready implementations live beside what they serve (store, sink, crypto, resolver)");

    @ArchTest
    static final ArchRule spiNamesNoImplementation = noClasses()
            .that()
            .resideInAPackage("io.tenanttwilio.spi")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.tenanttwilio.internal..",
                    "io.tenanttwilio.store..",
                    "io.tenanttwilio.sink..",
                    "io.tenanttwilio.crypto..",
                    "io.tenanttwilio.resolver..")
            .because("an extension point must not know the implementations of itself");

    @ArchTest
    static final ArchRule theRootKnowsNoImplementation = noClasses()
            .that()
            .resideInAPackage("io.tenanttwilio")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.tenanttwilio.store..",
                    "io.tenanttwilio.sink..",
                    "io.tenanttwilio.crypto..",
                    "io.tenanttwilio.resolver..",
                    "io.tenanttwilio.internal.numbers..",
                    "io.tenanttwilio.internal.messaging..",
                    "io.tenanttwilio.internal.inbound..",
                    "io.tenanttwilio.internal.guardrails..",
                    "io.tenanttwilio.internal.registration..",
                    "io.tenanttwilio.internal.outbox..",
                    "io.tenanttwilio.internal.twilio..",
                    "io.tenanttwilio.internal.shared..")
            .because("the entry points reach the capabilities through their interfaces; only the builder"
                    + " names the one default implementation (internal.DefaultTenantTwilio)");

    @ArchTest
    static final ArchRule theRootNamesOnlyTheDefaultImplementation = classes()
            .that()
            .resideInAPackage("io.tenanttwilio.internal")
            .and()
            .areNotAnonymousClasses()
            .and()
            .areNotNestedClasses()
            .and()
            .doNotHaveSimpleName("DefaultTenantTwilio")
            .should()
            .onlyHaveDependentClassesThat()
            .resideOutsideOfPackage("io.tenanttwilio")
            .because("the root depends on the implementation through one class only");

    @ArchTest
    static final ArchRule capabilitiesDoNotUseTheStores = noClasses()
            .that()
            .resideInAnyPackage(CAPABILITIES.stream()
                    .map(capability -> "io.tenanttwilio." + capability + "..")
                    .toArray(String[]::new))
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.tenanttwilio.store..")
            .because("capabilities reach data through the spi interfaces, whatever store is plugged in");
}
