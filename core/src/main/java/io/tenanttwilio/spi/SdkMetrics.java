package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import java.time.Duration;

/**
 * What the SDK measures: sends, inbound messages, webhook handling, purchases, quota use. The
 * Spring Boot starter records them with Micrometer; the default records nothing. Tags stay
 * bounded: never a phone number; the tenant only if an implementation chooses to (opt-in).
 * Implementations must be thread-safe and quick.
 */
public interface SdkMetrics {

    /** Records nothing. */
    SdkMetrics NOOP = new SdkMetrics() {};

    /** A send ended: {@code outcome} is {@code sent} or the error code's name. */
    default void messageSent(TenantId tenant, String outcome, Duration took) {}

    /** An inbound message was stored. */
    default void messageReceived(TenantId tenant) {}

    /** A webhook was answered: {@code kind} is {@code sms} or {@code status}. */
    default void webhookHandled(String kind, int status, Duration took) {}

    /** A purchase ended: {@code outcome} is {@code active}, {@code needs_attention}, {@code released} or an error code's name. */
    default void purchase(TenantId tenant, String outcome) {}

    /** A send took quota: {@code period} is {@code day} or {@code month}; {@code used} counts it. */
    default void quotaUsed(TenantId tenant, String period, long used, long limit) {}

    /** A send was refused by the quota of {@code period}. */
    default void quotaRefused(TenantId tenant, String period) {}

    /** A message's delivery failed with {@code errorCode}. */
    default void deliveryFailed(TenantId tenant, int errorCode) {}
}
