/**
 * Spring Boot auto-configuration of tenant-twilio.
 *
 * <p>Coming next: {@code TenantTwilio} and every collaborator auto-configured, the webhook servlet
 * registered, configuration properties with IDE metadata, health and metrics.
 */
@NullMarked
package io.tenanttwilio.autoconfigure;

import org.jspecify.annotations.NullMarked;
