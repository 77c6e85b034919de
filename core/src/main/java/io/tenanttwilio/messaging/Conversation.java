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

    /**
     * A conversation as stored; the SDK and the {@link io.tenanttwilio.spi.ConversationStore}
     * create them, applications only in tests.
     *
     * @param id the conversation's id, unique within the store
     * @param tenantId the tenant whose conversation it is
     * @param contact the contact on the other side
     * @param ourNumber the tenant's number the contact writes to
     * @param state open or archived
     * @param unreadCount the inbound messages not yet marked read
     * @param lastMessageAt when the last message was created; {@code null} if none yet
     * @param lastMessagePreview the beginning of the last message; {@code null} if none yet
     * @param createdAt when the conversation was opened
     */
    public Conversation(
            String id,
            TenantId tenantId,
            Contact contact,
            PhoneNumber ourNumber,
            State state,
            int unreadCount,
            @Nullable Instant lastMessageAt,
            @Nullable String lastMessagePreview,
            Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.contact = Objects.requireNonNull(contact, "contact");
        this.ourNumber = Objects.requireNonNull(ourNumber, "ourNumber");
        this.state = Objects.requireNonNull(state, "state");
        this.unreadCount = unreadCount;
        this.lastMessageAt = lastMessageAt;
        this.lastMessagePreview = lastMessagePreview;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
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
}
