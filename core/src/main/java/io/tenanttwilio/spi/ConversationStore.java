package io.tenanttwilio.spi;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's conversations, their messages, and who opted out of which sender. Every method takes
 * the tenant and never returns another tenant's data.
 *
 * <p>Each change is atomic and safe with several application instances: a message's Twilio SID
 * is stored once ({@link #insertMessage}), and a status only moves forward ({@link
 * #updateStatus}). Implementations must be thread-safe.
 */
public interface ConversationStore {

    /**
     * The conversation between {@code contact} and {@code ourNumber}, created if there is none and
     * reopened if archived. Atomic: concurrent calls, on any instance, for the same pair get the
     * same conversation.
     *
     * @param tenant the tenant
     * @param contact the tenant's contact
     * @param ourNumber one of the tenant's numbers
     * @param now the time of a conversation created
     * @return the open conversation, found, reopened or created
     */
    Conversation openConversation(TenantId tenant, Contact contact, PhoneNumber ourNumber, Instant now);

    /**
     * What {@link #receive} did: the sender as a contact, the conversation, the message, and whether
     * the message was stored ({@code false}: a webhook delivered twice, the message not stored again).
     * Immutable and thread-safe.
     *
     * @param contact the sender, found or created
     * @param conversation the sender's conversation with the receiving number, open
     * @param message the message as made for that conversation
     * @param stored whether the message was stored now; {@code false} when its Twilio SID already
     *     was
     */
    record Received(Contact contact, Conversation conversation, SmsMessage message, boolean stored) {}

    /**
     * Stores an inbound message with the contact and the conversation it belongs to: the sender
     * found or created in {@code contacts}, its conversation with {@code ourNumber} opened ({@link
     * #openConversation}), then the message that {@code message} makes for that conversation
     * inserted as by {@link #insertMessage}.
     *
     * <p>The default makes those three calls in turn; each is atomic and safe to repeat, so a
     * failure part-way is repaired by Twilio's retry of the webhook. A store that shares its
     * database with {@code contacts} should do all three in one transaction, as the JDBC store
     * does: one commit per inbound message instead of three.
     *
     * @param contacts the directory the sender is found or created in
     * @param tenant the receiving tenant
     * @param from the sender's number
     * @param ourNumber the tenant's number that received the message
     * @param now the time of the contact and conversation created
     * @param message makes the message once its conversation is known
     * @return what was found, created and stored
     */
    default Received receive(
            ContactDirectory contacts,
            TenantId tenant,
            PhoneNumber from,
            PhoneNumber ourNumber,
            Instant now,
            Function<Conversation, SmsMessage> message) {
        Contact contact = contacts.findOrCreate(tenant, from);
        Conversation conversation = openConversation(tenant, contact, ourNumber, now);
        SmsMessage made = message.apply(conversation);
        return new Received(contact, conversation, made, insertMessage(made));
    }

    /**
     * The tenant's conversation with this id.
     *
     * @param tenant the tenant
     * @param conversationId the conversation's id
     * @return the conversation; empty when the tenant has none with this id (another tenant's
     *     conversation included)
     */
    Optional<Conversation> conversation(TenantId tenant, String conversationId);

    /**
     * Stores a new message in its conversation (bumping the conversation, and its unread count for
     * an inbound message). Returns {@code false}, storing nothing, when a message with the same
     * Twilio SID is already stored for the tenant: a webhook delivered twice. Atomic: of
     * concurrent inserts of one SID, on any instance, exactly one returns {@code true}.
     *
     * @param message a new message of one of its tenant's conversations
     * @return whether it was stored
     * @throws IllegalArgumentException when its conversation is not one of its tenant's (a store
     *     may fail otherwise)
     */
    boolean insertMessage(SmsMessage message);

    /**
     * Replaces the stored message of the same id (an outbound message once Twilio answered). If
     * status callbacks for its Twilio SID arrived before it was known ({@link #updateStatus}), the
     * most advanced of them is applied.
     *
     * @param message the message, with the id of one stored for the same tenant
     * @return the message as stored; empty when the tenant had no message with this id
     */
    Optional<SmsMessage> replaceMessage(SmsMessage message);

    /**
     * Moves the message with this Twilio SID to {@code status}, only if that is forward ({@link
     * MessageStatus#rank()}), in one conditional update: of concurrent callbacks, the most
     * advanced status wins whatever their order. Error code, price and segments are recorded when
     * given; a price is recorded even with a status that is not forward, if none was. A status for
     * a SID not stored yet (a callback faster than the send's own answer) is kept and applied by
     * {@link #replaceMessage}.
     *
     * @param tenant the tenant
     * @param twilioSid the message's Twilio SID
     * @param status the status Twilio reported
     * @param errorCode Twilio's error code; {@code null} to keep the one recorded
     * @param price Twilio's price; {@code null} to keep the one recorded
     * @param segments the segments; {@code null} to keep those recorded
     * @param now the time of the change
     * @return the updated message; empty when nothing changed (not forward, no new price) or the
     *     SID is not stored yet
     */
    Optional<SmsMessage> updateStatus(
            TenantId tenant,
            String twilioSid,
            MessageStatus status,
            @Nullable Integer errorCode,
            @Nullable BigDecimal price,
            @Nullable Integer segments,
            Instant now);

    /**
     * The tenant's message with this Twilio SID.
     *
     * @param tenant the tenant
     * @param twilioSid the message's Twilio SID
     * @return the message; empty when the tenant has none with this SID
     */
    Optional<SmsMessage> findByTwilioSid(TenantId tenant, String twilioSid);

    /**
     * One page of the tenant's conversations that {@code query} selects, the most recent first:
     * by the time of their last message, or of their opening when they have none, then by id
     * (both descending). At most {@link ConversationQuery#limit()} of them, starting after the
     * query's cursor; the page's cursor is that of its last conversation ({@link Cursor#of(Instant,
     * String)}: that time and id), present only when more conversations follow.
     *
     * <p>A page must cost what the first one costs, whatever its depth: a range of an index from
     * the cursor on, not an offset. Every conversation appears on exactly one page, even when
     * several share a time. A cursor is only a position: one from another tenant's pages must show
     * nothing of that tenant. A cursor the store cannot read (no time, an id it could not have
     * made) is refused with {@link io.tenanttwilio.ErrorCode#INVALID_REQUEST}, never with a
     * failure of the store.
     *
     * @param tenant the tenant
     * @param query which conversations, from which cursor, how many
     * @return the page; empty (without cursor) when none matches past the cursor
     */
    Page<Conversation> conversations(TenantId tenant, ConversationQuery query);

    /**
     * One page of the tenant's messages that {@code query} selects (a conversation's, or those
     * created in a time window), newest first: by creation time, then by id (both descending),
     * paged as {@link #conversations(TenantId, ConversationQuery)} is. A conversation that is not
     * the tenant's has no messages.
     *
     * @param tenant the tenant
     * @param query which messages, from which cursor, how many
     * @return the page; empty (without cursor) when none matches past the cursor
     */
    Page<SmsMessage> messages(TenantId tenant, MessageQuery query);

    /**
     * One of the tenant's messages, by the id the SDK gave it (the outbox looks up what became of
     * a message whose sending instance died).
     *
     * @param tenant the tenant
     * @param messageId the message's id
     * @return the message, if stored for this tenant
     * @throws UnsupportedOperationException when the store cannot look a message up by id (the
     *     outbox then asks Twilio)
     */
    default Optional<SmsMessage> message(TenantId tenant, String messageId) {
        throw new UnsupportedOperationException("This conversation store cannot find a message by id");
    }

    /**
     * Sets the conversation's unread count to zero; does nothing when the tenant has no
     * conversation with this id.
     *
     * @param tenant the tenant
     * @param conversationId the conversation's id
     */
    void markRead(TenantId tenant, String conversationId);

    /**
     * Archives the conversation; a new message reopens it. Does nothing when the tenant has no
     * conversation with this id.
     *
     * @param tenant the tenant
     * @param conversationId the conversation's id
     */
    void archive(TenantId tenant, String conversationId);

    /**
     * Archives every open conversation of one of the tenant's numbers (the number is released).
     *
     * @param tenant the tenant
     * @param ourNumber one of the tenant's numbers
     * @return how many conversations were archived; 0 when none was open
     */
    int archiveAll(TenantId tenant, PhoneNumber ourNumber);

    /**
     * Records that {@code contact} opted out of (or back in to) messages from {@code sender} (one
     * of the tenant's numbers in E.164, or a Messaging Service SID). Recording the same choice
     * again changes nothing.
     *
     * @param tenant the tenant
     * @param contact the contact's number
     * @param sender the sender opted out of
     * @param optedOut {@code true} for STOP, {@code false} for START
     * @param at when the contact said so
     */
    void setOptedOut(TenantId tenant, PhoneNumber contact, String sender, boolean optedOut, Instant at);

    /**
     * Whether {@code contact} opted out of messages from {@code sender}. Called before every send:
     * an indexed lookup.
     *
     * @param tenant the tenant
     * @param contact the contact's number
     * @param sender one of the tenant's numbers in E.164, or a Messaging Service SID
     * @return whether the last choice recorded is an opt-out; {@code false} when none was
     */
    boolean isOptedOut(TenantId tenant, PhoneNumber contact, String sender);

    /**
     * Counts the tenant's messages created in {@code [from, to)}: for usage reports. The default
     * throws.
     *
     * @param tenant the tenant
     * @param from the start, included
     * @param to the end, excluded
     * @return the counts, segments, outcomes and cost; all zero when there was no message
     * @throws UnsupportedOperationException when the store cannot (the built-in stores can)
     */
    default MessageUsage usage(TenantId tenant, Instant from, Instant to) {
        throw new UnsupportedOperationException(getClass().getName() + " does not count usage");
    }

    /**
     * The tenant's outbound messages created in {@code [from, to)} that Twilio accepted (they have a
     * SID) but whose final status or price is still unknown, oldest first: for the reconciliation
     * job, since Twilio does not guarantee status callbacks. The default throws.
     *
     * @param tenant the tenant
     * @param from the start, included
     * @param to the end, excluded
     * @param limit the most messages returned
     * @return up to {@code limit} messages; empty when none is unsettled
     * @throws UnsupportedOperationException when the store cannot (the built-in stores can)
     */
    default List<SmsMessage> unsettled(TenantId tenant, Instant from, Instant to, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " does not list unsettled messages");
    }
}
