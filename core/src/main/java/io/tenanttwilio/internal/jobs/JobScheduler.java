package io.tenanttwilio.internal.jobs;

import io.tenanttwilio.guardrails.JobReport;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.ScheduledJobs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule: every instance ticks for each job, and the job's lease decides which instance
 * runs it; a job that could check nothing is skipped for a while (backing off).
 */
final class JobScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);

    /** A job on the schedule: its name, how often it runs, and what it does. */
    record Scheduled(String name, Duration every, JobBody body) {}

    private final LeaseRunner leases;
    private final JobSettings settings;
    private final List<Scheduled> jobs;
    private final Map<String, Integer> skipRuns = new ConcurrentHashMap<>();
    private @Nullable ScheduledExecutorService scheduler;

    JobScheduler(LeaseRunner leases, JobSettings settings, List<Scheduled> jobs) {
        this.leases = leases;
        this.settings = settings;
        this.jobs = List.copyOf(jobs);
    }

    synchronized void start() {
        if (scheduler != null) {
            return;
        }
        leases.stopping(false);
        AtomicInteger threads = new AtomicInteger();
        ScheduledExecutorService started = Executors.newScheduledThreadPool(3, task -> {
            Thread thread = new Thread(task, "tenant-twilio-jobs-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        scheduler = started;
        for (Scheduled job : jobs) {
            schedule(started, job.name(), job.every(), job.body());
        }
    }

    private void schedule(ScheduledExecutorService on, String job, Duration every, JobBody body) {
        // Every instance looks often (a fraction of the period, at most a minute); the lease and
        // the last completion decide which one runs, and when.
        long tick = Math.max(1_000, Math.min(every.toMillis() / 4, 60_000));
        long first = jittered(tick);
        on.schedule(() -> tick(on, job, every, body, tick), first, TimeUnit.MILLISECONDS);
    }

    private void tick(ScheduledExecutorService on, String job, Duration every, JobBody body, long tick) {
        try {
            int skip = skipRuns.getOrDefault(job, 0);
            if (skip > 0) {
                skipRuns.put(job, skip - 1);
            } else {
                Duration due = Duration.ofMillis(jittered(every.toMillis()));
                JobReport report = leases.run(job, due, body);
                if (report.outcome() == JobReport.Outcome.COMPLETED
                        && report.visited() > 0
                        && report.errors() == report.visited()) {
                    // Nothing could be checked (Twilio or the database down): back off.
                    int next = Math.min(32, Math.max(1, skipRuns.getOrDefault(job + ":backoff", 0) * 2));
                    skipRuns.put(job + ":backoff", next);
                    skipRuns.put(job, next);
                } else if (report.outcome() == JobReport.Outcome.COMPLETED) {
                    skipRuns.remove(job + ":backoff");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Job {} failed to run ({})", job, e.getClass().getName());
        } finally {
            if (!leases.stopping() && !on.isShutdown()) {
                on.schedule(() -> tick(on, job, every, body, tick), jittered(tick), TimeUnit.MILLISECONDS);
            }
        }
    }

    private long jittered(long millis) {
        double spread = settings.jitter();
        double factor = 1 + (spread == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-spread, spread));
        return Math.max(1, (long) (millis * factor));
    }

    synchronized void stop() {
        leases.stopping(true);
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    synchronized boolean isRunning() {
        return scheduler != null;
    }
}
