package io.tenanttwilio.store.memory;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.NumberRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A {@link NumberRegistry} in memory, indexed like the JDBC one. Thread-safe (one lock). */
public final class InMemoryNumberRegistry implements NumberRegistry {

    private final Map<String, NumberRecord> byId = new LinkedHashMap<>();
    private final Map<String, String> idByWebhookKey = new HashMap<>();
    private final Map<String, String> idByPurchaseKey = new HashMap<>();
    private final Map<String, TenantId> tenantByService = new HashMap<>();

    private static String purchaseKey(TenantId tenant, String key) {
        return tenant.value() + '\u0000' + key;
    }

    @Override
    public synchronized NumberRecord insertIfAbsent(NumberRecord record) {
        String existing = idByPurchaseKey.get(purchaseKey(record.tenantId(), record.purchaseKey()));
        if (existing != null) {
            return byId.get(existing);
        }
        if (byId.containsKey(record.id()) || idByWebhookKey.containsKey(record.webhookKey())) {
            throw new IllegalArgumentException("A record with this id or webhook key exists already");
        }
        byId.put(record.id(), record);
        idByWebhookKey.put(record.webhookKey(), record.id());
        idByPurchaseKey.put(purchaseKey(record.tenantId(), record.purchaseKey()), record.id());
        return record;
    }

    @Override
    public synchronized Optional<NumberRecord> update(NumberRecord current, NumberRecord next) {
        NumberRecord stored = byId.get(current.id());
        if (stored == null
                || stored.version() != current.version()
                || !next.id().equals(current.id())) {
            return Optional.empty();
        }
        NumberRecord updated = next.toBuilder().version(current.version() + 1).build();
        if (!updated.webhookKey().equals(stored.webhookKey())) {
            idByWebhookKey.remove(stored.webhookKey());
            idByWebhookKey.put(updated.webhookKey(), updated.id());
        }
        byId.put(updated.id(), updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized Optional<NumberRecord> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<NumberRecord> findByWebhookKey(String webhookKey) {
        String id = idByWebhookKey.get(webhookKey);
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<NumberRecord> findOwned(PhoneNumber number) {
        return byId.values().stream()
                .filter(r -> r.state().isOwned()
                        && r.phoneNumber().map(number::equals).orElse(false))
                .max(Comparator.comparing(NumberRecord::createdAt));
    }

    @Override
    public synchronized Optional<NumberRecord> findByPurchaseKey(TenantId tenant, String key) {
        String id = idByPurchaseKey.get(purchaseKey(tenant, key));
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<NumberRecord> findByTenant(TenantId tenant) {
        List<NumberRecord> result = new ArrayList<>();
        for (NumberRecord record : byId.values()) {
            if (record.tenantId().equals(tenant)) {
                result.add(record);
            }
        }
        return result;
    }

    @Override
    public synchronized List<NumberRecord> findByStates(Set<NumberState> states, int limit) {
        return byId.values().stream()
                .filter(r -> states.contains(r.state()))
                .sorted(Comparator.comparing(NumberRecord::updatedAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<NumberRecord> findByStates(Set<NumberState> states, @Nullable String afterId, int limit) {
        return byId.values().stream()
                .filter(r -> states.contains(r.state()))
                .filter(r -> afterId == null || r.id().compareTo(afterId) > 0)
                .sorted(Comparator.comparing(NumberRecord::id))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized void linkMessagingService(TenantId tenant, String accountSid, String messagingServiceSid) {
        TenantId linked = tenantByService.putIfAbsent(accountSid + '/' + messagingServiceSid, tenant);
        if (linked != null && !linked.equals(tenant)) {
            throw new IllegalStateException("The Messaging Service is linked to another tenant");
        }
    }

    @Override
    public synchronized Optional<TenantId> findTenantByMessagingService(String accountSid, String messagingServiceSid) {
        return Optional.ofNullable(tenantByService.get(accountSid + '/' + messagingServiceSid));
    }
}
