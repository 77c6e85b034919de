package io.tenanttwilio.test.simulator;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a number an account owns ({@code IncomingPhoneNumbers}), with its webhook
 * configuration.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sid {@code PN…}
 * @param accountSid the owner
 * @param phoneNumber E.164
 * @param friendlyName the friendly name
 * @param type local, toll-free or mobile
 * @param isoCountry the country
 * @param smsUrl the SMS webhook URL, or empty
 * @param smsMethod {@code POST} or {@code GET}
 * @param smsFallbackUrl the fallback URL, or empty
 * @param statusCallback the status callback URL, or empty
 * @param smsApplicationSid an application that overrides the SMS URL, or empty
 * @param voice voice capability
 * @param sms SMS capability
 * @param mms MMS capability
 * @param dateCreated when it was bought
 * @param dateUpdated when its configuration last changed
 */
public record SimulatedNumber(
        String sid,
        String accountSid,
        String phoneNumber,
        String friendlyName,
        NumberType type,
        String isoCountry,
        String smsUrl,
        String smsMethod,
        String smsFallbackUrl,
        String statusCallback,
        String smsApplicationSid,
        boolean voice,
        boolean sms,
        boolean mms,
        Instant dateCreated,
        Instant dateUpdated) {

    /**
     * The Messaging Service whose sender pool holds the number, looked up when needed.
     *
     * @param simulator the simulator that sold the number
     * @return the service's SID ({@code MG…}), or {@code null} when the number is in no pool
     */
    public @Nullable String messagingServiceSid(TwilioSimulator simulator) {
        return simulator.messagingServiceOf(sid);
    }
}
