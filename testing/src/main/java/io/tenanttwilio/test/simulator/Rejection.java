package io.tenanttwilio.test.simulator;

import java.util.Objects;

/**
 * Why a review rejected a registration: Twilio's error code and its text, as the rejected
 * resource shows them ({@code errors}, {@code rejection_reasons}) and its Event Streams events
 * carry them.
 *
 * <pre>{@code
 * simulator.registrations()
 *         .rejectNext(RegistrationKind.TOLL_FREE, Rejection.of(30446, "Opt-in evidence is missing"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param code Twilio's error code, such as 30445 (toll-free: invalid information) or 30886
 *     (campaign: invalid description)
 * @param reason the text shown with it
 */
public record Rejection(int code, String reason) {

    /**
     * Checks the reason is present.
     *
     * @param code Twilio's error code
     * @param reason the text shown with it
     */
    public Rejection {
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * A rejection with this code and text.
     *
     * @param code Twilio's error code
     * @param reason the text shown with it
     * @return the rejection
     */
    public static Rejection of(int code, String reason) {
        return new Rejection(code, reason);
    }
}
