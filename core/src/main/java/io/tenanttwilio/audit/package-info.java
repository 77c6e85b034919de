/**
 * The audit trail: what was done to a tenant's credentials, numbers and policy, by whom, how it
 * ended. Events are written through {@link io.tenanttwilio.spi.AuditSink} and read back through
 * {@link io.tenanttwilio.spi.AuditLog}.
 */
@NullMarked
package io.tenanttwilio.audit;

import org.jspecify.annotations.NullMarked;
