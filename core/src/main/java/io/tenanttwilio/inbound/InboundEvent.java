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
 */
public final class InboundEvent {

    private final TenantId tenant;
    private final SmsMessage message;
    private final Conversation conversation;
    private final Contact contact;
    private final @Nullable Keyword keyword;

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

    public TenantId tenant() {
        return tenant;
    }

    public SmsMessage message() {
        return message;
    }

    public Conversation conversation() {
        return conversation;
    }

    public Contact contact() {
        return contact;
    }

    /** Whether the message was an opt-out, opt-in or help keyword. */
    public Optional<Keyword> keyword() {
        return Optional.ofNullable(keyword);
    }

    @Override
    public String toString() {
        return "InboundEvent[" + tenant + ", " + message + (keyword == null ? "" : ", " + keyword) + "]";
    }
}
