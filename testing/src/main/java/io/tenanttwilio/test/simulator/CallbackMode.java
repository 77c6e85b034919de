package io.tenanttwilio.test.simulator;

/** When status callbacks are posted. Immutable and thread-safe. */
public enum CallbackMode {
    /** As soon as a message is created, from a background thread. */
    AUTOMATIC,
    /** Only when the test calls {@link TwilioSimulator#deliverPendingCallbacks()}. */
    MANUAL
}
