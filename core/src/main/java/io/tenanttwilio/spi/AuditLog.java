package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.audit.AuditEvent;
import java.util.List;

/** An {@link AuditSink} whose trail can be read back per tenant. Thread-safe. */
public interface AuditLog extends AuditSink {

    /** The tenant's events, newest first. */
    List<AuditEvent> events(TenantId tenant, int offset, int limit);
}
