package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.guardrails.TenantPolicy;
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
        });
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
