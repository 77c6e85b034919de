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
     * limit}, or regardless when {@code force}; one atomic check-and-add, so that concurrent
     * reservations on any instance never take the total past {@code limit} together. A counter
     * never used starts at zero.
     *
     * @param tenant the tenant the counter belongs to
     * @param counter the counter's name (the SDK's, like {@code sms:month:2025-11}), scoped to the
     *     tenant
     * @param amount what to add, not negative
     * @param limit the most the total may reach
     * @param force whether to add even past {@code limit} (an urgent send)
     * @return the total after adding, or {@code -1} when refused (nothing added)
     * @throws IllegalArgumentException when {@code amount} is negative
     */
    long reserve(TenantId tenant, String counter, long amount, long limit, boolean force);

    /**
     * Takes {@code amount} back from the counter (a reservation that was not used); never below
     * zero. Not idempotent: the SDK calls it once per reservation and does not retry it, since a
     * failure may come after the change was applied. A store may retry inside when it knows the
     * failed try changed nothing (a rolled-back transaction); when it cannot tell, it should throw
     * and let the counter keep the units — the tenant loses a little quota, never gains any.
     * Releasing from a counter never used does nothing.
     *
     * @param tenant the tenant the counter belongs to
     * @param counter the counter's name
     * @param amount what to take back, not negative
     * @throws IllegalArgumentException when {@code amount} is negative
     */
    void release(TenantId tenant, String counter, long amount);

    /**
     * The counter's total.
     *
     * @param tenant the tenant the counter belongs to
     * @param counter the counter's name
     * @return the total; 0 when never used (or purged)
     */
    long used(TenantId tenant, String counter);

    /**
     * Records a purchase at {@code at} if the tenant recorded fewer than {@code max} since {@code
     * at - window}. Purchases stamped after {@code at} count too: they were recorded by requests
     * that read the clock later but got through first. One atomic check-and-insert per tenant:
     * concurrent purchases on any instance never record more than {@code max} in a window.
     *
     * @param tenant the buying tenant
     * @param at when the purchase happens
     * @param window how far back purchases count
     * @param max the most purchases in a window
     * @return the recorded purchase's id (to {@link #forgetPurchase forget} it if nothing was
     *     bought after all), or empty when the limit is reached
     */
    Optional<String> tryRecordPurchase(TenantId tenant, Instant at, Duration window, int max);

    /**
     * Forgets a recorded purchase: nothing was bought after all. Forgetting one that is not
     * recorded (already forgotten, purged) does nothing.
     *
     * @param tenant the buying tenant
     * @param purchaseId what {@link #tryRecordPurchase} returned
     */
    void forgetPurchase(TenantId tenant, String purchaseId);

    /**
     * When the tenant's recorded purchases after {@code since} happened, oldest first.
     *
     * @param tenant the tenant
     * @param since the start of the window, excluded
     * @return the times; empty when none
     */
    List<Instant> purchasesSince(TenantId tenant, Instant since);

    /**
     * Takes the lease of {@code job} for {@code owner} until {@code now + ttl}, if nobody else holds
     * an unexpired one (a lease whose holder died expires by itself). The owner that holds it
     * takes it again. One atomic compare-and-set: of instances racing for a free lease, one wins.
     *
     * @param job the job's name
     * @param owner the instance asking ({@code TenantTwilioSettings#instanceId()})
     * @param now the current time
     * @param ttl how long the lease holds unless renewed
     * @return the lease, with where the previous holder stopped; empty when another owner holds it
     */
    Optional<JobLease> tryAcquireLease(String job, String owner, Instant now, Duration ttl);

    /**
     * Extends the lease {@code owner} holds and records how far the run got ({@code cursor}).
     *
     * @param job the job's name
     * @param owner the instance holding the lease
     * @param now the current time
     * @param ttl how long the lease holds from {@code now}
     * @param cursor where the run got to; {@code null}: nowhere to resume from
     * @return {@code false} when the lease was lost (it expired and another owner took it)
     */
    boolean renewLease(String job, String owner, Instant now, Duration ttl, @Nullable String cursor);

    /**
     * Gives the lease back after a whole run: the cursor is cleared and {@code completedAt} kept.
     * Does nothing unless {@code owner} holds the lease.
     *
     * @param job the job's name
     * @param owner the instance holding the lease
     * @param completedAt when the run ended
     */
    void completeLease(String job, String owner, Instant completedAt);

    /**
     * Gives the lease back, keeping the cursor, if {@code owner} holds it; does nothing otherwise.
     *
     * @param job the job's name
     * @param owner the instance holding the lease
     */
    void releaseLease(String job, String owner);

    /**
     * Raises the flag {@code flag} of {@code tenant} (or of the platform, for {@code null}). Flags
     * named {@code period:…} belong to a period and are {@link #purge purged} with it; others stay
     * until cleared. Atomic: of concurrent raises, on any instance, exactly one returns {@code
     * true}.
     *
     * @param tenant the tenant; {@code null}: the platform
     * @param flag the flag's name
     * @param at when it is raised
     * @return {@code true} only if it was not raised: the caller is the one to act (alert) on it
     */
    boolean raiseFlag(@Nullable TenantId tenant, String flag, Instant at);

    /**
     * Lowers the flag; lowering one that is not raised does nothing.
     *
     * @param tenant the tenant; {@code null}: the platform
     * @param flag the flag's name
     * @return whether it was raised
     */
    boolean clearFlag(@Nullable TenantId tenant, String flag);

    /**
     * Whether the flag is raised.
     *
     * @param tenant the tenant; {@code null}: the platform
     * @param flag the flag's name
     * @return whether it is raised and not cleared (nor purged)
     */
    boolean isFlagRaised(@Nullable TenantId tenant, String flag);

    /**
     * Forgets what belongs to periods long gone: the tenant's counters not touched since {@code
     * before}, its purchases recorded before it, and its flags named {@code period:…} raised before
     * it.
     *
     * @param tenant the tenant
     * @param before the time before which things are forgotten
     * @return how many counters, purchases and flags went
     */
    int purge(TenantId tenant, Instant before);
}
