package io.tenanttwilio.sink;

import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.spi.AuditSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs audit events at INFO (failures at WARN) on {@code io.tenanttwilio.audit}. Stateless and
 * thread-safe.
 */
public final class Slf4jAuditSink implements AuditSink {

    private static final Slf4jAuditSink INSTANCE = new Slf4jAuditSink();

    /** {@return the sink; it holds no state} */
    public static Slf4jAuditSink instance() {
        return INSTANCE;
    }

    private static final Logger LOG = LoggerFactory.getLogger("io.tenanttwilio.audit");

    private Slf4jAuditSink() {}

    @Override
    public void record(AuditEvent event) {
        if (event.outcome() == AuditEvent.Outcome.FAILURE) {
            LOG.warn("{}", event);
        } else {
            LOG.info("{}", event);
        }
    }
}
