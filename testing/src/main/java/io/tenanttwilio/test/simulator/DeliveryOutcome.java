package io.tenanttwilio.test.simulator;

import org.jspecify.annotations.Nullable;

/**
 * What happens to messages sent to a recipient: by default they are delivered. Set with {@link
 * TwilioSimulator#setDeliveryOutcome(String, DeliveryOutcome)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param finalStatus {@code delivered}, {@code undelivered}, {@code failed} or {@code sent} (the
 *     carrier never confirms)
 * @param errorCode the error code of an undelivered or failed message (30003 unreachable, 30005
 *     unknown handset, 30006 landline, 30007 filtered …)
 */
public record DeliveryOutcome(String finalStatus, @Nullable Integer errorCode) {

    /**
     * Delivered to the handset.
     *
     * @return the outcome {@code delivered}
     */
    public static DeliveryOutcome delivered() {
        return new DeliveryOutcome("delivered", null);
    }

    /**
     * Sent, then reported undelivered by the carrier with {@code errorCode}.
     *
     * @param errorCode Twilio's error code, such as 30003 (unreachable handset)
     * @return the outcome {@code undelivered}
     */
    public static DeliveryOutcome undelivered(int errorCode) {
        return new DeliveryOutcome("undelivered", errorCode);
    }

    /**
     * Failed before it left Twilio, with {@code errorCode}.
     *
     * @param errorCode Twilio's error code, such as 30007 (filtered as spam)
     * @return the outcome {@code failed}
     */
    public static DeliveryOutcome failed(int errorCode) {
        return new DeliveryOutcome("failed", errorCode);
    }

    /**
     * Sent; the carrier never confirms delivery.
     *
     * @return the outcome that stops at {@code sent}
     */
    public static DeliveryOutcome sentOnly() {
        return new DeliveryOutcome("sent", null);
    }
}
