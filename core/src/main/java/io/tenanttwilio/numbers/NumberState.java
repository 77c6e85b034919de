package io.tenanttwilio.numbers;

/**
 * Where a number stands in its lifecycle, as the {@code NumberRegistry} records it. Immutable and
 * thread-safe.
 */
public enum NumberState {
    /** A purchase was started; whether Twilio sold the number is not yet confirmed. */
    PURCHASING,
    /** Bought; its webhook is not configured yet. */
    PURCHASED,
    /** Bought and configured; not verified yet. */
    CONFIGURED,
    /** Bought, configured and verified: it receives and sends SMS. */
    ACTIVE,
    /** Bought, but something a person must look at is wrong (webhook not set, drift …). */
    NEEDS_ATTENTION,
    /** Being released. */
    RELEASING,
    /** Released at Twilio; kept for history. */
    RELEASED,
    /** The purchase failed before anything was bought. */
    FAILED;

    /** {@return whether the tenant owns (or may own) the number at Twilio in this state} */
    public boolean isOwned() {
        return this == PURCHASED
                || this == CONFIGURED
                || this == ACTIVE
                || this == NEEDS_ATTENTION
                || this == RELEASING;
    }

    /**
     * {@return whether the purchase is still unfinished and {@code resumePending()} should complete
     * it}
     */
    public boolean isPending() {
        return this == PURCHASING || this == PURCHASED || this == CONFIGURED;
    }
}
