package io.tenanttwilio.spi;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;

/**
 * An {@link AuditSink} whose trail can be read back per tenant, for {@code
 * TenantTwilioClient.auditTrail}. Implementations must be thread-safe, and an event recorded must
 * be readable once {@link #record} returned.
 */
public interface AuditLog extends AuditSink {

    /**
     * One page of the tenant's events, newest first: by time, then by the order they were
     * recorded in (both descending). At most {@link AuditQuery#limit()} of them, starting after the
     * query's cursor; the page's cursor is that of its last event ({@link Cursor#of(java.time.Instant,
     * String)}: its time and an id the log gives it), present only when more follow. Paged as
     * {@link ConversationStore#conversations} is: a range of an index, every event on one page,
     * nothing of another tenant whatever the cursor, a cursor the log cannot read refused with
     * {@link io.tenanttwilio.ErrorCode#INVALID_REQUEST}.
     *
     * @param tenant the tenant whose events are listed
     * @param query from which cursor, how many
     * @return the page; empty (without cursor) when the tenant has no event past the cursor
     */
    Page<AuditEvent> events(TenantId tenant, AuditQuery query);
}
