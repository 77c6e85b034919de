package io.tenanttwilio.guardrails;

/**
 * What a send does when the carriers would block it for want of registration (a US-bound text from
 * a long code without an approved A2P campaign, or from an unverified toll-free number). Immutable
 * and thread-safe.
 */
public enum UnregisteredTraffic {
    /** Refuse it before Twilio is called, with an error that says what to do (the default). */
    REFUSE,
    /** Send it anyway, with a warning in the log and the audit trail (Twilio will likely fail it). */
    WARN
}
