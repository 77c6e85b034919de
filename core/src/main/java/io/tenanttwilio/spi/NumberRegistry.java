package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which tenant owns which number and webhook key, and where each number stands. Inbound webhooks
 * are routed through it before the tenant is known, so lookups by webhook key and by number are
 * hot paths: implementations answer them with an equality on an indexed column.
 *
 * <p>Each method is one atomic operation, safe with several application instances on one
 * database. Implementations must be thread-safe.
 */
public interface NumberRegistry {

    /**
     * Inserts {@code record} unless the tenant already has a record with the same purchase key;
     * returns the stored record (the new one, or the one already there).
     */
    NumberRecord insertIfAbsent(NumberRecord record);

    /**
     * Replaces {@code current} with {@code next} if the stored record still has {@code current}'s
     * version; the stored record then has version {@code current.version() + 1}. Returns it, or
     * empty when someone else changed the record first.
     */
    Optional<NumberRecord> update(NumberRecord current, NumberRecord next);

    /** The record with this id. */
    Optional<NumberRecord> findById(String id);

    /** The record whose webhook URLs carry {@code webhookKey}. */
    Optional<NumberRecord> findByWebhookKey(String webhookKey);

    /** The newest record of {@code number} in a state where it is owned ({@link NumberState#isOwned()}). */
    Optional<NumberRecord> findOwned(PhoneNumber number);

    /** The tenant's record created by the purchase with this idempotency key. */
    Optional<NumberRecord> findByPurchaseKey(TenantId tenant, String purchaseKey);

    /** The tenant's records, oldest first, released ones included. */
    List<NumberRecord> findByTenant(TenantId tenant);

    /** Records in any of {@code states}, oldest update first, at most {@code limit}. */
    List<NumberRecord> findByStates(Set<NumberState> states, int limit);

    /**
     * Records that the tenant's account {@code accountSid} has the Messaging Service {@code
     * messagingServiceSid}, so that keyless webhooks carrying it are routed to the tenant.
     */
    void linkMessagingService(TenantId tenant, String accountSid, String messagingServiceSid);

    /** The tenant that linked this Messaging Service of this account, if any. */
    Optional<TenantId> findTenantByMessagingService(String accountSid, String messagingServiceSid);

    /**
     * Records in one of {@code states}, in the order of their ids, after {@code afterId} ({@code
     * null}: from the first): for scheduled jobs that page through every number.
     */
    default List<NumberRecord> findByStates(Set<NumberState> states, @Nullable String afterId, int limit) {
        return findByStates(states, Integer.MAX_VALUE).stream()
                .filter(record -> afterId == null || record.id().compareTo(afterId) > 0)
                .sorted(java.util.Comparator.comparing(NumberRecord::id))
                .limit(limit)
                .toList();
    }
}
