package io.tenanttwilio.numbers;

import io.tenanttwilio.phone.PhoneNumber;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A number offered for sale, as a search found it. {@link #toString()} masks the number.
 * Immutable and thread-safe.
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

    /**
     * A number for sale; the SDK creates them from Twilio's answer, applications only in tests.
     *
     * @param phoneNumber the number
     * @param displayName how Twilio displays it
     * @param isoCountry the ISO 3166 country of the number, upper case
     * @param type the kind of number
     * @param locality the city, or {@code null} when Twilio does not say
     * @param region the state or province, or {@code null} when Twilio does not say
     * @param postalCode the postal code, or {@code null} when Twilio does not say
     * @param sms whether the number can send and receive SMS
     * @param mms whether the number can send and receive MMS
     * @param voice whether the number can make and receive calls
     * @param addressRequirement whether buying it needs an address registered on the account
     */
    public AvailableNumber(
            PhoneNumber phoneNumber,
            String displayName,
            String isoCountry,
            NumberType type,
            @Nullable String locality,
            @Nullable String region,
            @Nullable String postalCode,
            boolean sms,
            boolean mms,
            boolean voice,
            AddressRequirement addressRequirement) {
        this.phoneNumber = Objects.requireNonNull(phoneNumber, "phoneNumber");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.isoCountry = Objects.requireNonNull(isoCountry, "isoCountry");
        this.type = Objects.requireNonNull(type, "type");
        this.locality = locality;
        this.region = region;
        this.postalCode = postalCode;
        this.sms = sms;
        this.mms = mms;
        this.voice = voice;
        this.addressRequirement = Objects.requireNonNull(addressRequirement, "addressRequirement");
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

    @Override
    public String toString() {
        return "AvailableNumber[" + phoneNumber.masked() + ", " + isoCountry + " " + type
                + (locality == null ? "" : ", " + locality) + (sms ? ", sms" : "") + (mms ? ", mms" : "")
                + (voice ? ", voice" : "") + "]";
    }
}
