package io.tenanttwilio.spi;

import io.tenanttwilio.audit.AuditEvent;

/**
 * Where audit events go: a log, a table, an application callback. Called on the thread that did
 * the action, after it; an implementation that may block should hand events off. Implementations
 * must be thread-safe and must not throw for an event they cannot keep (log and go on).
 */
@FunctionalInterface
public interface AuditSink {

    /**
     * Keeps {@code event}. An exception is logged by the SDK and otherwise ignored: the audited
     * action is not undone.
     *
     * @param event what was done, by whom, to which tenant, and how it ended
     */
    void record(AuditEvent event);

    /**
     * Sends every event to this sink, then to {@code other}.
     *
     * @param other the second sink
     * @return a sink that records in both
     */
    default AuditSink and(AuditSink other) {
        return event -> {
            record(event);
            other.record(event);
        };
    }
}
