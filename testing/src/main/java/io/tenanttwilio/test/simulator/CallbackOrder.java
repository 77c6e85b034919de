package io.tenanttwilio.test.simulator;

/**
 * The order in which a message's status callbacks are posted. Twilio does not guarantee the
 * order, and may post one twice.
 *
 * <p>Immutable and thread-safe.
 */
public enum CallbackOrder {
    /** In the order the statuses happened. */
    IN_ORDER,
    /** Newest first. */
    REVERSED,
    /** Shuffled (seeded), with some callbacks posted twice. */
    SHUFFLED_WITH_DUPLICATES
}
