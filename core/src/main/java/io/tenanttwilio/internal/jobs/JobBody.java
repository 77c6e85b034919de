package io.tenanttwilio.internal.jobs;

/** What a job does in one run; {@code scheduled} when the scheduler started it, not a caller. */
@FunctionalInterface
interface JobBody {
    void run(JobRun run, boolean scheduled);
}
