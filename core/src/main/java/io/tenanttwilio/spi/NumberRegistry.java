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
     * Inserts {@code record} unless the tenant already has a record with the same purchase key,
     * atomically: of concurrent purchases with one key, one inserts and the others get its record.
     *
     * @param record a new record, with an id and a webhook key no other record has
     * @return the stored record: {@code record}, or the one already there
     */
    NumberRecord insertIfAbsent(NumberRecord record);

    /**
     * Replaces {@code current} with {@code next} if the stored record still has {@code current}'s
     * version, atomically (a compare-and-set); the stored record then has version {@code
     * current.version() + 1}. Its webhook key may change: {@link #findByWebhookKey} follows it.
     *
     * @param current the record as last read
     * @param next the record to store, with the same id
     * @return the stored record; empty when someone else changed the record first, or there is
     *     none with this id
     */
    Optional<NumberRecord> update(NumberRecord current, NumberRecord next);

    /**
     * The record with this id, whatever its tenant (the SDK checks the tenant itself where it
     * matters).
     *
     * @param id the record's id
     * @return the record; empty when there is none
     */
    Optional<NumberRecord> findById(String id);

    /**
     * The record whose webhook URLs carry {@code webhookKey}: the route of an inbound webhook,
     * before its tenant is known. A hot path: an indexed equality.
     *
     * @param webhookKey the key of the webhook's path
     * @return the record; empty when no record has this key
     */
    Optional<NumberRecord> findByWebhookKey(String webhookKey);

    /**
     * The newest record of {@code number} in a state where it is owned ({@link
     * NumberState#isOwned()}), whatever its tenant. A hot path: an indexed equality.
     *
     * @param number the phone number
     * @return the record; empty when no tenant owns the number now
     */
    Optional<NumberRecord> findOwned(PhoneNumber number);

    /**
     * The tenant's record created by the purchase with this idempotency key.
     *
     * @param tenant the tenant
     * @param purchaseKey the purchase's idempotency key
     * @return the record; empty when the tenant made no purchase with this key
     */
    Optional<NumberRecord> findByPurchaseKey(TenantId tenant, String purchaseKey);

    /**
     * The tenant's records, oldest first, released and failed ones included.
     *
     * @param tenant the tenant
     * @return the records; empty when it has none
     */
    List<NumberRecord> findByTenant(TenantId tenant);

    /**
     * Records of every tenant in any of {@code states}, oldest update first: for the purchases to
     * resume and the numbers to repair.
     *
     * @param states the states looked for
     * @param limit the most records returned
     * @return up to {@code limit} records; empty when none is in those states
     */
    List<NumberRecord> findByStates(Set<NumberState> states, int limit);

    /**
     * Records that the tenant's account {@code accountSid} has the Messaging Service {@code
     * messagingServiceSid}, so that keyless webhooks carrying it are routed to the tenant, and
     * sends through it are allowed. Linking again to the same tenant does nothing.
     *
     * @param tenant the tenant
     * @param accountSid the tenant's Twilio account ({@code AC…})
     * @param messagingServiceSid the service ({@code MG…})
     * @throws IllegalStateException when the service of this account is linked to another tenant
     */
    void linkMessagingService(TenantId tenant, String accountSid, String messagingServiceSid);

    /**
     * The tenant that linked this Messaging Service of this account.
     *
     * @param accountSid the Twilio account ({@code AC…})
     * @param messagingServiceSid the service ({@code MG…})
     * @return the tenant; empty when no tenant linked it
     */
    Optional<TenantId> findTenantByMessagingService(String accountSid, String messagingServiceSid);

    /**
     * Records in one of {@code states}, in the order of their ids, after {@code afterId} ({@code
     * null}: from the first): for scheduled jobs that page through every number. The default
     * filters {@link #findByStates(Set, int)}; a database should answer with an indexed range.
     *
     * @param states the states looked for
     * @param afterId the id of the last record of the previous page; {@code null}: from the first
     * @param limit the most records returned
     * @return up to {@code limit} records whose ids follow {@code afterId}, in order; empty when
     *     no more
     */
    default List<NumberRecord> findByStates(Set<NumberState> states, @Nullable String afterId, int limit) {
        return findByStates(states, Integer.MAX_VALUE).stream()
                .filter(record -> afterId == null || record.id().compareTo(afterId) > 0)
                .sorted(java.util.Comparator.comparing(NumberRecord::id))
                .limit(limit)
                .toList();
    }
}
