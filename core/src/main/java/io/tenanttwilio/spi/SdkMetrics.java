package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import java.time.Duration;

/**
 * What the SDK measures: sends, inbound messages, webhook handling, purchases, quota use. The
 * Spring Boot starter records them with Micrometer; the default records nothing. Tags stay
 * bounded: never a phone number; the tenant only if an implementation chooses to (opt-in).
 * Every method does nothing unless overridden. Called on the thread that did the work;
 * implementations must be thread-safe, quick, and must not throw.
 */
public interface SdkMetrics {

    /** Records nothing. */
    SdkMetrics NOOP = new SdkMetrics() {};

    /**
     * A send ended.
     *
     * @param tenant the sending tenant
     * @param outcome {@code sent}, or the name of the {@link io.tenanttwilio.ErrorCode} it failed
     *     with
     * @param took how long the send took, Twilio's answer included
     */
    default void messageSent(TenantId tenant, String outcome, Duration took) {}

    /**
     * An inbound message was stored (once per message: not for a webhook delivered twice).
     *
     * @param tenant the receiving tenant
     */
    default void messageReceived(TenantId tenant) {}

    /**
     * A webhook was answered.
     *
     * @param kind {@code sms}, {@code status}, or {@code other} for an unknown path
     * @param status the HTTP status answered (200, 400, 403, 503)
     * @param took how long the handling took
     */
    default void webhookHandled(String kind, int status, Duration took) {}

    /**
     * A purchase ended.
     *
     * @param tenant the buying tenant
     * @param outcome the number's state in lower case ({@code active}, {@code needs_attention},
     *     {@code released}…), or the name of the {@link io.tenanttwilio.ErrorCode} it failed with
     */
    default void purchase(TenantId tenant, String outcome) {}

    /**
     * A send took quota from a period with a limit.
     *
     * @param tenant the sending tenant
     * @param period {@code day} or {@code month}
     * @param used the period's use, this send included (messages or segments, as the policy counts)
     * @param limit the period's limit, in the same unit
     */
    default void quotaUsed(TenantId tenant, String period, long used, long limit) {}

    /**
     * A send was refused by the quota of {@code period}.
     *
     * @param tenant the sending tenant
     * @param period {@code day} or {@code month}
     */
    default void quotaRefused(TenantId tenant, String period) {}

    /**
     * An outbound message's delivery failed, as a status callback or the reconciliation said.
     *
     * @param tenant the sending tenant
     * @param errorCode Twilio's error code (30003…); 0 when Twilio gave none
     */
    default void deliveryFailed(TenantId tenant, int errorCode) {}

    /**
     * The outbox decided what became of a scheduled message.
     *
     * @param tenant the tenant
     * @param outcome {@code sent}, {@code failed}, {@code expired}, {@code deferred} (quiet hours,
     *     throttling) or {@code recovered} (an expired claim resolved)
     * @param waited how long after its due time it left (for {@code sent}); zero otherwise
     */
    default void outboxDispatched(TenantId tenant, String outcome, Duration waited) {}

    /**
     * Twilio answered 429 (too many concurrent requests) to the outbox: the tenant's account
     * waits, on every instance.
     *
     * @param tenant the tenant
     * @param backoff how long it waits
     */
    default void outboxThrottled(TenantId tenant, Duration backoff) {}

    /**
     * A tenant's outbox backlog, as the dispatcher last read it.
     *
     * @param tenant the tenant
     * @param due messages due and not yet sent
     * @param oldestWait how long the oldest of them has waited
     * @param drainTime how long they take to leave at the senders' pace
     */
    default void outboxBacklog(TenantId tenant, long due, Duration oldestWait, Duration drainTime) {}
}
