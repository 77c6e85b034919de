package io.tenanttwilio.guardrails;

import io.tenanttwilio.TenantId;
import java.util.Objects;

/**
 * A tenant's SMS quotas now: the day and the month, counted in messages or in segments, in its
 * time zone. For a staff screen ("312 of 500 SMS this month, resets on December 1"). Immutable
 * and thread-safe.
 *
 * @param tenant the tenant
 * @param countsSegments whether the counts are segments (what Twilio bills) rather than messages
 * @param day today's use
 * @param month this month's use
 */
public record QuotaStatus(TenantId tenant, boolean countsSegments, QuotaUse day, QuotaUse month) {

    /**
     * A status; the SDK creates them, applications only in tests.
     *
     * @param tenant the tenant
     * @param countsSegments whether the counts are segments rather than messages
     * @param day today's use
     * @param month this month's use
     */
    public QuotaStatus {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(month, "month");
    }

    /** {@return whether a send now would be refused (unless urgent)} */
    public boolean isReached() {
        return day.isReached() || month.isReached();
    }
}
