package io.tenanttwilio.guardrails;

import io.tenanttwilio.TenantId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's SMS quotas now: the day and the month, counted in messages or in segments, in its
 * time zone. For a staff screen ("312 of 500 SMS this month, resets on December 1").
 *
 * <p>Immutable and thread-safe.
 */
public final class QuotaStatus {

    private final TenantId tenant;
    private final boolean countsSegments;
    private final QuotaUse day;
    private final QuotaUse month;

    private QuotaStatus(Builder b) {
        this.tenant = Objects.requireNonNull(b.tenant, "tenant");
        this.countsSegments = b.countsSegments;
        this.day = Objects.requireNonNull(b.day, "day");
        this.month = Objects.requireNonNull(b.month, "month");
        if (day.period() != QuotaPeriod.DAY || month.period() != QuotaPeriod.MONTH) {
            throw new IllegalArgumentException("day must be a DAY quota and month a MONTH quota");
        }
    }

    /**
     * Starts a status; the SDK makes them, applications only in tests. The tenant, the day and the
     * month must be set; the counts are messages unless set otherwise.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the tenant whose quotas these are} */
    public TenantId tenant() {
        return tenant;
    }

    /** {@return whether the counts are segments (what Twilio bills) rather than messages} */
    public boolean countsSegments() {
        return countsSegments;
    }

    /** {@return today's use} */
    public QuotaUse day() {
        return day;
    }

    /** {@return this month's use} */
    public QuotaUse month() {
        return month;
    }

    /** {@return whether a send now would be refused (unless urgent)} */
    public boolean isReached() {
        return day.isReached() || month.isReached();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof QuotaStatus)) {
            return false;
        }
        QuotaStatus that = (QuotaStatus) other;
        return tenant.equals(that.tenant)
                && countsSegments == that.countsSegments
                && day.equals(that.day)
                && month.equals(that.month);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, countsSegments, day, month);
    }

    @Override
    public String toString() {
        return "QuotaStatus[tenant=" + tenant + ", countsSegments=" + countsSegments + ", day=" + day + ", month="
                + month + "]";
    }

    /** Builds a {@link QuotaStatus}. Not thread-safe. */
    public static final class Builder {
        private @Nullable TenantId tenant;
        private boolean countsSegments;
        private @Nullable QuotaUse day;
        private @Nullable QuotaUse month;

        private Builder() {}

        /**
         * Sets {@link QuotaStatus#tenant()}.
         *
         * @param tenant the tenant whose quotas these are
         * @return this builder
         */
        public Builder tenant(TenantId tenant) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            return this;
        }

        /**
         * Sets {@link QuotaStatus#countsSegments()}; {@code false} (messages) by default.
         *
         * @param countsSegments whether the counts are segments rather than messages
         * @return this builder
         */
        public Builder countsSegments(boolean countsSegments) {
            this.countsSegments = countsSegments;
            return this;
        }

        /**
         * Sets {@link QuotaStatus#day()}.
         *
         * @param day today's use, a {@link QuotaPeriod#DAY} quota
         * @return this builder
         */
        public Builder day(QuotaUse day) {
            this.day = Objects.requireNonNull(day, "day");
            return this;
        }

        /**
         * Sets {@link QuotaStatus#month()}.
         *
         * @param month this month's use, a {@link QuotaPeriod#MONTH} quota
         * @return this builder
         */
        public Builder month(QuotaUse month) {
            this.month = Objects.requireNonNull(month, "month");
            return this;
        }

        /**
         * Builds the status.
         *
         * @return the status, immutable
         * @throws NullPointerException if the tenant, the day or the month is missing
         * @throws IllegalArgumentException if the day is not a {@link QuotaPeriod#DAY} quota or the
         *     month not a {@link QuotaPeriod#MONTH} one
         */
        public QuotaStatus build() {
            return new QuotaStatus(this);
        }
    }
}
