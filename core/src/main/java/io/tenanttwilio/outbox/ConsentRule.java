package io.tenanttwilio.outbox;

/**
 * Whether the outbox requires a recorded consent before sending to a contact. Transactional
 * messages (appointment reminders) generally need none; a tenant sending commercial messages to
 * Canada must hold express or unexpired implied consent (CASL).
 */
public enum ConsentRule {
    /** Consent is not checked (the default). */
    NOT_CHECKED,
    /** A consent, express or implied and not expired or withdrawn, is required. */
    REQUIRED,
    /** An express consent, not withdrawn, is required. */
    EXPRESS_REQUIRED
}
