package io.tenanttwilio.outbox;

/** Where a scheduled message stands. */
public enum OutboxState {
    /** Waiting for its time (or for the end of the recipient's quiet hours); may be cancelled. */
    SCHEDULED,
    /** Taken by a dispatcher for sending within seconds, under a lease; no longer cancellable. */
    CLAIMED,
    /** Accepted by Twilio: its delivery is followed on the conversation's message. */
    SENT,
    /** Refused (by a policy, the quota, or Twilio): the reason is on the message. */
    FAILED,
    /** Cancelled before it was sent. */
    CANCELED,
    /** Its time to be useful (the appointment) passed before it could be sent: never sent. */
    EXPIRED;

    /** {@return whether nothing will happen to the message any more} */
    public boolean isFinal() {
        return this == SENT || this == FAILED || this == CANCELED || this == EXPIRED;
    }
}
