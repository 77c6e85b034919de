/**
 * Ready sinks for audit events and alerts that write to SLF4J (the defaults). Stored sinks are
 * in {@code io.tenanttwilio.store}.
 */
@NullMarked
package io.tenanttwilio.sink;

import org.jspecify.annotations.NullMarked;
