package io.tenanttwilio.spi;

import io.tenanttwilio.audit.AuditEvent;

/**
 * Where audit events go: a log, a table, an application callback. Called on the thread that did
 * the action, after it; an implementation that may block should hand events off. Implementations
 * must be thread-safe and must not throw for an event they cannot keep (log and go on).
 */
@FunctionalInterface
public interface AuditSink {

    /** Keeps {@code event}. */
    void record(AuditEvent event);

    /** Sends every event to both sinks. */
    default AuditSink and(AuditSink other) {
        return event -> {
            record(event);
            other.record(event);
        };
    }
}
