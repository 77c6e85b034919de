/**
 * The SDK's metrics with Micrometer: {@link io.tenanttwilio.micrometer.MicrometerMetrics}, passed to
 * {@code TenantTwilio.builder().metrics(…)} (the Spring Boot starter does it when Micrometer is
 * present).
 */
@NullMarked
package io.tenanttwilio.micrometer;

import org.jspecify.annotations.NullMarked;
