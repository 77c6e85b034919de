package io.tenanttwilio.internal.inbound;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.NumberRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The number registry as this instance uses it, with the lookup every webhook makes ({@link
 * #findByWebhookKey}) remembered for a short time: a busy number's webhooks then cost no database
 * round trip to route.
 *
 * <p>Only records found are remembered (a number bought on another instance is routable at once),
 * for at most {@code ttl}; every write through this registry forgets the keys it touches, so this
 * instance never routes by a record older than its own last change. A change made on another
 * instance (a release, say) is seen here within {@code ttl}: the signature is still checked with
 * the tenant's token, so such a late webhook can only reach the tenant that owned the number.
 */
public final class RoutingCache implements NumberRegistry {

    /** Entries kept at most; beyond, the cache starts afresh (webhook keys are one per number). */
    static final int MAX_ENTRIES = 50_000;

    private record Entry(NumberRecord record, long loadedAt) {}

    private final NumberRegistry registry;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> byKey = new ConcurrentHashMap<>();

    public RoutingCache(NumberRegistry registry, Duration ttl, LongSupplier nanoTime) {
        this.registry = registry;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<NumberRecord> findByWebhookKey(String webhookKey) {
        if (ttlNanos <= 0) {
            return registry.findByWebhookKey(webhookKey);
        }
        long now = nanoTime.getAsLong();
        Entry cached = byKey.get(webhookKey);
        if (cached != null && now - cached.loadedAt() < ttlNanos) {
            return Optional.of(cached.record());
        }
        Optional<NumberRecord> found = registry.findByWebhookKey(webhookKey);
        if (found.isPresent()) {
            if (byKey.size() >= MAX_ENTRIES) {
                byKey.clear();
            }
            byKey.put(webhookKey, new Entry(found.get(), now));
        } else {
            byKey.remove(webhookKey);
        }
        return found;
    }

    @Override
    public NumberRecord insertIfAbsent(NumberRecord record) {
        try {
            return registry.insertIfAbsent(record);
        } finally {
            byKey.remove(record.webhookKey());
        }
    }

    @Override
    public Optional<NumberRecord> update(NumberRecord current, NumberRecord next) {
        try {
            return registry.update(current, next);
        } finally {
            byKey.remove(current.webhookKey());
            byKey.remove(next.webhookKey());
        }
    }

    @Override
    public Optional<NumberRecord> findById(String id) {
        return registry.findById(id);
    }

    @Override
    public Optional<NumberRecord> findOwned(PhoneNumber number) {
        return registry.findOwned(number);
    }

    @Override
    public Optional<NumberRecord> findByPurchaseKey(TenantId tenant, String purchaseKey) {
        return registry.findByPurchaseKey(tenant, purchaseKey);
    }

    @Override
    public List<NumberRecord> findByTenant(TenantId tenant) {
        return registry.findByTenant(tenant);
    }

    @Override
    public List<NumberRecord> findByStates(Set<NumberState> states, int limit) {
        return registry.findByStates(states, limit);
    }

    @Override
    public List<NumberRecord> findByStates(Set<NumberState> states, @Nullable String afterId, int limit) {
        return registry.findByStates(states, afterId, limit);
    }

    @Override
    public void linkMessagingService(TenantId tenant, String accountSid, String messagingServiceSid) {
        registry.linkMessagingService(tenant, accountSid, messagingServiceSid);
    }

    @Override
    public Optional<TenantId> findTenantByMessagingService(String accountSid, String messagingServiceSid) {
        return registry.findTenantByMessagingService(accountSid, messagingServiceSid);
    }

    @Override
    public String toString() {
        return "RoutingCache[" + registry + "]";
    }
}
