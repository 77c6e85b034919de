package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.guardrails.CanadianLongCodes;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UnregisteredTraffic;
import io.tenanttwilio.spi.TenantPolicies;
import java.math.BigDecimal;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The contract of a changeable {@link TenantPolicies}: extend it with your store.
 *
 * <p>Not thread-safe: JUnit runs its tests one at a time, each on an instance of its own.
 */
public abstract class TenantPoliciesContract {

    /** {@return the policies under test; they may be shared by every test of the class} */
    protected abstract TenantPolicies policies();

    @Test
    void aTenantWithoutItsOwnPolicyHasNone() {
        assertThat(policies().policyOf(Contracts.freshTenant("none"))).isEmpty();
    }

    @Test
    void keepsEveryValueOfAPolicy() {
        TenantId tenant = Contracts.freshTenant("full");
        TenantPolicy policy = TenantPolicy.builder()
                .timeZone(ZoneId.of("America/Toronto"))
                .dailySmsLimit(200)
                .monthlySmsLimit(5_000)
                .countSegments(true)
                .maxPurchasesPer24Hours(2)
                .maxNumbersOwned(3)
                .monthlyNumberSpendCap(new BigDecimal("25.00"))
                .estimatedNumberMonthlyPrice(new BigDecimal("1.1500"))
                .lowBalanceThreshold(new BigDecimal("12.50"))
                .autoRepair(false)
                .unregisteredTraffic(UnregisteredTraffic.WARN)
                .canadianLongCodes(CanadianLongCodes.REGISTRATION_FOR_NUMBERS_FROM_2025_03_26)
                .build();

        policies().save(tenant, policy);

        assertThat(policies().policyOf(tenant)).hasValueSatisfying(found -> {
            assertThat(found.timeZone()).isEqualTo(ZoneId.of("America/Toronto"));
            assertThat(found.dailySmsLimit()).hasValue(200L);
            assertThat(found.monthlySmsLimit()).hasValue(5_000L);
            assertThat(found.countSegments()).isTrue();
            assertThat(found.maxPurchasesPer24Hours()).isEqualTo(2);
            assertThat(found.maxNumbersOwned()).isEqualTo(3);
            assertThat(found.monthlyNumberSpendCap())
                    .hasValueSatisfying(cap -> assertThat(cap).isEqualByComparingTo("25"));
            assertThat(found.estimatedNumberMonthlyPrice()).isEqualByComparingTo("1.15");
            assertThat(found.lowBalanceThreshold()).isEqualByComparingTo("12.5");
            assertThat(found.autoRepair()).isFalse();
            assertThat(found.unregisteredTraffic()).isEqualTo(UnregisteredTraffic.WARN);
            assertThat(found.canadianLongCodes()).isEqualTo(CanadianLongCodes.REGISTRATION_FOR_NUMBERS_FROM_2025_03_26);
        });
    }

    @Test
    void aPolicyBuiltWithoutTheRegistrationRulesKeepsTheirDefaults() {
        TenantId tenant = Contracts.freshTenant("rules");

        policies().save(tenant, TenantPolicy.builder().dailySmsLimit(5).build());

        assertThat(policies().policyOf(tenant)).hasValueSatisfying(found -> {
            assertThat(found.unregisteredTraffic())
                    .isEqualTo(TenantPolicy.defaults().unregisteredTraffic())
                    .isEqualTo(UnregisteredTraffic.REFUSE);
            assertThat(found.canadianLongCodes())
                    .isEqualTo(TenantPolicy.defaults().canadianLongCodes())
                    .isEqualTo(CanadianLongCodes.NO_REGISTRATION);
        });
    }

    @Test
    void eachRegistrationRuleIsKeptOnItsOwnAndReplacedBySavingAgain() {
        TenantId tenant = Contracts.freshTenant("rules");

        policies()
                .save(
                        tenant,
                        TenantPolicy.builder()
                                .unregisteredTraffic(UnregisteredTraffic.WARN)
                                .build());
        TenantPolicy warn = policies().policyOf(tenant).orElseThrow();
        policies()
                .save(
                        tenant,
                        warn.toBuilder()
                                .unregisteredTraffic(UnregisteredTraffic.REFUSE)
                                .canadianLongCodes(CanadianLongCodes.REGISTRATION_FOR_NUMBERS_FROM_2025_03_26)
                                .build());
        TenantPolicy canada = policies().policyOf(tenant).orElseThrow();

        assertThat(warn.unregisteredTraffic()).isEqualTo(UnregisteredTraffic.WARN);
        assertThat(warn.canadianLongCodes()).isEqualTo(CanadianLongCodes.NO_REGISTRATION);
        assertThat(canada.unregisteredTraffic()).isEqualTo(UnregisteredTraffic.REFUSE);
        assertThat(canada.canadianLongCodes()).isEqualTo(CanadianLongCodes.REGISTRATION_FOR_NUMBERS_FROM_2025_03_26);
    }

    @Test
    void noLimitStaysNoLimit() {
        TenantId tenant = Contracts.freshTenant("open");

        policies().save(tenant, TenantPolicy.builder().build());

        assertThat(policies().policyOf(tenant)).hasValueSatisfying(found -> {
            assertThat(found.dailySmsLimit()).isEmpty();
            assertThat(found.monthlySmsLimit()).isEmpty();
            assertThat(found.monthlyNumberSpendCap()).isEmpty();
        });
    }

    @Test
    void savingAgainReplacesAndRemovingRestoresTheDefault() {
        TenantId tenant = Contracts.freshTenant("change");
        policies().save(tenant, TenantPolicy.builder().dailySmsLimit(10).build());

        policies().save(tenant, TenantPolicy.builder().dailySmsLimit(20).build());
        assertThat(policies().policyOf(tenant).orElseThrow().dailySmsLimit()).hasValue(20L);

        assertThat(policies().remove(tenant)).isTrue();
        assertThat(policies().remove(tenant)).isFalse();
        assertThat(policies().policyOf(tenant)).isEmpty();
    }

    @Test
    void keepsTenantsApart() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");
        policies().save(a, TenantPolicy.builder().dailySmsLimit(10).build());

        assertThat(policies().policyOf(b)).isEmpty();
    }
}
