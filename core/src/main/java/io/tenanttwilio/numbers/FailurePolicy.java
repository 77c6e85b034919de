package io.tenanttwilio.numbers;

/**
 * What the SDK does when a bought number cannot be configured or verified. Immutable and
 * thread-safe.
 */
public enum FailurePolicy {
    /** Keep the number in {@link NumberState#NEEDS_ATTENTION}, with instructions for a person. */
    KEEP_FOR_ATTENTION,
    /** Release the number (it stops costing money), and report what happened. */
    RELEASE
}
