package io.tenanttwilio.numbers;

import io.tenanttwilio.internal.text.Messages;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

    private ManualInstructions(Builder b) {
        this.phoneNumber = Objects.requireNonNull(b.phoneNumber, "phoneNumber");
        this.smsUrl = Objects.requireNonNull(b.smsUrl, "smsUrl");
        this.statusCallbackUrl = Objects.requireNonNull(b.statusCallbackUrl, "statusCallbackUrl");
    }

    /**
     * Starts instructions for one number; the SDK makes them, applications only in tests (or to
     * show a number's setup again). Every value must be set.
     *
     * <pre>{@code
     * ManualInstructions instructions = ManualInstructions.builder()
     *         .phoneNumber(record.phoneNumber().orElseThrow())
     *         .smsUrl(record.smsUrl())
     *         .statusCallbackUrl(record.statusCallbackUrl())
     *         .build();
     * }</pre>
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
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

    /** The masked number only; the URLs hold the webhook key. */
    @Override
    public String toString() {
        return "ManualInstructions[" + phoneNumber.masked() + "]";
    }

    /** Builds {@link ManualInstructions}. Not thread-safe. */
    public static final class Builder {
        private @Nullable PhoneNumber phoneNumber;
        private @Nullable String smsUrl;
        private @Nullable String statusCallbackUrl;

        private Builder() {}

        /**
         * Sets {@link ManualInstructions#phoneNumber()}.
         *
         * @param phoneNumber the number to configure
         * @return this builder
         */
        public Builder phoneNumber(PhoneNumber phoneNumber) {
            this.phoneNumber = Objects.requireNonNull(phoneNumber, "phoneNumber");
            return this;
        }

        /**
         * Sets {@link ManualInstructions#smsUrl()}.
         *
         * @param smsUrl the URL to paste as "A message comes in", exactly as the SDK wrote it
         * @return this builder
         */
        public Builder smsUrl(String smsUrl) {
            this.smsUrl = Objects.requireNonNull(smsUrl, "smsUrl");
            return this;
        }

        /**
         * Sets {@link ManualInstructions#statusCallbackUrl()}.
         *
         * @param statusCallbackUrl the URL to paste as the status callback, exactly as the SDK
         *     wrote it
         * @return this builder
         */
        public Builder statusCallbackUrl(String statusCallbackUrl) {
            this.statusCallbackUrl = Objects.requireNonNull(statusCallbackUrl, "statusCallbackUrl");
            return this;
        }

        /**
         * Builds the instructions.
         *
         * @return the instructions, immutable
         * @throws NullPointerException if a value is missing
         */
        public ManualInstructions build() {
            return new ManualInstructions(this);
        }
    }
}
