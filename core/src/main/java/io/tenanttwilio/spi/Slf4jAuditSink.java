package io.tenanttwilio.spi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs audit events at INFO (failures at WARN) on {@code io.tenanttwilio.audit}. */
final class Slf4jAuditSink implements AuditSink {

    static final Slf4jAuditSink INSTANCE = new Slf4jAuditSink();
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
