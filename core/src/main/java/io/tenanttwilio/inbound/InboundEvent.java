package io.tenanttwilio.inbound;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.SmsMessage;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A new inbound message, already stored: the tenant, the message, its conversation and contact,
 * and the keyword it was, if any. {@link #toString()} hides the body.
 *
 * <p>Immutable and thread-safe.
 */
public final class InboundEvent {

    private final TenantId tenant;
    private final SmsMessage message;
    private final Conversation conversation;
    private final Contact contact;
    private final @Nullable Keyword keyword;

    /**
     * An event; the SDK creates them, applications create them only in tests.
     *
     * @param tenant the tenant that received the message
     * @param message the message, as stored
     * @param conversation the conversation it belongs to
     * @param contact the contact who sent it
     * @param keyword the keyword it was, or {@code null} when it was none
     */
    public InboundEvent(
            TenantId tenant,
            SmsMessage message,
            Conversation conversation,
            Contact contact,
            @Nullable Keyword keyword) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.message = Objects.requireNonNull(message, "message");
        this.conversation = Objects.requireNonNull(conversation, "conversation");
        this.contact = Objects.requireNonNull(contact, "contact");
        this.keyword = keyword;
    }

    /** {@return the tenant that received the message} */
    public TenantId tenant() {
        return tenant;
    }

    /** {@return the message, as stored} */
    public SmsMessage message() {
        return message;
    }

    /** {@return the conversation the message belongs to} */
    public Conversation conversation() {
        return conversation;
    }

    /** {@return the contact who sent the message} */
    public Contact contact() {
        return contact;
    }

    /**
     * {@return the keyword the message was (opt-out, opt-in or help), or empty when it was none; an
     * opt-out or opt-in is already recorded}
     */
    public Optional<Keyword> keyword() {
        return Optional.ofNullable(keyword);
    }

    @Override
    public String toString() {
        return "InboundEvent[" + tenant + ", " + message + (keyword == null ? "" : ", " + keyword) + "]";
    }
}
