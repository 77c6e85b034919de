package io.tenanttwilio.guardrails;

/**
 * The SDK's scheduled jobs: the balance monitor, the numbers' health check, and the reconciliation
 * of statuses and prices that never came by callback. Each runs on one application instance at a
 * time, coordinated through the shared {@link io.tenanttwilio.spi.UsageStore} with an expiring lease:
 * if the instance running it dies, another takes over after {@link JobSettings#leaseTtl()} and
 * carries on where it stopped.
 *
 * <pre>{@code
 * twilio.jobs().start();                     // at application start, on every instance
 * JobReport report = twilio.jobs().checkBalances();   // or run one now (an admin button, a test)
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface ScheduledJobs {

    /** The name of the balance monitor's job and lease. */
    String BALANCE = "balance";

    /** The name of the health check's job and lease. */
    String HEALTH = "health";

    /** The name of the reconciliation's job and lease. */
    String RECONCILIATION = "reconciliation";

    /** The name of the carrier registrations' job and lease. */
    String REGISTRATIONS = "registrations";

    /**
     * Fetches every tenant's Twilio balance (a few at once) and alerts below the tenant's threshold,
     * once, until it recovers; subaccounts, which have no balance, are covered by the master
     * account's.
     *
     * @return how the run went; {@link JobReport.Outcome#SKIPPED} when another instance holds the
     *     lease
     */
    JobReport checkBalances();

    /**
     * Verifies every active number, alerts on drift (webhook changed in the Twilio console, number
     * released elsewhere, account suspended) and repairs what the tenant's policy lets it.
     *
     * @return how the run went; {@link JobReport.Outcome#SKIPPED} when another instance holds the
     *     lease
     */
    JobReport checkNumbers();

    /**
     * Asks Twilio for the final status and price of recent messages whose callbacks never came, and
     * forgets counters of periods long gone.
     *
     * @return how the run went; {@link JobReport.Outcome#SKIPPED} when another instance holds the
     *     lease
     */
    JobReport reconcile();

    /**
     * Asks Twilio how the carrier registrations and toll-free verifications whose check is due
     * stand (each backs off while nothing changes), carries a registration on when a review ended,
     * and alerts on each change.
     *
     * @return how the run went; {@link JobReport.Outcome#SKIPPED} when another instance holds the
     *     lease
     */
    JobReport followRegistrations();

    /** Runs the jobs on their schedule on this instance (idempotent); daemon threads. */
    void start();

    /** Stops the schedule; a run in progress stops at its next item and keeps its place. */
    void stop();

    /** {@return whether the schedule runs on this instance} */
    boolean isRunning();
}
