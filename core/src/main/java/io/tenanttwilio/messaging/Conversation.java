package io.tenanttwilio.messaging;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The thread between one contact and one of the tenant's numbers: created on the first message,
 * archived when done (or when the number is released), reopened by a new message.
 *
 * <p>{@link #toString()} shows neither the preview nor the numbers. Immutable and thread-safe.
 */
public final class Conversation {

    /** Whether the conversation is in the inbox. Immutable and thread-safe. */
    public enum State {
        /** In the inbox. */
        OPEN,
        /** Out of the inbox until a new message reopens it. */
        ARCHIVED
    }

    private final String id;
    private final TenantId tenantId;
    private final Contact contact;
    private final PhoneNumber ourNumber;
    private final State state;
    private final int unreadCount;
    private final @Nullable Instant lastMessageAt;
    private final @Nullable String lastMessagePreview;
    private final Instant createdAt;

    private Conversation(Builder builder) {
        this.id = Objects.requireNonNull(builder.id, "id");
        this.tenantId = Objects.requireNonNull(builder.tenantId, "tenantId");
        this.contact = Objects.requireNonNull(builder.contact, "contact");
        this.ourNumber = Objects.requireNonNull(builder.ourNumber, "ourNumber");
        this.state = Objects.requireNonNull(builder.state, "state");
        this.unreadCount = builder.unreadCount;
        this.lastMessageAt = builder.lastMessageAt;
        this.lastMessagePreview = builder.lastMessagePreview;
        this.createdAt = Objects.requireNonNull(builder.createdAt, "createdAt");
    }

    /**
     * Starts a conversation, as a {@link io.tenanttwilio.spi.ConversationStore} builds one from what it stored.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the conversation's id, unique within the store} */
    public String id() {
        return id;
    }

    /** {@return the tenant whose conversation it is} */
    public TenantId tenantId() {
        return tenantId;
    }

    /** {@return the contact on the other side} */
    public Contact contact() {
        return contact;
    }

    /** {@return the tenant's number the contact writes to} */
    public PhoneNumber ourNumber() {
        return ourNumber;
    }

    /** {@return whether the conversation is open or archived} */
    public State state() {
        return state;
    }

    /** {@return how many inbound messages are not yet marked read} */
    public int unreadCount() {
        return unreadCount;
    }

    /** {@return when the last message was created; empty when there is none yet} */
    public Optional<Instant> lastMessageAt() {
        return Optional.ofNullable(lastMessageAt);
    }

    /**
     * {@return the beginning of the last message (80 characters with the built-in stores), for an
     * inbox; empty when there is none yet} Never logged.
     */
    public Optional<String> lastMessagePreview() {
        return Optional.ofNullable(lastMessagePreview);
    }

    /** {@return when the conversation was opened} */
    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "Conversation[" + id + ", tenant=" + tenantId + ", " + state + ", unread=" + unreadCount + "]";
    }

    /**
     * Builds a {@link Conversation}; every value is required unless said. A new conversation is
     * open, with nothing unread and no message yet. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable TenantId tenantId;
        private @Nullable Contact contact;
        private @Nullable PhoneNumber ourNumber;
        private State state = State.OPEN;
        private int unreadCount = 0;
        private @Nullable Instant lastMessageAt;
        private @Nullable String lastMessagePreview;
        private @Nullable Instant createdAt;

        private Builder() {}

        /**
         * The conversation's id, unique within the store.
         *
         * @param id the conversation's id, unique within the store
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * The tenant whose conversation it is.
         *
         * @param tenantId the tenant whose conversation it is
         * @return this builder
         */
        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * The contact on the other side.
         *
         * @param contact the contact on the other side
         * @return this builder
         */
        public Builder contact(Contact contact) {
            this.contact = contact;
            return this;
        }

        /**
         * The tenant's number the contact writes to.
         *
         * @param ourNumber the tenant's number the contact writes to
         * @return this builder
         */
        public Builder ourNumber(PhoneNumber ourNumber) {
            this.ourNumber = ourNumber;
            return this;
        }

        /**
         * Open or archived; open unless said.
         *
         * @param state open or archived
         * @return this builder
         */
        public Builder state(State state) {
            this.state = state;
            return this;
        }

        /**
         * The inbound messages not yet marked read.
         *
         * @param unreadCount the inbound messages not yet marked read
         * @return this builder
         */
        public Builder unreadCount(int unreadCount) {
            this.unreadCount = unreadCount;
            return this;
        }

        /**
         * When the last message was created.
         *
         * @param lastMessageAt when the last message was created; {@code null} if none
         * @return this builder
         */
        public Builder lastMessageAt(@Nullable Instant lastMessageAt) {
            this.lastMessageAt = lastMessageAt;
            return this;
        }

        /**
         * The beginning of the last message.
         *
         * @param lastMessagePreview the beginning of the last message; {@code null} if none
         * @return this builder
         */
        public Builder lastMessagePreview(@Nullable String lastMessagePreview) {
            this.lastMessagePreview = lastMessagePreview;
            return this;
        }

        /**
         * When the conversation was opened.
         *
         * @param createdAt when the conversation was opened
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * The conversation.
         *
         * @return the conversation
         * @throws NullPointerException when a required value is missing
         */
        public Conversation build() {
            return new Conversation(this);
        }
    }
}
