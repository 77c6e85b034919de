package io.tenanttwilio.numbers;

import io.tenanttwilio.phone.PhoneNumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A number offered for sale, as a search found it: the number, where it belongs, what it can do,
 * and whether buying it needs an address. {@link #toString()} masks the number.
 *
 * <p>Immutable and thread-safe.
 */
public final class AvailableNumber {

    /**
     * Whether buying the number needs an address registered on the account. Immutable and
     * thread-safe.
     */
    public enum AddressRequirement {
        /** No address is needed. */
        NONE,
        /** An address anywhere is needed. */
        ANY,
        /** An address in the number's country is needed. */
        LOCAL,
        /** An address outside the number's country is needed. */
        FOREIGN
    }

    private final PhoneNumber phoneNumber;
    private final String displayName;
    private final String isoCountry;
    private final NumberType type;
    private final @Nullable String locality;
    private final @Nullable String region;
    private final @Nullable String postalCode;
    private final boolean sms;
    private final boolean mms;
    private final boolean voice;
    private final AddressRequirement addressRequirement;

    private AvailableNumber(Builder b) {
        this.phoneNumber = Objects.requireNonNull(b.phoneNumber, "phoneNumber");
        this.displayName = b.displayName != null ? b.displayName : phoneNumber.nationalFormat();
        this.isoCountry = b.isoCountry != null ? b.isoCountry : phoneNumber.regionCode();
        this.type = b.type;
        this.locality = b.locality;
        this.region = b.region;
        this.postalCode = b.postalCode;
        this.sms = b.sms;
        this.mms = b.mms;
        this.voice = b.voice;
        this.addressRequirement = b.addressRequirement;
    }

    /**
     * Starts a number for sale; the SDK makes them from Twilio's answer, applications only in
     * tests. The number must be set; by default it is displayed in its national format, belongs to
     * its own country, is {@link NumberType#LOCAL}, has no place, can do nothing, and needs no
     * address.
     *
     * <pre>{@code
     * AvailableNumber offered = AvailableNumber.builder()
     *         .phoneNumber(PhoneNumber.ofE164("+14185550142"))
     *         .locality("Québec")
     *         .region("QC")
     *         .sms(true)
     *         .mms(true)
     *         .voice(true)
     *         .build();
     * }</pre>
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the number} */
    public PhoneNumber phoneNumber() {
        return phoneNumber;
    }

    /** {@return how Twilio displays it, for example {@code (418) 555-0142}} */
    public String displayName() {
        return displayName;
    }

    /** {@return the ISO 3166 country of the number, upper case ({@code "CA"})} */
    public String isoCountry() {
        return isoCountry;
    }

    /** {@return the kind of number} */
    public NumberType type() {
        return type;
    }

    /** {@return the city, when Twilio says} */
    public Optional<String> locality() {
        return Optional.ofNullable(locality);
    }

    /** {@return the state or province ({@code "QC"}), when Twilio says} */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** {@return the postal code, when Twilio says} */
    public Optional<String> postalCode() {
        return Optional.ofNullable(postalCode);
    }

    /** {@return whether the number can send and receive SMS} */
    public boolean sms() {
        return sms;
    }

    /** {@return whether the number can send and receive MMS} */
    public boolean mms() {
        return mms;
    }

    /** {@return whether the number can make and receive calls} */
    public boolean voice() {
        return voice;
    }

    /** {@return whether buying the number needs an address registered on the account, and which} */
    public AddressRequirement addressRequirement() {
        return addressRequirement;
    }

    /** The masked number, its country, type, city and capabilities. */
    @Override
    public String toString() {
        return "AvailableNumber[" + phoneNumber.masked() + ", " + isoCountry + " " + type
                + (locality == null ? "" : ", " + locality) + (sms ? ", sms" : "") + (mms ? ", mms" : "")
                + (voice ? ", voice" : "") + "]";
    }

    /** Builds an {@link AvailableNumber}. Not thread-safe. */
    public static final class Builder {
        private @Nullable PhoneNumber phoneNumber;
        private @Nullable String displayName;
        private @Nullable String isoCountry;
        private NumberType type = NumberType.LOCAL;
        private @Nullable String locality;
        private @Nullable String region;
        private @Nullable String postalCode;
        private boolean sms;
        private boolean mms;
        private boolean voice;
        private AddressRequirement addressRequirement = AddressRequirement.NONE;

        private Builder() {}

        /**
         * Sets {@link AvailableNumber#phoneNumber()}.
         *
         * @param phoneNumber the number
         * @return this builder
         */
        public Builder phoneNumber(PhoneNumber phoneNumber) {
            this.phoneNumber = Objects.requireNonNull(phoneNumber, "phoneNumber");
            return this;
        }

        /**
         * Sets {@link AvailableNumber#displayName()}; the number's national format by default.
         *
         * @param displayName how Twilio displays the number
         * @return this builder
         */
        public Builder displayName(String displayName) {
            this.displayName = Objects.requireNonNull(displayName, "displayName");
            return this;
        }

        /**
         * Sets {@link AvailableNumber#isoCountry()}; the number's own region by default.
         *
         * @param isoCountry the ISO 3166 country of the number, in any case
         * @return this builder
         */
        public Builder isoCountry(String isoCountry) {
            this.isoCountry = Objects.requireNonNull(isoCountry, "isoCountry").toUpperCase(Locale.ROOT);
            return this;
        }

        /**
         * Sets {@link AvailableNumber#type()}; {@link NumberType#LOCAL} by default.
         *
         * @param type the kind of number
         * @return this builder
         */
        public Builder type(NumberType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Sets {@link AvailableNumber#locality()}; none by default.
         *
         * @param locality the city, or {@code null} when Twilio does not say
         * @return this builder
         */
        public Builder locality(@Nullable String locality) {
            this.locality = locality;
            return this;
        }

        /**
         * Sets {@link AvailableNumber#region()}; none by default.
         *
         * @param region the state or province, or {@code null} when Twilio does not say
         * @return this builder
         */
        public Builder region(@Nullable String region) {
            this.region = region;
            return this;
        }

        /**
         * Sets {@link AvailableNumber#postalCode()}; none by default.
         *
         * @param postalCode the postal code, or {@code null} when Twilio does not say
         * @return this builder
         */
        public Builder postalCode(@Nullable String postalCode) {
            this.postalCode = postalCode;
            return this;
        }

        /**
         * Sets {@link AvailableNumber#sms()}; {@code false} by default.
         *
         * @param sms whether the number can send and receive SMS
         * @return this builder
         */
        public Builder sms(boolean sms) {
            this.sms = sms;
            return this;
        }

        /**
         * Sets {@link AvailableNumber#mms()}; {@code false} by default.
         *
         * @param mms whether the number can send and receive MMS
         * @return this builder
         */
        public Builder mms(boolean mms) {
            this.mms = mms;
            return this;
        }

        /**
         * Sets {@link AvailableNumber#voice()}; {@code false} by default.
         *
         * @param voice whether the number can make and receive calls
         * @return this builder
         */
        public Builder voice(boolean voice) {
            this.voice = voice;
            return this;
        }

        /**
         * Sets {@link AvailableNumber#addressRequirement()}; {@link AddressRequirement#NONE} by
         * default.
         *
         * @param addressRequirement whether buying the number needs an address registered on the
         *     account, and which
         * @return this builder
         */
        public Builder addressRequirement(AddressRequirement addressRequirement) {
            this.addressRequirement = Objects.requireNonNull(addressRequirement, "addressRequirement");
            return this;
        }

        /**
         * Builds the number for sale.
         *
         * @return the number for sale, immutable
         * @throws NullPointerException if the number is missing
         */
        public AvailableNumber build() {
            return new AvailableNumber(this);
        }
    }
}
