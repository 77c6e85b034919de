package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.outbox.Consent;
import io.tenanttwilio.outbox.OutboxBacklog;
import io.tenanttwilio.outbox.OutboxQuery;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the outbox's scheduled messages, the senders' pace and the contacts' consents are kept.
 * Built-ins: {@code JdbcStores} (PostgreSQL, H2) and {@code InMemoryStores}.
 *
 * <p>Everything that must hold across instances is atomic here: a client key is stored once per
 * tenant; a change is a compare-and-set on the message's {@linkplain ScheduledMessage#version()
 * version}; a {@linkplain #claim claim} takes a tenant's due messages, gives each a slot at its
 * sender's pace and a lease, and moves the senders' next slots, in one transaction that two
 * instances never run at once for the same tenant (the second finds nothing to claim rather than
 * waiting). Implementations must be thread-safe and keep every tenant's data apart.
 */
public interface OutboxStore {

    /**
     * Stores a new message unless the tenant has one with its client key, and makes its sender
     * known to the pace (its next slot: now).
     *
     * @param message the message, in state {@link OutboxState#SCHEDULED}, version 0
     * @return the message stored: {@code message}, or the one stored before with the same key
     */
    ScheduledMessage insertIfAbsent(ScheduledMessage message);

    /**
     * The tenant's message with this client key.
     *
     * @param tenant the tenant
     * @param clientKey the key
     * @return the message, if stored
     */
    Optional<ScheduledMessage> find(TenantId tenant, String clientKey);

    /**
     * Replaces {@code current} by {@code next} (same id and tenant) if the stored message still
     * has {@code current}'s version; the stored one gets the next version.
     *
     * @param current the message as read
     * @param next what it becomes
     * @return {@code next} as stored (its version one more), or empty when the stored message
     *     changed since it was read (or is gone)
     */
    Optional<ScheduledMessage> update(ScheduledMessage current, ScheduledMessage next);

    /**
     * A page of the tenant's messages: those of the query's state (or all), ordered by their time
     * ({@link ScheduledMessage#sendAt()}) then id, the latest first, after the query's cursor
     * (time and id of the last message of the previous page), at most {@code query.limit() + 1}
     * of them (the extra one says that a next page exists).
     *
     * @param tenant the tenant
     * @param query the state, the cursor and the page size
     * @return the messages
     */
    List<ScheduledMessage> list(TenantId tenant, OutboxQuery query);

    /**
     * The tenants with work for a dispatcher at {@code now}: a scheduled message due, or a claim
     * whose lease expired; the longest waiting first. Across tenants, keys only.
     *
     * @param now the moment
     * @param limit the most tenants
     * @return the tenants
     */
    List<TenantId> tenantsDue(Instant now, int limit);

    /**
     * Claims the tenant's due messages for one instance, in one transaction: nothing when the
     * tenant is {@linkplain #throttle throttled} until after {@code now}, or when another
     * instance is claiming for it at the same moment. Otherwise the scheduled messages due by
     * {@code now}, the oldest first, each sender's in turn: a message takes its sender's next
     * slot (not before {@code now}) if that slot is within the horizon, and the sender's next
     * slot moves on by the message's {@linkplain OutboxClaim#slotLength length}; a message that
     * would wait longer stays scheduled. At most {@code maxMessages}, and no more than leave the
     * tenant {@code maxInFlight} claimed messages with a live lease. A claimed message is {@link
     * OutboxState#CLAIMED} with the owner, its slot, a lease until its slot plus the lease's
     * length, one more attempt, a message id (a new one when it had none) and the next version.
     *
     * @param claim the tenant, the moment, the owner and the limits
     * @return the messages claimed, by their slot
     */
    List<ScheduledMessage> claim(OutboxClaim claim);

    /**
     * The tenant's claimed messages whose lease ended before {@code now}: their instance died or
     * lost touch, and they must be resolved (found sent, or scheduled again) before anything else
     * happens to them.
     *
     * @param tenant the tenant
     * @param now the moment
     * @param limit the most messages
     * @return the messages, the oldest lease first
     */
    List<ScheduledMessage> expiredClaims(TenantId tenant, Instant now, int limit);

    /**
     * Holds the tenant's claims until {@code until} (Twilio answered 429), for every instance;
     * an earlier hold than the one stored changes nothing.
     *
     * @param tenant the tenant
     * @param until the moment claims may resume
     */
    void throttle(TenantId tenant, Instant until);

    /**
     * What the tenant has waiting at {@code now}: messages scheduled, those due (and their
     * segments), the oldest due time and the earliest expiry of the due ones; the senders' pace
     * is left at 0 for the caller to fill in.
     *
     * @param tenant the tenant
     * @param now the moment
     * @return the backlog
     */
    OutboxBacklog backlog(TenantId tenant, Instant now);

    /**
     * Records a contact's consent, replacing the one recorded before for the same number.
     *
     * @param consent the consent
     */
    void saveConsent(Consent consent);

    /**
     * The consent recorded for a contact.
     *
     * @param tenant the tenant
     * @param number the contact's number
     * @return the consent, if one was recorded
     */
    Optional<Consent> findConsent(TenantId tenant, PhoneNumber number);
}
