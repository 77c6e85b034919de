package io.tenanttwilio.guardrails;

import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * How much of one period's SMS quota a tenant used: the count, the limit (if there is one) and when
 * the period ends, in the tenant's time zone.
 *
 * <pre>{@code
 * QuotaUse month = QuotaUse.builder()
 *         .period(QuotaPeriod.MONTH)
 *         .used(312)
 *         .limit(500)
 *         .resetsAt(ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneId.of("America/Toronto")))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class QuotaUse {

    private final QuotaPeriod period;
    private final long used;
    private final @Nullable Long limit;
    private final ZonedDateTime resetsAt;

    private QuotaUse(Builder b) {
        this.period = Objects.requireNonNull(b.period, "period");
        this.used = b.used;
        this.limit = b.limit;
        this.resetsAt = Objects.requireNonNull(b.resetsAt, "resetsAt");
    }

    /**
     * Starts a quota's use; the SDK makes them, applications only in tests. The period and the
     * reset time must be set; the use is zero and there is no limit unless set.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
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
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof QuotaUse)) {
            return false;
        }
        QuotaUse that = (QuotaUse) other;
        return period == that.period
                && used == that.used
                && Objects.equals(limit, that.limit)
                && resetsAt.equals(that.resetsAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(period, used, limit, resetsAt);
    }

    @Override
    public String toString() {
        return "QuotaUse[" + period + " " + used + "/" + (limit == null ? "unlimited" : limit) + ", resets " + resetsAt
                + "]";
    }

    /** Builds a {@link QuotaUse}. Not thread-safe. */
    public static final class Builder {
        private @Nullable QuotaPeriod period;
        private long used;
        private @Nullable Long limit;
        private @Nullable ZonedDateTime resetsAt;

        private Builder() {}

        /**
         * Sets {@link QuotaUse#period()}.
         *
         * @param period the calendar period
         * @return this builder
         */
        public Builder period(QuotaPeriod period) {
            this.period = Objects.requireNonNull(period, "period");
            return this;
        }

        /**
         * Sets {@link QuotaUse#used()}; zero by default.
         *
         * @param used the messages (or segments) counted in the period so far, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code used} is negative
         */
        public Builder used(long used) {
            if (used < 0) {
                throw new IllegalArgumentException("used cannot be negative");
            }
            this.used = used;
            return this;
        }

        /**
         * Sets {@link QuotaUse#limit()}; none by default.
         *
         * @param limit the period's limit, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is negative
         */
        public Builder limit(long limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("limit cannot be negative");
            }
            this.limit = limit;
            return this;
        }

        /**
         * Sets {@link QuotaUse#resetsAt()}.
         *
         * @param resetsAt when the next period starts, in the tenant's time zone
         * @return this builder
         */
        public Builder resetsAt(ZonedDateTime resetsAt) {
            this.resetsAt = Objects.requireNonNull(resetsAt, "resetsAt");
            return this;
        }

        /**
         * Builds the quota's use.
         *
         * @return the quota's use, immutable
         * @throws NullPointerException if the period or the reset time is missing
         */
        public QuotaUse build() {
            return new QuotaUse(this);
        }
    }
}
