package io.tenanttwilio.audit;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.support.Paging;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a tenant's audit trail to list, newest first (by time, tie-broken by the order
 * of recording).
 *
 * <pre>{@code
 * client.auditTrail(AuditQuery.newestFirst().limit(30));
 * client.auditTrail(AuditQuery.newestFirst().after(request.getParameter("after")));
 * }</pre>
 *
 * <p>Each method returns a changed copy. Immutable and thread-safe.
 */
public final class AuditQuery {

    private final @Nullable Cursor after;
    private final int limit;

    private AuditQuery(@Nullable Cursor after, int limit) {
        this.after = after;
        this.limit = limit;
    }

    /**
     * The whole trail, newest event first, in pages of {@value Page#DEFAULT_SIZE}.
     *
     * @return the query of the first page
     */
    public static AuditQuery newestFirst() {
        return new AuditQuery(null, Page.DEFAULT_SIZE);
    }

    /**
     * The page after {@code cursor}.
     *
     * @param cursor the previous page's {@linkplain Page#nextCursor() cursor}; {@code null}: the
     *     first page
     * @return the changed query
     */
    public AuditQuery after(@Nullable Cursor cursor) {
        return new AuditQuery(cursor, limit);
    }

    /**
     * The page after the cursor of this text (from a URL); {@code null} or blank: the first page.
     *
     * @param cursor the text of a cursor, as {@link Cursor#toString()} wrote it
     * @return the changed query
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when it is not a cursor's text
     */
    public AuditQuery after(@Nullable String cursor) {
        return after(Paging.cursor(cursor));
    }

    /**
     * Pages of {@code size} events ({@value Page#DEFAULT_SIZE} unless said).
     *
     * @param size how many events a page has at most
     * @return the changed query
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} outside 1 to {@value
     *     Page#MAX_SIZE}
     */
    public AuditQuery limit(int size) {
        return new AuditQuery(after, Paging.size(size));
    }

    /**
     * Where the page starts.
     *
     * @return the cursor the page comes after; empty for the first page
     */
    public Optional<Cursor> after() {
        return Optional.ofNullable(after);
    }

    /**
     * The most events a page has.
     *
     * @return the page size
     */
    public int limit() {
        return limit;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditQuery q && Objects.equals(q.after, after) && q.limit == limit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(after, limit);
    }

    @Override
    public String toString() {
        return "AuditQuery[" + (after == null ? "" : "after, ") + "limit=" + limit + "]";
    }
}
