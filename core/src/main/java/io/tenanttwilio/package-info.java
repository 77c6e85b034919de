/**
 * The entry points of tenant-twilio: {@link io.tenanttwilio.TenantTwilio} (built once per
 * application), {@link io.tenanttwilio.TenantTwilioClient} (one tenant's view), {@link
 * io.tenanttwilio.TenantId}, the exception root and its {@link io.tenanttwilio.ErrorCode}s, and the
 * settings of the calls to Twilio.
 *
 * <p>Each capability has a package of its own: {@code phone}, {@code account}, {@code numbers},
 * {@code messaging}, {@code inbound}, {@code guardrails}, {@code audit}; {@code spi} holds what an
 * integrator implements. Types in {@code io.tenanttwilio.internal} are not API and may change in
 * any release.
 */
@NullMarked
package io.tenanttwilio;

import org.jspecify.annotations.NullMarked;
