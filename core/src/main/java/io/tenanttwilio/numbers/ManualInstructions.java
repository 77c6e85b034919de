package io.tenanttwilio.numbers;

import io.tenanttwilio.internal.text.Messages;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.Locale;
import java.util.Objects;

/**
 * What a person must do in the Twilio Console when the SDK could not configure a number itself:
 * the exact URLs to paste, and where.
 *
 * <p>Immutable and thread-safe.
 */
public final class ManualInstructions {

    private final PhoneNumber phoneNumber;
    private final String smsUrl;
    private final String statusCallbackUrl;

    public ManualInstructions(PhoneNumber phoneNumber, String smsUrl, String statusCallbackUrl) {
        this.phoneNumber = Objects.requireNonNull(phoneNumber, "phoneNumber");
        this.smsUrl = Objects.requireNonNull(smsUrl, "smsUrl");
        this.statusCallbackUrl = Objects.requireNonNull(statusCallbackUrl, "statusCallbackUrl");
    }

    public PhoneNumber phoneNumber() {
        return phoneNumber;
    }

    /** The URL to paste as "A message comes in", method HTTP POST. */
    public String smsUrl() {
        return smsUrl;
    }

    /** The method to choose beside it. */
    public String smsMethod() {
        return "POST";
    }

    /** The URL to paste as the number's status callback. */
    public String statusCallbackUrl() {
        return statusCallbackUrl;
    }

    /** The steps, in {@code locale}, one per line. */
    public String text(Locale locale) {
        return Messages.text(locale, "instructions.webhook", phoneNumber, smsUrl, statusCallbackUrl);
    }

    @Override
    public String toString() {
        return "ManualInstructions[" + phoneNumber.masked() + "]";
    }
}
