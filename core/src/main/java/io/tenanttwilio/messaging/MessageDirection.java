package io.tenanttwilio.messaging;

/** Whether a message came from a contact or went to one. Immutable and thread-safe. */
public enum MessageDirection {
    /** Sent by a contact to one of the tenant's numbers. */
    INBOUND,
    /** Sent by the tenant to a contact. */
    OUTBOUND
}
