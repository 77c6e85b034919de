package io.tenanttwilio.internal.jobs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** What a job's body sees of its run. */
final class JobRun {

    /** How many tenants or numbers a run reads at a time. */
    static final int PAGE = 50;

    /** A run lost its lease or was asked to stop: it keeps its place for the next run. */
    static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted(String why) {
            super(why, null, false, false);
        }
    }

    private final LeaseRunner leases;
    final String job;

    @Nullable
    String cursor;

    final AtomicInteger visited = new AtomicInteger();
    final AtomicInteger problems = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();

    JobRun(LeaseRunner leases, String job, @Nullable String cursor) {
        this.leases = leases;
        this.job = job;
        this.cursor = cursor;
    }

    /** Saves the place reached and renews the lease; stops the run if it was lost or stopped. */
    void checkpoint(@Nullable String reached) {
        if (!leases.renew(job, reached)) {
            throw new Interrupted("lease lost");
        }
        cursor = reached;
        if (leases.stopping()) {
            throw new Interrupted("stopped");
        }
    }

    /** Waits (pacing), renewing the lease meanwhile. */
    void pause(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long slice = Math.max(1, leases.leaseTtl().toMillis() / 3);
        while (!leases.stopping()) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(left, slice));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Interrupted("interrupted");
            }
            checkpoint(cursor);
        }
    }
}
