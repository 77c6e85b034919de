/**
 * The public API of tenant-twilio: the entry point, the per-tenant client, number provisioning,
 * webhook verification, phone-number normalization, the value types and the exception root.
 *
 * <p>Types in {@code io.tenanttwilio.internal} are not API and may change in any release.
 */
@NullMarked
package io.tenanttwilio;

import org.jspecify.annotations.NullMarked;
