package io.tenanttwilio.store.memory;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.spi.JobLease;
import io.tenanttwilio.spi.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A {@link UsageStore} in memory: correct within one JVM, lost at restart, and not shared between
 * application instances (use the JDBC store for that). Thread-safe.
 */
public final class InMemoryUsageStore implements UsageStore {

    private record Counter(long used, Instant touched) {}

    private record Purchase(String id, Instant at) {}

    private static final class Lease {
        @Nullable
        String owner;

        Instant expiresAt = Instant.EPOCH;

        @Nullable
        String cursor;

        @Nullable
        Instant lastCompletedAt;
    }

    private final Map<String, Counter> counters = new HashMap<>();
    private final Map<TenantId, List<Purchase>> purchases = new HashMap<>();
    private final Map<String, Lease> leases = new HashMap<>();
    private final Map<String, Instant> flags = new HashMap<>();
    private final Clock clock;

    /** A store whose counters are dated by the system clock. */
    public InMemoryUsageStore() {
        this(Clock.systemUTC());
    }

    /**
     * A store whose counters are dated by {@code clock} (for {@link #purge}).
     *
     * @param clock the clock of the counters' dates, such as a fixed one in tests
     */
    public InMemoryUsageStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized long reserve(TenantId tenant, String counter, long amount, long limit, boolean force) {
        requireAmount(amount);
        String key = key(tenant, counter);
        Counter current = counters.get(key);
        long used = current == null ? 0 : current.used();
        if (!force && used + amount > limit) {
            return -1;
        }
        counters.put(key, new Counter(used + amount, clock.instant()));
        return used + amount;
    }

    @Override
    public synchronized void release(TenantId tenant, String counter, long amount) {
        requireAmount(amount);
        counters.computeIfPresent(
                key(tenant, counter), (k, c) -> new Counter(Math.max(0, c.used() - amount), clock.instant()));
    }

    @Override
    public synchronized long used(TenantId tenant, String counter) {
        Counter current = counters.get(key(tenant, counter));
        return current == null ? 0 : current.used();
    }

    @Override
    public synchronized Optional<String> tryRecordPurchase(TenantId tenant, Instant at, Duration window, int max) {
        List<Purchase> recorded = purchases.computeIfAbsent(tenant, t -> new ArrayList<>());
        Instant since = at.minus(window);
        long inWindow = recorded.stream().filter(p -> p.at().isAfter(since)).count();
        if (inWindow >= max) {
            return Optional.empty();
        }
        Purchase purchase = new Purchase(UUID.randomUUID().toString(), at);
        recorded.add(purchase);
        return Optional.of(purchase.id());
    }

    @Override
    public synchronized void forgetPurchase(TenantId tenant, String purchaseId) {
        List<Purchase> recorded = purchases.get(tenant);
        if (recorded != null) {
            recorded.removeIf(p -> p.id().equals(purchaseId));
        }
    }

    @Override
    public synchronized List<Instant> purchasesSince(TenantId tenant, Instant since) {
        return purchases.getOrDefault(tenant, List.of()).stream()
                .map(Purchase::at)
                .filter(at -> at.isAfter(since))
                .sorted()
                .toList();
    }

    @Override
    public synchronized Optional<JobLease> tryAcquireLease(String job, String owner, Instant now, Duration ttl) {
        Lease lease = leases.computeIfAbsent(job, j -> new Lease());
        if (lease.owner != null && !lease.owner.equals(owner) && lease.expiresAt.isAfter(now)) {
            return Optional.empty();
        }
        lease.owner = owner;
        lease.expiresAt = now.plus(ttl);
        return Optional.of(JobLease.builder()
                .job(job)
                .owner(owner)
                .expiresAt(lease.expiresAt)
                .cursor(lease.cursor)
                .lastCompletedAt(lease.lastCompletedAt)
                .build());
    }

    @Override
    public synchronized boolean renewLease(
            String job, String owner, Instant now, Duration ttl, @Nullable String cursor) {
        Lease lease = leases.get(job);
        if (lease == null || !owner.equals(lease.owner)) {
            return false;
        }
        lease.expiresAt = now.plus(ttl);
        lease.cursor = cursor;
        return true;
    }

    @Override
    public synchronized void completeLease(String job, String owner, Instant completedAt) {
        Lease lease = leases.get(job);
        if (lease != null && owner.equals(lease.owner)) {
            lease.owner = null;
            lease.expiresAt = Instant.EPOCH;
            lease.cursor = null;
            lease.lastCompletedAt = completedAt;
        }
    }

    @Override
    public synchronized void releaseLease(String job, String owner) {
        Lease lease = leases.get(job);
        if (lease != null && owner.equals(lease.owner)) {
            lease.owner = null;
            lease.expiresAt = Instant.EPOCH;
        }
    }

    @Override
    public synchronized boolean raiseFlag(@Nullable TenantId tenant, String flag, Instant at) {
        return flags.putIfAbsent(flagKey(tenant, flag), at) == null;
    }

    @Override
    public synchronized boolean clearFlag(@Nullable TenantId tenant, String flag) {
        return flags.remove(flagKey(tenant, flag)) != null;
    }

    @Override
    public synchronized boolean isFlagRaised(@Nullable TenantId tenant, String flag) {
        return flags.containsKey(flagKey(tenant, flag));
    }

    @Override
    public synchronized int purge(TenantId tenant, Instant before) {
        int removed = 0;
        String prefix = tenant.value() + '\u0000';
        for (Iterator<Map.Entry<String, Counter>> it = counters.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Counter> entry = it.next();
            if (entry.getKey().startsWith(prefix) && entry.getValue().touched().isBefore(before)) {
                it.remove();
                removed++;
            }
        }
        String flags = tenant.value() + '\u0000' + "period:";
        for (Iterator<Map.Entry<String, Instant>> it = this.flags.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> entry = it.next();
            if (entry.getKey().startsWith(flags) && entry.getValue().isBefore(before)) {
                it.remove();
                removed++;
            }
        }
        List<Purchase> recorded = purchases.get(tenant);
        if (recorded != null) {
            int size = recorded.size();
            recorded.removeIf(p -> p.at().isBefore(before));
            removed += size - recorded.size();
        }
        return removed;
    }

    private static String key(TenantId tenant, String counter) {
        return tenant.value() + '\u0000' + Objects.requireNonNull(counter, "counter");
    }

    private static String flagKey(@Nullable TenantId tenant, String flag) {
        return (tenant == null ? "" : tenant.value()) + '\u0000' + Objects.requireNonNull(flag, "flag");
    }

    private static void requireAmount(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }

    @Override
    public String toString() {
        return "InMemoryUsageStore";
    }
}
