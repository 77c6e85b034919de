package io.tenanttwilio.internal.jobs;

import io.tenanttwilio.guardrails.JobReport;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.ScheduledJobs;
import io.tenanttwilio.spi.JobLease;
import io.tenanttwilio.spi.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs under their lease in the usage store: a run takes the job's lease, saves its place (a
 * cursor) as it goes, and gives the lease back at its end; a run whose instance died is taken over
 * when the lease expires.
 */
final class LeaseRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);

    private final UsageStore usage;
    private final JobSettings settings;
    private final Clock clock;
    private final String owner;
    private volatile boolean stopping;

    LeaseRunner(UsageStore usage, JobSettings settings, Clock clock, String owner) {
        this.usage = usage;
        this.settings = settings;
        this.clock = clock;
        this.owner = owner;
    }
    /**
     * Runs {@code body} under the job's lease. With {@code dueEvery}, a scheduled run: it does
     * nothing unless the last complete run is that old (or a run was left unfinished).
     */
    JobReport run(String job, @Nullable Duration dueEvery, JobBody body) {
        Instant started = clock.instant();
        Optional<JobLease> lease;
        try {
            lease = usage.tryAcquireLease(job, owner, started, settings.leaseTtl());
        } catch (RuntimeException e) {
            LOG.warn("Job {} could not take its lease ({})", job, e.getClass().getName());
            return skipped(job, started).errors(1).build();
        }
        if (lease.isEmpty()) {
            return skipped(job, started).build();
        }
        if (dueEvery != null
                && lease.get().cursor().isEmpty()
                && lease.get()
                        .lastCompletedAt()
                        .map(last -> last.plus(dueEvery).isAfter(started))
                        .orElse(false)) {
            usage.releaseLease(job, owner);
            return skipped(job, started).build();
        }
        JobRun run = new JobRun(this, job, lease.get().cursor().orElse(null));
        JobReport.Outcome outcome;
        try {
            body.run(run, dueEvery != null);
            usage.completeLease(job, owner, clock.instant());
            outcome = JobReport.Outcome.COMPLETED;
        } catch (JobRun.Interrupted e) {
            outcome = JobReport.Outcome.INTERRUPTED;
            releaseQuietly(job);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Job {} stopped early ({}); the next run carries on",
                    job,
                    e.getClass().getName());
            outcome = JobReport.Outcome.INTERRUPTED;
            releaseQuietly(job);
        }
        JobReport report = JobReport.builder()
                .job(job)
                .outcome(outcome)
                .startedAt(started)
                .finishedAt(clock.instant())
                .visited(run.visited.get())
                .problems(run.problems.get())
                .errors(run.errors.get())
                .build();
        LOG.info(
                "Job {} {}: {} visited, {} with problems, {} not checked",
                job,
                outcome.name().toLowerCase(Locale.ROOT),
                report.visited(),
                report.problems(),
                report.errors());
        return report;
    }

    private JobReport.Builder skipped(String job, Instant started) {
        return JobReport.builder()
                .job(job)
                .outcome(JobReport.Outcome.SKIPPED)
                .startedAt(started)
                .finishedAt(clock.instant());
    }

    private void releaseQuietly(String job) {
        try {
            usage.releaseLease(job, owner);
        } catch (RuntimeException e) {
            // the lease expires by itself
        }
    }

    /** Saves the place a run reached and renews its lease; {@code false} when the lease was lost. */
    boolean renew(String job, @Nullable String reached) {
        return usage.renewLease(job, owner, clock.instant(), settings.leaseTtl(), reached);
    }

    Duration leaseTtl() {
        return settings.leaseTtl();
    }

    /** Whether runs were asked to stop: they stop at their next checkpoint, keeping their place. */
    boolean stopping() {
        return stopping;
    }

    void stopping(boolean stopping) {
        this.stopping = stopping;
    }
}
