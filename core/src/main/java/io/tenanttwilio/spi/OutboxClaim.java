package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * What an {@link OutboxStore#claim} takes for one tenant, from one instance: the moment, the
 * lease, how far ahead a sender's slot may be, and the limits. Immutable and thread-safe.
 */
public final class OutboxClaim {

    private final TenantId tenant;
    private final Instant now;
    private final String owner;
    private final Duration leaseTtl;
    private final Duration horizon;
    private final int maxMessages;
    private final int maxInFlight;
    private final ToDoubleFunction<String> segmentsPerSecond;

    private OutboxClaim(
            TenantId tenant,
            Instant now,
            String owner,
            Duration leaseTtl,
            Duration horizon,
            int maxMessages,
            int maxInFlight,
            ToDoubleFunction<String> segmentsPerSecond) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.now = Objects.requireNonNull(now, "now");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.leaseTtl = Objects.requireNonNull(leaseTtl, "leaseTtl");
        this.horizon = Objects.requireNonNull(horizon, "horizon");
        this.maxMessages = maxMessages;
        this.maxInFlight = maxInFlight;
        this.segmentsPerSecond = Objects.requireNonNull(segmentsPerSecond, "segmentsPerSecond");
    }

    /**
     * A claim.
     *
     * @param tenant the tenant whose messages are claimed
     * @param now the moment of the claim
     * @param owner the claiming instance
     * @param leaseTtl how long a claim holds after its slot
     * @param horizon how far after {@code now} a slot may be
     * @param maxMessages the most messages claimed
     * @param maxInFlight the most claimed messages (with a live lease) the tenant may have at once,
     *     these included
     * @param segmentsPerSecond the pace of a sender, by its key (a number in E.164 or a Messaging
     *     Service's SID)
     * @return the claim
     */
    public static OutboxClaim of(
            TenantId tenant,
            Instant now,
            String owner,
            Duration leaseTtl,
            Duration horizon,
            int maxMessages,
            int maxInFlight,
            ToDoubleFunction<String> segmentsPerSecond) {
        return new OutboxClaim(tenant, now, owner, leaseTtl, horizon, maxMessages, maxInFlight, segmentsPerSecond);
    }

    /** {@return the tenant} */
    public TenantId tenant() {
        return tenant;
    }

    /** {@return the moment of the claim} */
    public Instant now() {
        return now;
    }

    /** {@return the claiming instance} */
    public String owner() {
        return owner;
    }

    /** {@return how long a claim holds after its slot} */
    public Duration leaseTtl() {
        return leaseTtl;
    }

    /** {@return how far after now a slot may be} */
    public Duration horizon() {
        return horizon;
    }

    /** {@return the most messages claimed} */
    public int maxMessages() {
        return maxMessages;
    }

    /** {@return the most claimed messages with a live lease the tenant may have at once} */
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * The pace of a sender.
     *
     * @param sender its key
     * @return segments per second, more than 0
     */
    public double segmentsPerSecond(String sender) {
        double rate = segmentsPerSecond.applyAsDouble(sender);
        return rate > 0 ? rate : 1.0;
    }

    /**
     * The time a message of {@code segments} segments holds its sender.
     *
     * @param sender the sender's key
     * @param segments the message's segments
     * @return the time until the sender's next slot
     */
    public Duration slotLength(String sender, int segments) {
        return Duration.ofNanos((long) Math.ceil(Math.max(1, segments) * 1_000_000_000.0 / segmentsPerSecond(sender)));
    }

    @Override
    public String toString() {
        return "OutboxClaim[" + tenant + ", " + now + ", by " + owner + ", max " + maxMessages + "]";
    }
}
