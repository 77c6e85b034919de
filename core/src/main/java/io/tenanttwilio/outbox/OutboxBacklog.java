package io.tenanttwilio.outbox;

import io.tenanttwilio.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's messages waiting in the outbox, and whether they will all leave before they expire
 * at the pace of its numbers. Immutable and thread-safe.
 */
public final class OutboxBacklog {

    private final TenantId tenantId;
    private final long scheduled;
    private final long due;
    private final long dueSegments;
    private final @Nullable Instant oldestDue;
    private final @Nullable Instant earliestExpiry;
    private final double segmentsPerSecond;
    private final Instant at;

    private OutboxBacklog(Builder b) {
        this.tenantId = Objects.requireNonNull(b.tenantId, "tenantId");
        this.scheduled = b.scheduled;
        this.due = b.due;
        this.dueSegments = b.dueSegments;
        this.oldestDue = b.oldestDue;
        this.earliestExpiry = b.earliestExpiry;
        this.segmentsPerSecond = b.segmentsPerSecond;
        this.at = Objects.requireNonNull(b.at, "at");
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this backlog's values} */
    public Builder toBuilder() {
        return builder()
                .tenantId(tenantId)
                .scheduled(scheduled)
                .due(due, dueSegments)
                .oldestDue(oldestDue)
                .earliestExpiry(earliestExpiry)
                .segmentsPerSecond(segmentsPerSecond)
                .at(at);
    }

    /** {@return the tenant} */
    public TenantId tenantId() {
        return tenantId;
    }

    /** {@return messages waiting (due or not)} */
    public long scheduled() {
        return scheduled;
    }

    /** {@return messages due now (their time has come) and not yet sent} */
    public long due() {
        return due;
    }

    /** {@return the segments of the due messages, the units the senders' pace is counted in} */
    public long dueSegments() {
        return dueSegments;
    }

    /** {@return the time of the oldest due message; empty when nothing is due} */
    public Optional<Instant> oldestDue() {
        return Optional.ofNullable(oldestDue);
    }

    /** {@return the earliest expiry among the due messages; empty when none expires} */
    public Optional<Instant> earliestExpiry() {
        return Optional.ofNullable(earliestExpiry);
    }

    /** {@return how many segments per second the tenant's senders may send together} */
    public double segmentsPerSecond() {
        return segmentsPerSecond;
    }

    /** {@return when the backlog was read} */
    public Instant at() {
        return at;
    }

    /** {@return how long the due messages take to leave at the senders' pace} */
    public Duration drainTime() {
        if (dueSegments == 0) {
            return Duration.ZERO;
        }
        if (segmentsPerSecond <= 0) {
            return Duration.ofDays(365);
        }
        return Duration.ofMillis((long) Math.ceil(dueSegments * 1000.0 / segmentsPerSecond));
    }

    /** {@return how long the oldest due message has waited} */
    public Duration oldestWait() {
        return oldestDue == null || oldestDue.isAfter(at) ? Duration.ZERO : Duration.between(oldestDue, at);
    }

    /**
     * {@return whether some due messages will expire before the backlog drains at the senders'
     * pace (an alert is raised)}
     */
    public boolean isAtRisk() {
        return earliestExpiry != null && at.plus(drainTime()).isAfter(earliestExpiry);
    }

    @Override
    public String toString() {
        return "OutboxBacklog[" + tenantId + ", " + due + " due of " + scheduled + ", drains in " + drainTime()
                + (isAtRisk() ? ", at risk" : "") + "]";
    }

    /** Builds an {@link OutboxBacklog}. Not thread-safe. */
    public static final class Builder {
        private @Nullable TenantId tenantId;
        private long scheduled;
        private long due;
        private long dueSegments;
        private @Nullable Instant oldestDue;
        private @Nullable Instant earliestExpiry;
        private double segmentsPerSecond;
        private @Nullable Instant at;

        private Builder() {}

        /**
         * Sets the tenant.
         *
         * @param tenantId the tenant
         * @return this builder
         */
        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * Sets the messages waiting.
         *
         * @param scheduled the count
         * @return this builder
         */
        public Builder scheduled(long scheduled) {
            this.scheduled = scheduled;
            return this;
        }

        /**
         * Sets the messages due now.
         *
         * @param due the count
         * @param segments their segments
         * @return this builder
         */
        public Builder due(long due, long segments) {
            this.due = due;
            this.dueSegments = segments;
            return this;
        }

        /**
         * Sets the time of the oldest due message.
         *
         * @param oldestDue the time; {@code null}: nothing due
         * @return this builder
         */
        public Builder oldestDue(@Nullable Instant oldestDue) {
            this.oldestDue = oldestDue;
            return this;
        }

        /**
         * Sets the earliest expiry among the due messages.
         *
         * @param earliestExpiry the moment; {@code null}: none expires
         * @return this builder
         */
        public Builder earliestExpiry(@Nullable Instant earliestExpiry) {
            this.earliestExpiry = earliestExpiry;
            return this;
        }

        /**
         * Sets the senders' pace, together.
         *
         * @param segmentsPerSecond segments per second
         * @return this builder
         */
        public Builder segmentsPerSecond(double segmentsPerSecond) {
            this.segmentsPerSecond = segmentsPerSecond;
            return this;
        }

        /**
         * Sets when it was read.
         *
         * @param at the moment
         * @return this builder
         */
        public Builder at(Instant at) {
            this.at = at;
            return this;
        }

        /**
         * The backlog.
         *
         * @return the backlog
         */
        public OutboxBacklog build() {
            return new OutboxBacklog(this);
        }
    }
}
