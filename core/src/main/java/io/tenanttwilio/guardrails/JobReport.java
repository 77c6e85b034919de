package io.tenanttwilio.guardrails;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a run of a scheduled job went: whether it ran to its end, how many items (tenants, numbers,
 * messages) it visited, how many had a problem, and how many it could not check.
 *
 * <p>Immutable and thread-safe.
 */
public final class JobReport {

    /** How a run ended. Immutable and thread-safe. */
    public enum Outcome {
        /** It went through every item. */
        COMPLETED,
        /** Another instance holds the job's lease: nothing was done here. */
        SKIPPED,
        /** It stopped before the end (stopped, lease lost); the next run carries on where it stopped. */
        INTERRUPTED
    }

    private final String job;
    private final Outcome outcome;
    private final Instant startedAt;
    private final Instant finishedAt;
    private final int visited;
    private final int problems;
    private final int errors;

    private JobReport(Builder b) {
        this.job = Objects.requireNonNull(b.job, "job");
        this.outcome = Objects.requireNonNull(b.outcome, "outcome");
        this.startedAt = Objects.requireNonNull(b.startedAt, "startedAt");
        this.finishedAt = Objects.requireNonNull(b.finishedAt, "finishedAt");
        this.visited = b.visited;
        this.problems = b.problems;
        this.errors = b.errors;
    }

    /**
     * Starts a report; the SDK makes them, applications only in tests. The job, the outcome and
     * both times must be set; the counts are zero unless set.
     *
     * <pre>{@code
     * JobReport report = JobReport.builder()
     *         .job(ScheduledJobs.BALANCE)
     *         .outcome(JobReport.Outcome.COMPLETED)
     *         .startedAt(started)
     *         .finishedAt(clock.instant())
     *         .visited(12)
     *         .problems(1)
     *         .build();
     * }</pre>
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the job's name ({@code balance}, {@code health}, {@code reconciliation})} */
    public String job() {
        return job;
    }

    /** {@return how the run ended} */
    public Outcome outcome() {
        return outcome;
    }

    /** {@return when the run started} */
    public Instant startedAt() {
        return startedAt;
    }

    /** {@return when the run ended} */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** {@return the items looked at} */
    public int visited() {
        return visited;
    }

    /** {@return the items with a problem found (low balance, drift, a status caught up)} */
    public int problems() {
        return problems;
    }

    /** {@return the items that could not be checked (Twilio unreachable, credentials refused)} */
    public int errors() {
        return errors;
    }

    /** {@return how long the run took} */
    public Duration took() {
        return Duration.between(startedAt, finishedAt);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof JobReport)) {
            return false;
        }
        JobReport that = (JobReport) other;
        return job.equals(that.job)
                && outcome == that.outcome
                && startedAt.equals(that.startedAt)
                && finishedAt.equals(that.finishedAt)
                && visited == that.visited
                && problems == that.problems
                && errors == that.errors;
    }

    @Override
    public int hashCode() {
        return Objects.hash(job, outcome, startedAt, finishedAt, visited, problems, errors);
    }

    @Override
    public String toString() {
        return "JobReport[job=" + job + ", outcome=" + outcome + ", startedAt=" + startedAt + ", finishedAt="
                + finishedAt + ", visited=" + visited + ", problems=" + problems + ", errors=" + errors + "]";
    }

    /** Builds a {@link JobReport}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String job;
        private @Nullable Outcome outcome;
        private @Nullable Instant startedAt;
        private @Nullable Instant finishedAt;
        private int visited;
        private int problems;
        private int errors;

        private Builder() {}

        /**
         * Sets {@link JobReport#job()}.
         *
         * @param job the job's name, such as {@link ScheduledJobs#BALANCE}
         * @return this builder
         */
        public Builder job(String job) {
            this.job = Objects.requireNonNull(job, "job");
            return this;
        }

        /**
         * Sets {@link JobReport#outcome()}.
         *
         * @param outcome how the run ended
         * @return this builder
         */
        public Builder outcome(Outcome outcome) {
            this.outcome = Objects.requireNonNull(outcome, "outcome");
            return this;
        }

        /**
         * Sets {@link JobReport#startedAt()}.
         *
         * @param startedAt when the run started
         * @return this builder
         */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
            return this;
        }

        /**
         * Sets {@link JobReport#finishedAt()}.
         *
         * @param finishedAt when the run ended
         * @return this builder
         */
        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = Objects.requireNonNull(finishedAt, "finishedAt");
            return this;
        }

        /**
         * Sets {@link JobReport#visited()}; zero by default.
         *
         * @param visited the items looked at, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code visited} is negative
         */
        public Builder visited(int visited) {
            this.visited = notNegative(visited, "visited");
            return this;
        }

        /**
         * Sets {@link JobReport#problems()}; zero by default.
         *
         * @param problems the items with a problem found, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code problems} is negative
         */
        public Builder problems(int problems) {
            this.problems = notNegative(problems, "problems");
            return this;
        }

        /**
         * Sets {@link JobReport#errors()}; zero by default.
         *
         * @param errors the items that could not be checked, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code errors} is negative
         */
        public Builder errors(int errors) {
            this.errors = notNegative(errors, "errors");
            return this;
        }

        /**
         * Builds the report.
         *
         * @return the report, immutable
         * @throws NullPointerException if the job, the outcome or a time is missing
         */
        public JobReport build() {
            return new JobReport(this);
        }

        private static int notNegative(int count, String name) {
            if (count < 0) {
                throw new IllegalArgumentException(name + " cannot be negative");
            }
            return count;
        }
    }
}
