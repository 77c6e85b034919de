package io.tenanttwilio.messaging;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.support.Paging;
import io.tenanttwilio.internal.text.Problems;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which of a tenant's messages to list, newest first (by creation, tie-broken by id), and which
 * page: a conversation's thread, or every conversation's messages of a time window.
 *
 * <pre>{@code
 * client.messages(MessageQuery.inConversation(conversationId));
 * client.messages(MessageQuery.between(monday, tuesday).limit(200));
 * }</pre>
 *
 * <p>Each method returns a changed copy. Immutable and thread-safe.
 */
public final class MessageQuery {

    private final @Nullable String conversationId;
    private final @Nullable Instant from;
    private final @Nullable Instant to;
    private final @Nullable Cursor after;
    private final int limit;

    private MessageQuery(
            @Nullable String conversationId,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable Cursor after,
            int limit) {
        this.conversationId = conversationId;
        this.from = from;
        this.to = to;
        this.after = after;
        this.limit = limit;
    }

    /**
     * The messages of one of the tenant's conversations (none when it is not the tenant's), in
     * pages of {@value Page#DEFAULT_SIZE}.
     *
     * @param conversationId the conversation's id ({@link Conversation#id()})
     * @return the query of the first page
     */
    public static MessageQuery inConversation(String conversationId) {
        return new MessageQuery(
                Objects.requireNonNull(conversationId, "conversationId"), null, null, null, Page.DEFAULT_SIZE);
    }

    /**
     * The tenant's messages created from {@code from} (included) to {@code to} (excluded), in
     * every conversation, in pages of {@value Page#DEFAULT_SIZE}.
     *
     * @param from the earliest creation time listed, included
     * @param to the end of the window, excluded
     * @return the query of the first page
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when {@code to} is not after
     *     {@code from}
     */
    public static MessageQuery between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .detail("messages.window")
                    .build();
        }
        return new MessageQuery(null, from, to, null, Page.DEFAULT_SIZE);
    }

    /**
     * The page after {@code cursor}.
     *
     * @param cursor the previous page's {@linkplain Page#nextCursor() cursor}; {@code null}: the
     *     first page
     * @return the changed query
     */
    public MessageQuery after(@Nullable Cursor cursor) {
        return new MessageQuery(conversationId, from, to, cursor, limit);
    }

    /**
     * The page after the cursor of this text (from a URL); {@code null} or blank: the first page.
     *
     * @param cursor the text of a cursor, as {@link Cursor#toString()} wrote it
     * @return the changed query
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when it is not a cursor's text
     */
    public MessageQuery after(@Nullable String cursor) {
        return after(Paging.cursor(cursor));
    }

    /**
     * Pages of {@code size} messages ({@value Page#DEFAULT_SIZE} unless said).
     *
     * @param size how many messages a page has at most
     * @return the changed query
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} outside 1 to {@value
     *     Page#MAX_SIZE}
     */
    public MessageQuery limit(int size) {
        return new MessageQuery(conversationId, from, to, after, Paging.size(size));
    }

    /** {@return the conversation whose messages are listed; empty: every conversation} */
    public Optional<String> conversationId() {
        return Optional.ofNullable(conversationId);
    }

    /** {@return the earliest creation time listed (included); empty: the query has no window} */
    public Optional<Instant> from() {
        return Optional.ofNullable(from);
    }

    /** {@return the creation time the window ends at (excluded); empty: the query has no window} */
    public Optional<Instant> to() {
        return Optional.ofNullable(to);
    }

    /** {@return where the page starts: after this cursor; empty: the first page} */
    public Optional<Cursor> after() {
        return Optional.ofNullable(after);
    }

    /** {@return the most messages a page has} */
    public int limit() {
        return limit;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageQuery q
                && Objects.equals(q.conversationId, conversationId)
                && Objects.equals(q.from, from)
                && Objects.equals(q.to, to)
                && Objects.equals(q.after, after)
                && q.limit == limit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(conversationId, from, to, after, limit);
    }

    @Override
    public String toString() {
        return "MessageQuery["
                + (conversationId == null ? "from " + from + " to " + to : "conversation " + conversationId)
                + (after == null ? "" : ", after") + ", limit=" + limit + "]";
    }
}
