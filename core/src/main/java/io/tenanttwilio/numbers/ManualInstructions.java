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

    /**
     * Instructions for one number; the SDK creates them, applications only in tests.
     *
     * @param phoneNumber the number to configure
     * @param smsUrl the URL to paste as "A message comes in"
     * @param statusCallbackUrl the URL to paste as the status callback
     */
    public ManualInstructions(PhoneNumber phoneNumber, String smsUrl, String statusCallbackUrl) {
        this.phoneNumber = Objects.requireNonNull(phoneNumber, "phoneNumber");
        this.smsUrl = Objects.requireNonNull(smsUrl, "smsUrl");
        this.statusCallbackUrl = Objects.requireNonNull(statusCallbackUrl, "statusCallbackUrl");
    }

    /** {@return the number to configure in the Console} */
    public PhoneNumber phoneNumber() {
        return phoneNumber;
    }

    /** {@return the URL to paste as "A message comes in", method HTTP POST} */
    public String smsUrl() {
        return smsUrl;
    }

    /** {@return the method to choose beside it} */
    public String smsMethod() {
        return "POST";
    }

    /** {@return the URL to paste as the number's status callback} */
    public String statusCallbackUrl() {
        return statusCallbackUrl;
    }

    /**
     * The steps, in {@code locale}, one per line.
     *
     * @param locale the language of the text; English when it has no translation
     * @return the text, to show to the person as it is
     */
    public String text(Locale locale) {
        return Messages.text(locale, "instructions.webhook", phoneNumber, smsUrl, statusCallbackUrl);
    }

    @Override
    public String toString() {
        return "ManualInstructions[" + phoneNumber.masked() + "]";
    }
}
