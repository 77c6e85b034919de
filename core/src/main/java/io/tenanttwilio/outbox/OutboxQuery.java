package io.tenanttwilio.outbox;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.Page;
import io.tenanttwilio.internal.support.Paging;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which of a tenant's scheduled messages to list: all, or those in one state, by their time (the
 * latest first), after a cursor. Immutable and thread-safe.
 */
public final class OutboxQuery {

    private final @Nullable OutboxState state;
    private final @Nullable Cursor after;
    private final int limit;

    private OutboxQuery(@Nullable OutboxState state, @Nullable Cursor after, int limit) {
        this.state = state;
        this.after = after;
        this.limit = limit;
    }

    /** {@return every message, in pages of {@value Page#DEFAULT_SIZE}} */
    public static OutboxQuery all() {
        return new OutboxQuery(null, null, Page.DEFAULT_SIZE);
    }

    /**
     * The messages in one state.
     *
     * @param state the state
     * @return the query of the first page
     */
    public static OutboxQuery inState(OutboxState state) {
        return new OutboxQuery(state, null, Page.DEFAULT_SIZE);
    }

    /**
     * The page after {@code cursor}.
     *
     * @param cursor the previous page's cursor; {@code null}: the first page
     * @return the query
     */
    public OutboxQuery after(@Nullable Cursor cursor) {
        return new OutboxQuery(state, cursor, limit);
    }

    /**
     * Pages of {@code size} messages.
     *
     * @param size 1 to {@value Page#MAX_SIZE}
     * @return the query
     */
    public OutboxQuery limit(int size) {
        return new OutboxQuery(state, after, Paging.size(size));
    }

    /** {@return the state listed; empty: all} */
    public Optional<OutboxState> state() {
        return Optional.ofNullable(state);
    }

    /** {@return the cursor the page starts after} */
    public Optional<Cursor> after() {
        return Optional.ofNullable(after);
    }

    /** {@return the page size} */
    public int limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "OutboxQuery[" + (state == null ? "all" : state) + ", limit " + limit + "]";
    }
}
