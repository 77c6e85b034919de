package io.tenanttwilio.guardrails;

import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * How much of one period's SMS quota a tenant used: the count, the limit (if there is one) and when
 * the period ends, in the tenant's time zone. Immutable and thread-safe.
 */
public final class QuotaUse {

    private final QuotaPeriod period;
    private final long used;
    private final @Nullable Long limit;
    private final ZonedDateTime resetsAt;

    /**
     * A quota's use; the SDK creates them, applications only in tests.
     *
     * @param period the calendar period
     * @param used messages (or segments) counted in it so far
     * @param limit the period's limit, or {@code null} for none
     * @param resetsAt when the next period starts, in the tenant's time zone
     */
    public QuotaUse(QuotaPeriod period, long used, @Nullable Long limit, ZonedDateTime resetsAt) {
        this.period = Objects.requireNonNull(period, "period");
        this.used = used;
        this.limit = limit;
        this.resetsAt = Objects.requireNonNull(resetsAt, "resetsAt");
    }

    /** {@return the calendar period of the quota} */
    public QuotaPeriod period() {
        return period;
    }

    /** {@return the messages (or segments) counted in the period so far} */
    public long used() {
        return used;
    }

    /** {@return the period's limit; empty when there is none} */
    public OptionalLong limit() {
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    /**
     * {@return what is left before the limit (zero when reached or exceeded); empty without a
     * limit}
     */
    public OptionalLong remaining() {
        return limit == null ? OptionalLong.empty() : OptionalLong.of(Math.max(0, limit - used));
    }

    /** {@return whether the limit is reached: a send now is refused unless urgent} */
    public boolean isReached() {
        return limit != null && used >= limit;
    }

    /** {@return when the next period starts, in the tenant's time zone} */
    public ZonedDateTime resetsAt() {
        return resetsAt;
    }

    @Override
    public String toString() {
        return "QuotaUse[" + period + " " + used + "/" + (limit == null ? "unlimited" : limit) + ", resets " + resetsAt
                + "]";
    }
}
