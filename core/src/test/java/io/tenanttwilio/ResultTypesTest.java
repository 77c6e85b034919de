package io.tenanttwilio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noConstructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The values the API returns are made by static factories or builders, never by a public
 * constructor or a record's canonical constructor, so that a field can be added without breaking
 * their users; and {@code Optional} is a return type only, never of a boxed boolean or number.
 */
@AnalyzeClasses(packages = "io.tenanttwilio", importOptions = ImportOption.DoNotIncludeTests.class)
class ResultTypesTest {

    /** The packages whose values follow the rules; the others are still being reshaped. */
    private static final List<String> PACKAGES = List.of(
            "io.tenanttwilio.account",
            "io.tenanttwilio.numbers",
            "io.tenanttwilio.inbound",
            "io.tenanttwilio.guardrails");

    /** The values of the spi, beside its interfaces. */
    private static final Set<String> SPI_VALUES =
            Set.of("io.tenanttwilio.spi.JobLease", "io.tenanttwilio.spi.MessageUsage");

    private static final DescribedPredicate<JavaClass> API_VALUES = DescribedPredicate.describe(
            "are API values", type -> PACKAGES.contains(type.getPackageName()) || SPI_VALUES.contains(outermost(type)));

    @ArchTest
    static final ArchRule valuesHaveNoPublicConstructor = noConstructors()
            .that()
            .areDeclaredInClassesThat(API_VALUES)
            .and()
            .areDeclaredInClassesThat()
            .areNotAssignableTo(Throwable.class)
            .should()
            .bePublic()
            .orShould()
            .beProtected()
            .because("a public constructor freezes a value's fields; use a static factory or a builder");

    @ArchTest
    static final ArchRule valuesAreNotRecords = noClasses()
            .that(API_VALUES)
            .should()
            .beAssignableTo(Record.class)
            .because("a public record's canonical constructor freezes its fields");

    @ArchTest
    static final ArchRule noOptionalField = noFields()
            .that()
            .areDeclaredInClassesThat(API_VALUES)
            .should()
            .haveRawType(Optional.class)
            .because("Optional is a return type only");

    @ArchTest
    static final ArchRule noOptionalParameter = noCodeUnits()
            .that()
            .areDeclaredInClassesThat(API_VALUES)
            .should(ArchCondition.from(DescribedPredicate.describe(
                    "take an Optional",
                    (JavaCodeUnit unit) -> unit.getRawParameterTypes().stream()
                            .anyMatch(type -> type.isEquivalentTo(Optional.class)))))
            .because("Optional is a return type only");

    @ArchTest
    static final ArchRule noOptionalOfABoxedBooleanOrNumber = noMethods()
            .that()
            .areDeclaredInClassesThat(API_VALUES)
            .should(ArchCondition.from(DescribedPredicate.describe(
                    "return an Optional of Boolean, Integer or Long", ResultTypesTest::optionalOfBoxed)))
            .because("a tri-state is an enum, and OptionalInt and OptionalLong say the rest");

    private static boolean optionalOfBoxed(JavaMethod method) {
        JavaType type = method.getReturnType();
        if (!(type instanceof JavaParameterizedType) || !type.toErasure().isEquivalentTo(Optional.class)) {
            return false;
        }
        JavaType argument =
                ((JavaParameterizedType) type).getActualTypeArguments().get(0);
        JavaClass erased = argument.toErasure();
        return erased.isEquivalentTo(Boolean.class)
                || erased.isEquivalentTo(Integer.class)
                || erased.isEquivalentTo(Long.class);
    }

    private static String outermost(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer.getName();
    }
}
