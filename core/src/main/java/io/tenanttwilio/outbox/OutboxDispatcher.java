package io.tenanttwilio.outbox;

/**
 * What sends the outbox's messages from one instance. Each instance that runs one takes its
 * share: due messages are claimed in small batches under a lease (on PostgreSQL with {@code FOR
 * UPDATE SKIP LOCKED}), given a moment to leave by their sender's pace, and sent through the
 * ordinary send path when that moment comes. An instance that dies leaves leases that expire;
 * another instance then looks its messages up (at Twilio when needed) and sends only what was
 * not sent.
 *
 * <p>Thread-safe.
 */
public interface OutboxDispatcher {

    /** Starts claiming and sending in the background; does nothing if already started. */
    void start();

    /**
     * Stops claiming, lets the messages already claimed leave (for up to the lease), and returns.
     */
    void stop();

    /** {@return whether it runs in the background} */
    boolean isRunning();

    /**
     * One pass, in the calling thread: resolves expired leases, claims what is due for every
     * tenant in turn, and sends what may leave now (waiting for the messages whose slot is within
     * the claim horizon). For tests and for applications that drive their own scheduling.
     *
     * @return what the pass did
     */
    DispatchReport dispatchDue();

    /**
     * Sends a message this or another instance claimed and handed over through an {@link
     * io.tenanttwilio.spi.OutboxHandoff} (a broker's consumer calls this), waiting for its slot
     * if it is near. A message no longer claimed (sent, failed, put back, or handed over twice) is
     * left as it is.
     *
     * @param tenant its tenant
     * @param clientKey its client key
     * @return the message as it stands afterwards
     * @throws io.tenanttwilio.TenantTwilioException {@code NOT_FOUND} for no such message
     */
    ScheduledMessage sendClaimed(io.tenanttwilio.TenantId tenant, String clientKey);
}
