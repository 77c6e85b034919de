package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.spi.JobLease;
import io.tenanttwilio.spi.UsageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UsageStore}: extend it with your store.
 *
 * <p>Not thread-safe: JUnit runs its tests one at a time, each on an instance of its own; some of
 * them race the implementation under test from several threads, which must therefore be
 * thread-safe.
 */
public abstract class UsageStoreContract {

    /** {@return the store under test; it may be shared by every test of the class} */
    protected abstract UsageStore store();

    /**
     * {@return the same store seen by a second application instance (another connection pool on the
     * same database); the store itself by default}
     */
    protected UsageStore otherInstance() {
        return store();
    }

    @Test
    void reservesUpToTheLimitAndNotBeyond() {
        TenantId tenant = Contracts.freshTenant("quota");

        assertThat(store().reserve(tenant, "sms:day:2026-11-23", 3, 5, false)).isEqualTo(3);
        assertThat(store().reserve(tenant, "sms:day:2026-11-23", 2, 5, false)).isEqualTo(5);
        assertThat(store().reserve(tenant, "sms:day:2026-11-23", 1, 5, false)).isEqualTo(-1);
        assertThat(store().used(tenant, "sms:day:2026-11-23")).isEqualTo(5);
    }

    @Test
    void aFirstReservationLargerThanTheLimitIsRefused() {
        TenantId tenant = Contracts.freshTenant("quota");

        assertThat(store().reserve(tenant, "sms:month:2026-11", 6, 5, false)).isEqualTo(-1);
        assertThat(store().used(tenant, "sms:month:2026-11")).isZero();
    }

    @Test
    void aForcedReservationGoesPastTheLimit() {
        TenantId tenant = Contracts.freshTenant("quota");
        store().reserve(tenant, "c", 5, 5, false);

        assertThat(store().reserve(tenant, "c", 2, 5, true)).isEqualTo(7);
        assertThat(store().reserve(tenant, "fresh", 9, 5, true)).isEqualTo(9);
    }

    @Test
    void releasingGivesBackButNeverBelowZero() {
        TenantId tenant = Contracts.freshTenant("quota");
        store().reserve(tenant, "c", 5, 5, false);

        store().release(tenant, "c", 2);
        assertThat(store().used(tenant, "c")).isEqualTo(3);
        store().release(tenant, "c", 10);
        assertThat(store().used(tenant, "c")).isZero();
        store().release(tenant, "never-used", 1);
        assertThat(store().used(tenant, "never-used")).isZero();
    }

    @Test
    void countersAreKeptPerTenantAndPerName() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");
        store().reserve(a, "c", 4, 5, false);

        assertThat(store().reserve(b, "c", 5, 5, false)).isEqualTo(5);
        assertThat(store().reserve(a, "d", 5, 5, false)).isEqualTo(5);
        assertThat(store().used(a, "c")).isEqualTo(4);
    }

    @Test
    void concurrentReservationsFromTwoInstancesLetExactlyTheLimitThrough() throws Exception {
        TenantId tenant = Contracts.freshTenant("race");
        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

        List<Long> results = Contracts.race(32, () -> {
            UsageStore instance = turn.incrementAndGet() % 2 == 0 ? store() : otherInstance();
            return instance.reserve(tenant, "sms:day:race", 1, 20, false);
        });

        assertThat(results.stream().filter(r -> r > 0)).hasSize(20);
        assertThat(results.stream().filter(r -> r > 0)).doesNotHaveDuplicates();
        assertThat(results.stream().filter(r -> r == -1)).hasSize(12);
        assertThat(store().used(tenant, "sms:day:race")).isEqualTo(20);
    }

    @Test
    void recordsPurchasesUpToTheLimitOfTheWindow() {
        TenantId tenant = Contracts.freshTenant("buyer");
        Instant start = Contracts.now();
        Duration day = Duration.ofHours(24);

        assertThat(store().tryRecordPurchase(tenant, start, day, 2)).isPresent();
        assertThat(store().tryRecordPurchase(tenant, start.plusSeconds(60), day, 2))
                .isPresent();
        assertThat(store().tryRecordPurchase(tenant, start.plusSeconds(120), day, 2))
                .isEmpty();
        assertThat(store().tryRecordPurchase(tenant, start.plus(day).plusSeconds(1), day, 2))
                .as("the first purchase left the window")
                .isPresent();
        assertThat(store().purchasesSince(tenant, start.minusSeconds(1))).hasSize(3);
    }

    @Test
    void aForgottenPurchaseFreesItsPlace() {
        TenantId tenant = Contracts.freshTenant("buyer");
        Instant start = Contracts.now();
        String id = store().tryRecordPurchase(tenant, start, Duration.ofHours(24), 1)
                .orElseThrow();

        store().forgetPurchase(tenant, id);

        assertThat(store().tryRecordPurchase(tenant, start.plusSeconds(1), Duration.ofHours(24), 1))
                .isPresent();
    }

    @Test
    void aPurchaseStampedLaterStillCountsForARequestThatReadTheClockEarlier() {
        TenantId tenant = Contracts.freshTenant("late");
        Instant early = Contracts.now();

        // Another request read the clock a moment later but recorded its purchase first.
        assertThat(store().tryRecordPurchase(tenant, early.plusMillis(5), Duration.ofHours(24), 1))
                .isPresent();

        assertThat(store().tryRecordPurchase(tenant, early, Duration.ofHours(24), 1))
                .isEmpty();
    }

    @Test
    void concurrentPurchasesFromTwoInstancesRecordExactlyTheLimit() throws Exception {
        TenantId tenant = Contracts.freshTenant("race");
        Instant at = Contracts.now();
        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

        List<Optional<String>> results = Contracts.race(16, () -> {
            UsageStore instance = turn.incrementAndGet() % 2 == 0 ? store() : otherInstance();
            return instance.tryRecordPurchase(tenant, at, Duration.ofHours(24), 3);
        });

        assertThat(results.stream().filter(Optional::isPresent)).hasSize(3);
        assertThat(store().purchasesSince(tenant, at.minusSeconds(1))).hasSize(3);
    }

    @Test
    void oneOwnerHoldsALeaseUntilItExpires() {
        String job = "job-" + UUID.randomUUID();
        Instant now = Contracts.now();

        Optional<JobLease> first = store().tryAcquireLease(job, "instance-a", now, Duration.ofMinutes(1));
        assertThat(first).hasValueSatisfying(lease -> {
            assertThat(lease.owner()).isEqualTo("instance-a");
            assertThat(lease.cursor()).isEmpty();
            assertThat(lease.lastCompletedAt()).isEmpty();
        });
        assertThat(otherInstance().tryAcquireLease(job, "instance-b", now.plusSeconds(30), Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(store().tryAcquireLease(job, "instance-a", now.plusSeconds(30), Duration.ofMinutes(1)))
                .as("the holder renews it")
                .isPresent();
        assertThat(otherInstance().tryAcquireLease(job, "instance-b", now.plusSeconds(91), Duration.ofMinutes(1)))
                .as("expired: the holder died")
                .isPresent();
        assertThat(store().renewLease(job, "instance-a", now.plusSeconds(92), Duration.ofMinutes(1), null))
                .as("the old holder lost it")
                .isFalse();
    }

    @Test
    void aNewHolderCarriesOnWhereTheLastOneStopped() {
        String job = "job-" + UUID.randomUUID();
        Instant now = Contracts.now();
        store().tryAcquireLease(job, "instance-a", now, Duration.ofMinutes(1));
        assertThat(store().renewLease(job, "instance-a", now.plusSeconds(10), Duration.ofMinutes(1), "number-42"))
                .isTrue();

        Optional<JobLease> taken =
                otherInstance().tryAcquireLease(job, "instance-b", now.plusSeconds(200), Duration.ofMinutes(1));

        assertThat(taken).hasValueSatisfying(lease -> assertThat(lease.cursor()).contains("number-42"));
    }

    @Test
    void completingARunClearsTheCursorAndRemembersWhen() {
        String job = "job-" + UUID.randomUUID();
        Instant now = Contracts.now();
        store().tryAcquireLease(job, "instance-a", now, Duration.ofMinutes(1));
        store().renewLease(job, "instance-a", now, Duration.ofMinutes(1), "half-way");

        store().completeLease(job, "instance-a", now.plusSeconds(5));

        assertThat(otherInstance().tryAcquireLease(job, "instance-b", now.plusSeconds(6), Duration.ofMinutes(1)))
                .hasValueSatisfying(lease -> {
                    assertThat(lease.cursor()).isEmpty();
                    assertThat(lease.lastCompletedAt()).contains(now.plusSeconds(5));
                });
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndKeepsItsCursor() {
        String job = "job-" + UUID.randomUUID();
        Instant now = Contracts.now();
        store().tryAcquireLease(job, "instance-a", now, Duration.ofMinutes(10));
        store().renewLease(job, "instance-a", now, Duration.ofMinutes(10), "page-3");

        store().releaseLease(job, "instance-a");

        assertThat(otherInstance().tryAcquireLease(job, "instance-b", now.plusSeconds(1), Duration.ofMinutes(1)))
                .hasValueSatisfying(lease -> assertThat(lease.cursor()).contains("page-3"));
    }

    @Test
    void concurrentInstancesGetALeaseOnce() throws Exception {
        String job = "job-" + UUID.randomUUID();
        Instant now = Contracts.now();
        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

        List<Boolean> results = Contracts.race(8, () -> {
            int me = turn.incrementAndGet();
            UsageStore instance = me % 2 == 0 ? store() : otherInstance();
            return instance.tryAcquireLease(job, "instance-" + me, now, Duration.ofMinutes(1))
                    .isPresent();
        });

        assertThat(results.stream().filter(Boolean::booleanValue)).hasSize(1);
    }

    @Test
    void aFlagIsRaisedOnceUntilCleared() {
        TenantId tenant = Contracts.freshTenant("flags");
        Instant now = Contracts.now();

        assertThat(store().raiseFlag(tenant, "low-balance", now)).isTrue();
        assertThat(otherInstance().raiseFlag(tenant, "low-balance", now)).isFalse();
        assertThat(store().isFlagRaised(tenant, "low-balance")).isTrue();
        assertThat(store().clearFlag(tenant, "low-balance")).isTrue();
        assertThat(store().clearFlag(tenant, "low-balance")).isFalse();
        assertThat(store().raiseFlag(tenant, "low-balance", now)).isTrue();
    }

    @Test
    void platformFlagsAreApartFromTenantFlags() {
        TenantId tenant = Contracts.freshTenant("flags");
        String flag = "low-balance-" + UUID.randomUUID();
        Instant now = Contracts.now();

        assertThat(store().raiseFlag(null, flag, now)).isTrue();
        assertThat(store().raiseFlag(tenant, flag, now)).isTrue();
        assertThat(store().isFlagRaised(null, flag)).isTrue();
        assertThat(store().clearFlag(null, flag)).isTrue();
        assertThat(store().isFlagRaised(tenant, flag)).isTrue();
    }

    @Test
    void purgeForgetsOnlyWhatIsOlder() {
        TenantId tenant = Contracts.freshTenant("purge");
        Instant now = Contracts.now();
        store().reserve(tenant, "old", 1, 10, false);
        store().tryRecordPurchase(tenant, now.minus(Duration.ofDays(40)), Duration.ofHours(24), 5);
        store().tryRecordPurchase(tenant, now, Duration.ofHours(24), 5);
        store().raiseFlag(tenant, "period:quota:old", now.minus(Duration.ofDays(40)));
        store().raiseFlag(tenant, "period:quota:new", now);
        store().raiseFlag(tenant, "low-balance", now.minus(Duration.ofDays(40)));

        store().purge(tenant, now.minus(Duration.ofDays(30)));

        assertThat(store().isFlagRaised(tenant, "period:quota:old")).isFalse();
        assertThat(store().isFlagRaised(tenant, "period:quota:new")).isTrue();
        assertThat(store().isFlagRaised(tenant, "low-balance"))
                .as("not a period's flag")
                .isTrue();

        assertThat(store().used(tenant, "old")).as("touched just now").isEqualTo(1);
        assertThat(store().purchasesSince(tenant, now.minus(Duration.ofDays(60))))
                .containsExactly(now);
        store().purge(tenant, Instant.now().plusSeconds(3600));
        assertThat(store().used(tenant, "old")).isZero();
    }
}
