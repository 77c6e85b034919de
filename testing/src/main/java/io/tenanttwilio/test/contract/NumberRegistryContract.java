package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.NumberRegistry;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link NumberRegistry}: extend it with your registry.
 *
 * <p>Not thread-safe: JUnit runs its tests one at a time, each on an instance of its own; some of
 * them race the implementation under test from several threads, which must therefore be
 * thread-safe.
 */
public abstract class NumberRegistryContract {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final AtomicInteger NUMBERS = new AtomicInteger(new java.util.Random().nextInt(10_000));

    /** {@return the registry under test; it may be shared by every test of the class} */
    protected abstract NumberRegistry registry();

    /** {@return a valid Canadian number no other test uses} */
    protected static PhoneNumber freshNumber() {
        return PhoneNumber.ofE164(
                String.format(java.util.Locale.ROOT, "+1581500%04d", NUMBERS.incrementAndGet() % 10_000));
    }

    /**
     * A number record in {@link NumberState#PURCHASING}, as a purchase first writes it: a fresh
     * number, a random id and webhook key, webhook URLs under {@code
     * https://clinic.example/twilio}, created now.
     *
     * @param tenant the tenant buying the number
     * @param purchaseKey the purchase's idempotency key
     * @return a record to insert; the registry has not seen it
     */
    protected static NumberRecord pending(TenantId tenant, String purchaseKey) {
        Instant now = Contracts.now();
        String key = UUID.randomUUID().toString().replace("-", "");
        return NumberRecord.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(tenant)
                .purchaseKey(purchaseKey)
                .requested("area:581")
                .accountSid(ACCOUNT)
                .webhookKey(key)
                .smsUrl("https://clinic.example/twilio/sms/" + key)
                .statusCallbackUrl("https://clinic.example/twilio/status/" + key)
                .friendlyName(tenant.value() + " #abc")
                .state(NumberState.PURCHASING)
                .createdAt(now)
                .updatedAt(now)
                .build();
    }

    private NumberRecord bought(TenantId tenant, NumberState state) {
        NumberRecord record =
                registry().insertIfAbsent(pending(tenant, UUID.randomUUID().toString()));
        return registry()
                .update(
                        record,
                        record.toBuilder()
                                .state(state)
                                .phoneNumber(freshNumber())
                                .twilioSid("PN" + UUID.randomUUID().toString().replace("-", ""))
                                .updatedAt(Contracts.now())
                                .build())
                .orElseThrow();
    }

    @Test
    void insertsOncePerPurchaseKey() {
        TenantId tenant = Contracts.freshTenant("clinic");
        NumberRecord first = pending(tenant, "k");

        NumberRecord stored = registry().insertIfAbsent(first);
        NumberRecord again = registry().insertIfAbsent(pending(tenant, "k"));

        assertThat(stored).isEqualTo(first);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(registry().findByPurchaseKey(tenant, "k")).contains(first);
        assertThat(registry().findByTenant(tenant)).hasSize(1);
    }

    @Test
    void theSamePurchaseKeyOfAnotherTenantIsAnotherPurchase() {
        NumberRecord a = registry().insertIfAbsent(pending(Contracts.freshTenant("a"), "k"));
        NumberRecord b = registry().insertIfAbsent(pending(Contracts.freshTenant("b"), "k"));

        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void concurrentPurchasesWithOneKeyMakeOneRecord() throws Exception {
        TenantId tenant = Contracts.freshTenant("race");

        List<NumberRecord> results = Contracts.race(8, () -> registry().insertIfAbsent(pending(tenant, "k")));

        assertThat(results)
                .extracting(NumberRecord::id)
                .containsOnly(results.get(0).id());
        assertThat(registry().findByTenant(tenant)).hasSize(1);
    }

    @Test
    void updatesOnlyTheVersionItRead() {
        NumberRecord record = registry().insertIfAbsent(pending(Contracts.freshTenant("clinic"), "k"));

        Optional<NumberRecord> first = registry()
                .update(record, record.toBuilder().state(NumberState.PURCHASED).build());
        Optional<NumberRecord> stale = registry()
                .update(record, record.toBuilder().state(NumberState.FAILED).build());

        assertThat(first).hasValueSatisfying(updated -> {
            assertThat(updated.version()).isEqualTo(record.version() + 1);
            assertThat(updated.state()).isEqualTo(NumberState.PURCHASED);
        });
        assertThat(stale).isEmpty();
        assertThat(registry().findById(record.id()))
                .hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(NumberState.PURCHASED));
    }

    @Test
    void concurrentUpdatesOfOneVersionLetOneThrough() throws Exception {
        NumberRecord record = registry().insertIfAbsent(pending(Contracts.freshTenant("clinic"), "k"));

        List<Boolean> results = Contracts.race(
                8,
                () -> registry()
                        .update(
                                record,
                                record.toBuilder().state(NumberState.PURCHASED).build())
                        .isPresent());

        assertThat(results).containsOnlyOnce(true);
    }

    @Test
    void findsARecordByItsWebhookKeyAndItsNumber() {
        TenantId tenant = Contracts.freshTenant("clinic");
        NumberRecord active = bought(tenant, NumberState.ACTIVE);

        assertThat(registry().findByWebhookKey(active.webhookKey())).contains(active);
        assertThat(registry().findOwned(active.phoneNumber().orElseThrow())).contains(active);
        assertThat(registry().findByWebhookKey("no-such-key")).isEmpty();
    }

    @Test
    void aReleasedNumberIsNoLongerOwned() {
        NumberRecord active = bought(Contracts.freshTenant("clinic"), NumberState.ACTIVE);
        registry()
                .update(active, active.toBuilder().state(NumberState.RELEASED).build())
                .orElseThrow();

        assertThat(registry().findOwned(active.phoneNumber().orElseThrow())).isEmpty();
        assertThat(registry().findByWebhookKey(active.webhookKey()))
                .hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(NumberState.RELEASED));
    }

    @Test
    void keepsTheProblemOfANumberNeedingAttention() {
        NumberRecord record = bought(Contracts.freshTenant("clinic"), NumberState.NEEDS_ATTENTION);
        NumberRecord withProblem = registry()
                .update(
                        record,
                        record.toBuilder()
                                .problem(ErrorCode.WEBHOOK_NOT_CONFIGURED)
                                .build())
                .orElseThrow();

        assertThat(registry().findById(record.id())).contains(withProblem);
    }

    @Test
    void findsRecordsByStateOldestUpdateFirst() {
        TenantId tenant = Contracts.freshTenant("clinic");
        NumberRecord older = registry().insertIfAbsent(pending(tenant, "older"));
        NumberRecord newer = registry().insertIfAbsent(pending(tenant, "newer"));
        registry()
                .update(
                        newer,
                        newer.toBuilder()
                                .updatedAt(Contracts.now().plusSeconds(60))
                                .build());

        List<NumberRecord> pending = registry().findByStates(EnumSet.of(NumberState.PURCHASING), 100_000);

        assertThat(pending).extracting(NumberRecord::id).contains(older.id(), newer.id());
        assertThat(pending.indexOf(pending.stream()
                        .filter(r -> r.id().equals(older.id()))
                        .findFirst()
                        .orElseThrow()))
                .isLessThan(pending.indexOf(pending.stream()
                        .filter(r -> r.id().equals(newer.id()))
                        .findFirst()
                        .orElseThrow()));
        assertThat(registry().findByStates(EnumSet.of(NumberState.PURCHASING), 1))
                .hasSize(1);
    }

    @Test
    void pagesThroughRecordsOfAStateByIdWithoutMissingAny() {
        TenantId tenant = Contracts.freshTenant("paged");
        List<String> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(bought(tenant, NumberState.ACTIVE).id());
        }
        String released = bought(tenant, NumberState.RELEASED).id();

        List<String> seen = new java.util.ArrayList<>();
        String after = null;
        for (List<NumberRecord> page = registry().findByStates(EnumSet.of(NumberState.ACTIVE), after, 2);
                !page.isEmpty();
                page = registry().findByStates(EnumSet.of(NumberState.ACTIVE), after, 2)) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            page.forEach(record -> assertThat(record.state()).isEqualTo(NumberState.ACTIVE));
            page.forEach(record -> seen.add(record.id()));
            after = page.get(page.size() - 1).id();
        }

        assertThat(seen).containsAll(mine).doesNotContain(released).doesNotHaveDuplicates();
        assertThat(seen).isSorted();
    }

    @Test
    void keepsTenantsApart() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");
        bought(a, NumberState.ACTIVE);

        assertThat(registry().findByTenant(b)).isEmpty();
        assertThat(registry().findByPurchaseKey(b, "k")).isEmpty();
    }

    @Test
    void routesAMessagingServiceToTheTenantThatLinkedIt() {
        TenantId tenant = Contracts.freshTenant("clinic");
        String service = "MG" + UUID.randomUUID().toString().replace("-", "");

        registry().linkMessagingService(tenant, ACCOUNT, service);

        assertThat(registry().findTenantByMessagingService(ACCOUNT, service)).contains(tenant);
        assertThat(registry().findTenantByMessagingService("AC" + "0".repeat(32), service))
                .isEmpty();
    }

    @Test
    void aMessagingServiceLinkedByOneTenantIsNotTakenOverByAnother() {
        TenantId first = Contracts.freshTenant("first");
        TenantId second = Contracts.freshTenant("second");
        String service = "MG" + UUID.randomUUID().toString().replace("-", "");
        registry().linkMessagingService(first, ACCOUNT, service);

        registry().linkMessagingService(first, ACCOUNT, service); // linking one's own again changes nothing
        assertThatThrownBy(() -> registry().linkMessagingService(second, ACCOUNT, service))
                .isInstanceOf(RuntimeException.class);

        assertThat(registry().findTenantByMessagingService(ACCOUNT, service)).contains(first);
    }
}
