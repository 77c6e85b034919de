package io.tenanttwilio.store.memory;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.spi.AuditLog;
import java.util.ArrayList;
import java.util.List;

/** An {@link AuditLog} that keeps events in memory, for tests and demos. Thread-safe. */
public final class InMemoryAuditSink implements AuditLog {

    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(AuditEvent event) {
        events.add(event);
    }

    /** Every event, oldest first. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /** The events of {@code tenant}, oldest first. */
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
    public synchronized List<AuditEvent> events(TenantId tenant, int offset, int limit) {
        List<AuditEvent> newestFirst = new ArrayList<>(events(tenant));
        java.util.Collections.reverse(newestFirst);
        int from = Math.min(Math.max(offset, 0), newestFirst.size());
        int to = Math.min(from + Math.max(limit, 0), newestFirst.size());
        return List.copyOf(newestFirst.subList(from, to));
    }

    /** Forgets every event. */
    public synchronized void clear() {
        events.clear();
    }
}
