package io.tenanttwilio.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The lease of a scheduled job held by one application instance, as {@link
 * UsageStore#tryAcquireLease} grants it: until when it is held, where the last holder stopped,
 * and when a whole run last completed.
 *
 * <pre>{@code
 * JobLease lease = JobLease.builder()
 *         .job("balance")
 *         .owner(instanceId)
 *         .expiresAt(now.plus(ttl))
 *         .cursor(row.cursor())               // null when the last run went to its end
 *         .lastCompletedAt(row.completedAt()) // null before the first complete run
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class JobLease {

    private final String job;
    private final String owner;
    private final Instant expiresAt;
    private final @Nullable String cursor;
    private final @Nullable Instant lastCompletedAt;

    private JobLease(Builder b) {
        this.job = Objects.requireNonNull(b.job, "job");
        this.owner = Objects.requireNonNull(b.owner, "owner");
        this.expiresAt = Objects.requireNonNull(b.expiresAt, "expiresAt");
        this.cursor = b.cursor;
        this.lastCompletedAt = b.lastCompletedAt;
    }

    /**
     * Starts a lease, for a {@link UsageStore} to return. The job, the owner and the expiry must be
     * set; there is no cursor and no completed run unless set.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the job's name, which is also the lease's} */
    public String job() {
        return job;
    }

    /** {@return the application instance that holds the lease} */
    public String owner() {
        return owner;
    }

    /** {@return when the lease ends unless it is renewed} */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** {@return where an unfinished run stopped, for the next holder to carry on from} */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    /** {@return when a run last went through to its end; empty before the first} */
    public Optional<Instant> lastCompletedAt() {
        return Optional.ofNullable(lastCompletedAt);
    }

    /** The job, its owner and expiry, and whether a run is to be resumed; not the cursor itself. */
    @Override
    public String toString() {
        return "JobLease[" + job + " held by " + owner + " until " + expiresAt + (cursor == null ? "" : ", resuming")
                + "]";
    }

    /** Builds a {@link JobLease}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String job;
        private @Nullable String owner;
        private @Nullable Instant expiresAt;
        private @Nullable String cursor;
        private @Nullable Instant lastCompletedAt;

        private Builder() {}

        /**
         * Sets {@link JobLease#job()}.
         *
         * @param job the job's name
         * @return this builder
         */
        public Builder job(String job) {
            this.job = Objects.requireNonNull(job, "job");
            return this;
        }

        /**
         * Sets {@link JobLease#owner()}.
         *
         * @param owner the application instance that holds the lease
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /**
         * Sets {@link JobLease#expiresAt()}.
         *
         * @param expiresAt when the lease ends unless it is renewed
         * @return this builder
         */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            return this;
        }

        /**
         * Sets {@link JobLease#cursor()}; none by default.
         *
         * @param cursor where an unfinished run stopped, or {@code null} when there is none
         * @return this builder
         */
        public Builder cursor(@Nullable String cursor) {
            this.cursor = cursor;
            return this;
        }

        /**
         * Sets {@link JobLease#lastCompletedAt()}; none by default.
         *
         * @param lastCompletedAt when a run last went through to its end, or {@code null} before
         *     the first
         * @return this builder
         */
        public Builder lastCompletedAt(@Nullable Instant lastCompletedAt) {
            this.lastCompletedAt = lastCompletedAt;
            return this;
        }

        /**
         * Builds the lease.
         *
         * @return the lease, immutable
         * @throws NullPointerException if the job, the owner or the expiry is missing
         */
        public JobLease build() {
            return new JobLease(this);
        }
    }
}
