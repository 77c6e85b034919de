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

    private InboundEvent(Builder b) {
        this.tenant = Objects.requireNonNull(b.tenant, "tenant");
        this.message = Objects.requireNonNull(b.message, "message");
        this.conversation = Objects.requireNonNull(b.conversation, "conversation");
        this.contact = Objects.requireNonNull(b.contact, "contact");
        this.keyword = b.keyword;
    }

    /**
     * Starts an event; the SDK makes them, applications only in tests. The tenant, the message, the
     * conversation and the contact must be set; the message was no keyword unless set.
     *
     * <pre>{@code
     * InboundEvent event = InboundEvent.builder()
     *         .tenant(tenant)
     *         .message(message)
     *         .conversation(conversation)
     *         .contact(contact)
     *         .build();
     * }</pre>
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
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

    /** The tenant, the message as its own {@code toString} shows it (no body), and the keyword. */
    @Override
    public String toString() {
        return "InboundEvent[" + tenant + ", " + message + (keyword == null ? "" : ", " + keyword) + "]";
    }

    /** Builds an {@link InboundEvent}. Not thread-safe. */
    public static final class Builder {
        private @Nullable TenantId tenant;
        private @Nullable SmsMessage message;
        private @Nullable Conversation conversation;
        private @Nullable Contact contact;
        private @Nullable Keyword keyword;

        private Builder() {}

        /**
         * Sets {@link InboundEvent#tenant()}.
         *
         * @param tenant the tenant that received the message
         * @return this builder
         */
        public Builder tenant(TenantId tenant) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            return this;
        }

        /**
         * Sets {@link InboundEvent#message()}.
         *
         * @param message the message, as stored
         * @return this builder
         */
        public Builder message(SmsMessage message) {
            this.message = Objects.requireNonNull(message, "message");
            return this;
        }

        /**
         * Sets {@link InboundEvent#conversation()}.
         *
         * @param conversation the conversation the message belongs to
         * @return this builder
         */
        public Builder conversation(Conversation conversation) {
            this.conversation = Objects.requireNonNull(conversation, "conversation");
            return this;
        }

        /**
         * Sets {@link InboundEvent#contact()}.
         *
         * @param contact the contact who sent the message
         * @return this builder
         */
        public Builder contact(Contact contact) {
            this.contact = Objects.requireNonNull(contact, "contact");
            return this;
        }

        /**
         * Sets {@link InboundEvent#keyword()}; none by default.
         *
         * @param keyword the keyword the message was, or {@code null} when it was none
         * @return this builder
         */
        public Builder keyword(@Nullable Keyword keyword) {
            this.keyword = keyword;
            return this;
        }

        /**
         * Builds the event.
         *
         * @return the event, immutable
         * @throws NullPointerException if the tenant, the message, the conversation or the contact
         *     is missing
         */
        public InboundEvent build() {
            return new InboundEvent(this);
        }
    }
}
