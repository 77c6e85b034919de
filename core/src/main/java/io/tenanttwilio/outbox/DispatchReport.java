package io.tenanttwilio.outbox;

/**
 * What one dispatch pass did. Immutable and thread-safe.
 */
public final class DispatchReport {

    private final int claimed;
    private final int sent;
    private final int failed;
    private final int deferred;
    private final int expired;
    private final int recovered;

    private DispatchReport(int claimed, int sent, int failed, int deferred, int expired, int recovered) {
        this.claimed = claimed;
        this.sent = sent;
        this.failed = failed;
        this.deferred = deferred;
        this.expired = expired;
        this.recovered = recovered;
    }

    /**
     * A report.
     *
     * @param claimed messages claimed
     * @param sent messages Twilio accepted
     * @param failed messages refused (by a policy, the quota or Twilio)
     * @param deferred messages put back to wait (quiet hours, throttling)
     * @param expired messages that expired unsent
     * @param recovered messages of expired leases resolved (found sent, or put back)
     * @return the report
     */
    public static DispatchReport of(int claimed, int sent, int failed, int deferred, int expired, int recovered) {
        return new DispatchReport(claimed, sent, failed, deferred, expired, recovered);
    }

    /** {@return messages claimed} */
    public int claimed() {
        return claimed;
    }

    /** {@return messages Twilio accepted} */
    public int sent() {
        return sent;
    }

    /** {@return messages refused (by a policy, the quota or Twilio)} */
    public int failed() {
        return failed;
    }

    /** {@return messages put back to wait (quiet hours, throttling)} */
    public int deferred() {
        return deferred;
    }

    /** {@return messages that expired unsent} */
    public int expired() {
        return expired;
    }

    /** {@return messages of expired leases resolved} */
    public int recovered() {
        return recovered;
    }

    @Override
    public String toString() {
        return "DispatchReport[claimed=" + claimed + ", sent=" + sent + ", failed=" + failed + ", deferred=" + deferred
                + ", expired=" + expired + ", recovered=" + recovered + "]";
    }
}
