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

    /** Whether buying the number needs an address registered on the account. */
    public enum AddressRequirement {
        NONE,
        ANY,
        LOCAL,
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

    public PhoneNumber phoneNumber() {
        return phoneNumber;
    }

    /** How Twilio displays it, for example {@code (418) 555-0142}. */
    public String displayName() {
        return displayName;
    }

    public String isoCountry() {
        return isoCountry;
    }

    public NumberType type() {
        return type;
    }

    public Optional<String> locality() {
        return Optional.ofNullable(locality);
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<String> postalCode() {
        return Optional.ofNullable(postalCode);
    }

    public boolean sms() {
        return sms;
    }

    public boolean mms() {
        return mms;
    }

    public boolean voice() {
        return voice;
    }

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
