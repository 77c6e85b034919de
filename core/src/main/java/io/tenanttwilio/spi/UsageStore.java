package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Counters and marks that must hold across application instances sharing one database: SMS quota
 * counters, purchase windows, the leases of scheduled jobs, and "already alerted" flags.
 *
 * <p>Every method is one atomic operation on the shared store (a conditional update under a row
 * lock, a unique key), so that N instances behind a load balancer never let through more than a
 * limit allows. Implementations must be thread-safe; {@code tenant-twilio-test} ships the contract
 * tests ({@code UsageStoreContract}) an implementation must pass.
 */
public interface UsageStore {

    /**
     * Adds {@code amount} to the tenant's counter {@code counter} if the total stays within {@code
     * limit}, or regardless when {@code force}.
     *
     * @return the total after adding, or {@code -1} when refused (nothing added)
     */
    long reserve(TenantId tenant, String counter, long amount, long limit, boolean force);

    /**
     * Takes {@code amount} back from the counter (a reservation that was not used); never below
     * zero. Not idempotent: the SDK calls it once per reservation and does not retry it, since a
     * failure may come after the change was applied. A store may retry inside when it knows the
     * failed try changed nothing (a rolled-back transaction); when it cannot tell, it should throw
     * and let the counter keep the units — the tenant loses a little quota, never gains any.
     */
    void release(TenantId tenant, String counter, long amount);

    /** The counter's total (0 when never used). */
    long used(TenantId tenant, String counter);

    /**
     * Records a purchase at {@code at} if the tenant recorded fewer than {@code max} since {@code
     * at - window}. Purchases stamped after {@code at} count too: they were recorded by requests
     * that read the clock later but got through first.
     *
     * @return the recorded purchase's id (to {@link #forgetPurchase forget} it if nothing was
     *     bought after all), or empty when the limit is reached
     */
    Optional<String> tryRecordPurchase(TenantId tenant, Instant at, Duration window, int max);

    /** Forgets a recorded purchase: nothing was bought after all. */
    void forgetPurchase(TenantId tenant, String purchaseId);

    /** When the tenant's recorded purchases since {@code since} happened, oldest first. */
    List<Instant> purchasesSince(TenantId tenant, Instant since);

    /**
     * Takes the lease of {@code job} for {@code owner} until {@code now + ttl}, if nobody else holds
     * an unexpired one (a lease whose holder died expires by itself).
     *
     * @return the lease, with where the previous holder stopped; empty when another owner holds it
     */
    Optional<JobLease> tryAcquireLease(String job, String owner, Instant now, Duration ttl);

    /**
     * Extends the lease {@code owner} holds and records how far the run got ({@code cursor}).
     *
     * @return {@code false} when the lease was lost (it expired and another owner took it)
     */
    boolean renewLease(String job, String owner, Instant now, Duration ttl, @Nullable String cursor);

    /** Gives the lease back after a whole run: the cursor is cleared and {@code completedAt} kept. */
    void completeLease(String job, String owner, Instant completedAt);

    /** Gives the lease back, keeping the cursor, if {@code owner} holds it. */
    void releaseLease(String job, String owner);

    /**
     * Raises the flag {@code flag} of {@code tenant} (or of the platform, for {@code null}). Flags
     * named {@code period:…} belong to a period and are {@link #purge purged} with it; others stay
     * until cleared.
     *
     * @return {@code true} only if it was not raised: the caller is the one to act (alert) on it
     */
    boolean raiseFlag(@Nullable TenantId tenant, String flag, Instant at);

    /**
     * Lowers the flag.
     *
     * @return whether it was raised
     */
    boolean clearFlag(@Nullable TenantId tenant, String flag);

    /** Whether the flag is raised. */
    boolean isFlagRaised(@Nullable TenantId tenant, String flag);

    /**
     * Forgets what belongs to periods long gone: the tenant's counters not touched since {@code
     * before}, its purchases recorded before it, and its flags named {@code period:…} raised before
     * it. Returns how many went.
     */
    int purge(TenantId tenant, Instant before);
}
