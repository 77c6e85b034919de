package io.tenanttwilio.guardrails;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.text.Problems;
import java.util.Objects;

/**
 * A send refused because the tenant's SMS quota for the period is used up ({@link
 * ErrorCode#QUOTA_EXCEEDED}): it says which period, the limit, what was used and when the period
 * resets. Nothing was sent and nothing was counted.
 *
 * <pre>{@code
 * try {
 *     client.sendSms(request);
 * } catch (QuotaExceededException e) {
 *     show(e.userMessage(locale));   // "… 500 of 500 this month. It resets on December 1, 2026 …"
 *     offerUrgentSend(e.quota().resetsAt());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class QuotaExceededException extends TenantTwilioException {

    private static final long serialVersionUID = 1L;

    private final transient QuotaUse quota;

    QuotaExceededException(TenantId tenant, QuotaUse quota, boolean segments) {
        super(Problems.builder(ErrorCode.QUOTA_EXCEEDED)
                .tenant(tenant)
                .detail(
                        "quota." + quota.period().name().toLowerCase(java.util.Locale.ROOT)
                                + (segments ? ".segments" : ".messages"),
                        quota.limit().orElse(0),
                        quota.used(),
                        quota.resetsAt())
                .toBuilder());
        this.quota = Objects.requireNonNull(quota, "quota");
    }

    /** {@return the quota that is used up} */
    public QuotaUse quota() {
        return quota;
    }

    /**
     * Creates the exception; for the SDK's implementation.
     *
     * @param tenant the tenant whose quota is used up
     * @param quota the quota, with its limit, use and reset time
     * @param segments whether the quota counts segments rather than messages
     * @return the exception, with {@link ErrorCode#QUOTA_EXCEEDED}
     */
    public static QuotaExceededException of(TenantId tenant, QuotaUse quota, boolean segments) {
        return new QuotaExceededException(tenant, quota, segments);
    }
}
