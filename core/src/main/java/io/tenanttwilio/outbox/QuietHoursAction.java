package io.tenanttwilio.outbox;

/** What the outbox does with a message whose time falls in the recipient's quiet hours. */
public enum QuietHoursAction {
    /** It waits for the start of the next allowed window (the default). */
    WAIT,
    /** It is refused when scheduled (or failed, when its window closed while it waited to be sent). */
    REFUSE
}
