package io.tenanttwilio.messaging;

/** Whether a message came from a contact or went to one. */
public enum MessageDirection {
    INBOUND,
    OUTBOUND
}
