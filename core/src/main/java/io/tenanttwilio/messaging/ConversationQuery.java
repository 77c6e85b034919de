package io.tenanttwilio.messaging;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.support.Paging;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which of a tenant's conversations to list, most recent first (by their last message, or their
 * opening when they have none; tie-broken by id), and which page:
 *
 * <pre>{@code
 * client.conversations(ConversationQuery.open());                      // the inbox
 * client.conversations(ConversationQuery.open().unreadOnly());         // what needs an answer
 * client.conversations(ConversationQuery.all().contact(patientPhone)); // a patient's, archived too
 * client.conversations(ConversationQuery.open().after(cursor).limit(20));
 * }</pre>
 *
 * <p>Each method returns a changed copy. Immutable and thread-safe; {@link #toString()} masks the
 * numbers.
 */
public final class ConversationQuery {

    private final Conversation.@Nullable State state;
    private final boolean unreadOnly;
    private final @Nullable PhoneNumber ourNumber;
    private final @Nullable PhoneNumber contact;
    private final @Nullable Cursor after;
    private final int limit;

    private ConversationQuery(
            Conversation.@Nullable State state,
            boolean unreadOnly,
            @Nullable PhoneNumber ourNumber,
            @Nullable PhoneNumber contact,
            @Nullable Cursor after,
            int limit) {
        this.state = state;
        this.unreadOnly = unreadOnly;
        this.ourNumber = ourNumber;
        this.contact = contact;
        this.after = after;
        this.limit = limit;
    }

    /**
     * The open conversations: the inbox, in pages of {@value Page#DEFAULT_SIZE}.
     *
     * @return the query of the first page
     */
    public static ConversationQuery open() {
        return new ConversationQuery(Conversation.State.OPEN, false, null, null, null, Page.DEFAULT_SIZE);
    }

    /**
     * The archived conversations only, in pages of {@value Page#DEFAULT_SIZE}.
     *
     * @return the query of the first page
     */
    public static ConversationQuery archived() {
        return new ConversationQuery(Conversation.State.ARCHIVED, false, null, null, null, Page.DEFAULT_SIZE);
    }

    /**
     * Every conversation, open or archived, in pages of {@value Page#DEFAULT_SIZE}.
     *
     * @return the query of the first page
     */
    public static ConversationQuery all() {
        return new ConversationQuery(null, false, null, null, null, Page.DEFAULT_SIZE);
    }

    /**
     * Only the conversations with messages not marked read.
     *
     * @return the changed query
     */
    public ConversationQuery unreadOnly() {
        return new ConversationQuery(state, true, ourNumber, contact, after, limit);
    }

    /**
     * Only the conversations on this one of the tenant's numbers.
     *
     * @param number one of the tenant's numbers
     * @return the changed query
     */
    public ConversationQuery ourNumber(PhoneNumber number) {
        return new ConversationQuery(
                state, unreadOnly, Objects.requireNonNull(number, "number"), contact, after, limit);
    }

    /**
     * Only the conversations with the contact of this number.
     *
     * @param number the contact's number
     * @return the changed query
     */
    public ConversationQuery contact(PhoneNumber number) {
        return new ConversationQuery(
                state, unreadOnly, ourNumber, Objects.requireNonNull(number, "number"), after, limit);
    }

    /**
     * The page after {@code cursor}.
     *
     * @param cursor the previous page's {@linkplain Page#nextCursor() cursor}; {@code null}: the
     *     first page
     * @return the changed query
     */
    public ConversationQuery after(@Nullable Cursor cursor) {
        return new ConversationQuery(state, unreadOnly, ourNumber, contact, cursor, limit);
    }

    /**
     * The page after the cursor of this text (from a URL); {@code null} or blank: the first page.
     *
     * @param cursor the text of a cursor, as {@link Cursor#toString()} wrote it
     * @return the changed query
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when it is not a cursor's text
     */
    public ConversationQuery after(@Nullable String cursor) {
        return after(Paging.cursor(cursor));
    }

    /**
     * Pages of {@code size} conversations ({@value Page#DEFAULT_SIZE} unless said).
     *
     * @param size how many conversations a page has at most
     * @return the changed query
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} outside 1 to {@value
     *     Page#MAX_SIZE}
     */
    public ConversationQuery limit(int size) {
        return new ConversationQuery(state, unreadOnly, ourNumber, contact, after, Paging.size(size));
    }

    /** {@return the state of the conversations listed; empty: both} */
    public Optional<Conversation.State> state() {
        return Optional.ofNullable(state);
    }

    /** {@return whether only conversations with unread messages are listed} */
    public boolean isUnreadOnly() {
        return unreadOnly;
    }

    /** {@return the tenant's number the conversations are on; empty: all of its numbers} */
    public Optional<PhoneNumber> ourNumber() {
        return Optional.ofNullable(ourNumber);
    }

    /** {@return the number of the contact whose conversations are listed; empty: every contact} */
    public Optional<PhoneNumber> contact() {
        return Optional.ofNullable(contact);
    }

    /** {@return where the page starts: after this cursor; empty: the first page} */
    public Optional<Cursor> after() {
        return Optional.ofNullable(after);
    }

    /** {@return the most conversations a page has} */
    public int limit() {
        return limit;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConversationQuery q
                && q.state == state
                && q.unreadOnly == unreadOnly
                && Objects.equals(q.ourNumber, ourNumber)
                && Objects.equals(q.contact, contact)
                && Objects.equals(q.after, after)
                && q.limit == limit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, unreadOnly, ourNumber, contact, after, limit);
    }

    @Override
    public String toString() {
        return "ConversationQuery[" + (state == null ? "ALL" : state) + (unreadOnly ? ", unread" : "")
                + (ourNumber == null ? "" : ", ours=" + ourNumber.masked())
                + (contact == null ? "" : ", contact=" + contact.masked()) + (after == null ? "" : ", after")
                + ", limit=" + limit + "]";
    }
}
