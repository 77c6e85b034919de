/**
 * The outbox: messages scheduled for a time (appointment reminders), kept durably, and sent by a
 * dispatcher that paces them at the carriers' rates, holds them out of the recipient's quiet
 * hours, checks consent, and never sends one twice, across every instance sharing the store.
 * Reached with {@code TenantTwilio.outbox()}; the implementation is in {@code
 * io.tenanttwilio.internal.outbox}.
 */
@NullMarked
package io.tenanttwilio.outbox;

import org.jspecify.annotations.NullMarked;
