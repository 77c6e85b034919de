package io.tenanttwilio.guardrails;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a run of a scheduled job went: whether it ran to its end, how many items (tenants, numbers,
 * messages) it visited, how many had a problem, and how many it could not check. Immutable and
 * thread-safe.
 *
 * @param job the job's name ({@code balance}, {@code health}, {@code reconciliation})
 * @param outcome how the run ended
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param visited items looked at
 * @param problems items with a problem found (low balance, drift, a status caught up)
 * @param errors items that could not be checked (Twilio unreachable, credentials refused)
 */
public record JobReport(
        String job, Outcome outcome, Instant startedAt, Instant finishedAt, int visited, int problems, int errors) {

    /** How a run ended. Immutable and thread-safe. */
    public enum Outcome {
        /** It went through every item. */
        COMPLETED,
        /** Another instance holds the job's lease: nothing was done here. */
        SKIPPED,
        /** It stopped before the end (stopped, lease lost); the next run carries on where it stopped. */
        INTERRUPTED
    }

    /**
     * A report; the SDK creates them, applications only in tests.
     *
     * @param job the job's name
     * @param outcome how the run ended
     * @param startedAt when it started
     * @param finishedAt when it ended
     * @param visited items looked at
     * @param problems items with a problem found
     * @param errors items that could not be checked
     */
    public JobReport {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** {@return how long the run took} */
    public Duration took() {
        return Duration.between(startedAt, finishedAt);
    }
}
