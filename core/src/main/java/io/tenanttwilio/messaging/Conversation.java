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

    /** Whether the conversation is in the inbox. */
    public enum State {
        OPEN,
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

    public String id() {
        return id;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public Contact contact() {
        return contact;
    }

    /** The tenant's number the contact writes to. */
    public PhoneNumber ourNumber() {
        return ourNumber;
    }

    public State state() {
        return state;
    }

    /** Inbound messages not yet marked read. */
    public int unreadCount() {
        return unreadCount;
    }

    public Optional<Instant> lastMessageAt() {
        return Optional.ofNullable(lastMessageAt);
    }

    /** The beginning of the last message, for an inbox; never logged. */
    public Optional<String> lastMessagePreview() {
        return Optional.ofNullable(lastMessagePreview);
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "Conversation[" + id + ", tenant=" + tenantId + ", " + state + ", unread=" + unreadCount + "]";
    }
}
