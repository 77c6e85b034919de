package io.tenanttwilio.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The lease of a scheduled job held by one application instance, as {@link
 * UsageStore#tryAcquireLease} grants it: until when it is held, where the last holder stopped,
 * and when a whole run last completed. Immutable and thread-safe.
 */
public final class JobLease {

    private final String job;
    private final String owner;
    private final Instant expiresAt;
    private final @Nullable String cursor;
    private final @Nullable Instant lastCompletedAt;

    public JobLease(
            String job, String owner, Instant expiresAt, @Nullable String cursor, @Nullable Instant lastCompletedAt) {
        this.job = Objects.requireNonNull(job, "job");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.cursor = cursor;
        this.lastCompletedAt = lastCompletedAt;
    }

    public String job() {
        return job;
    }

    public String owner() {
        return owner;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Where an unfinished run stopped, for the next holder to carry on from. */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    /** When a run last went through to its end. */
    public Optional<Instant> lastCompletedAt() {
        return Optional.ofNullable(lastCompletedAt);
    }

    @Override
    public String toString() {
        return "JobLease[" + job + " held by " + owner + " until " + expiresAt + (cursor == null ? "" : ", resuming")
                + "]";
    }
}
