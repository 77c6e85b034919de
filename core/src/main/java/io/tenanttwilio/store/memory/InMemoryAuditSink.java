package io.tenanttwilio.store.memory;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.internal.support.Paging;
import io.tenanttwilio.spi.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An {@link AuditLog} that keeps events in memory, for tests and demos. Thread-safe. */
public final class InMemoryAuditSink implements AuditLog {

    /** An event and its place in the order of recording: the id of its cursor. */
    private record Recorded(AuditEvent event, long sequence) {
        Cursor cursor() {
            return Cursor.of(event.at(), Long.toString(sequence));
        }
    }

    private static final Comparator<Recorded> NEWEST_FIRST = Comparator.comparing(
                    (Recorded r) -> r.event().at())
            .thenComparingLong(Recorded::sequence)
            .reversed();

    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(AuditEvent event) {
        events.add(event);
    }

    /** {@return every event recorded, oldest first, platform events included (a copy)} */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /**
     * The events of {@code tenant}, oldest first.
     *
     * @param tenant the tenant
     * @return its events (a copy); empty when none
     */
    public synchronized List<AuditEvent> events(TenantId tenant) {
        List<AuditEvent> result = new ArrayList<>();
        for (AuditEvent event : events) {
            if (event.tenantId().map(tenant::equals).orElse(false)) {
                result.add(event);
            }
        }
        return result;
    }

    @Override
    public synchronized Page<AuditEvent> events(TenantId tenant, AuditQuery query) {
        Cursor after = query.after().orElse(null);
        Instant afterTime = after == null ? Instant.MAX : after.time();
        long afterSequence = after == null ? Long.MAX_VALUE : sequence(after.id());
        List<Recorded> rows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = events.get(i);
            int byTime = event.at().compareTo(afterTime);
            if (event.tenantId().map(tenant::equals).orElse(false)
                    && (byTime < 0 || (byTime == 0 && i < afterSequence))) {
                rows.add(new Recorded(event, i));
            }
        }
        rows.sort(NEWEST_FIRST);
        return Paging.page(rows, query.limit(), Recorded::event, Recorded::cursor);
    }

    private static long sequence(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Paging.invalidCursor();
        }
    }

    /** Forgets every event. */
    public synchronized void clear() {
        events.clear();
    }
}
