package io.tenanttwilio.numbers;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.text.Problems;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What number a tenant is looking for: a country and a type, then any of area code, digits the
 * number contains, starts or ends with, city, region, postal code, and capabilities.
 *
 * <pre>{@code
 * NumberSearch search = NumberSearch.builder("CA").areaCode("418").limit(10).build();
 * NumberSearch quebecCity = NumberSearch.builder("CA").locality("Québec").endsWith("00").build();
 * NumberSearch withVoice = NumberSearch.builder("US").voice(Capability.REQUIRED).build();
 * }</pre>
 *
 * <p>SMS capability is {@linkplain Capability#REQUIRED required} by default (a number that cannot
 * receive SMS is of no use to this SDK); say {@code sms(Capability.ANY)} to list every number. MMS
 * and voice are {@linkplain Capability#ANY either way} by default.
 *
 * <p>Immutable and thread-safe.
 */
public final class NumberSearch {

    /**
     * Whether a search wants numbers that have a capability (SMS, MMS, voice), numbers that do not,
     * or either. Immutable and thread-safe.
     */
    public enum Capability {
        /** Only numbers that have the capability. */
        REQUIRED,
        /** Only numbers that do not have the capability. */
        EXCLUDED,
        /** Numbers with or without the capability. */
        ANY;

        /**
         * The capability required or excluded.
         *
         * @param enabled {@code true} for {@link #REQUIRED}, {@code false} for {@link #EXCLUDED}
         * @return {@link #REQUIRED} or {@link #EXCLUDED}
         */
        public static Capability of(boolean enabled) {
            return enabled ? REQUIRED : EXCLUDED;
        }
    }

    private final String country;
    private final NumberType type;
    private final @Nullable String areaCode;
    private final @Nullable String contains;
    private final @Nullable String startsWith;
    private final @Nullable String endsWith;
    private final @Nullable String locality;
    private final @Nullable String region;
    private final @Nullable String postalCode;
    private final Capability sms;
    private final Capability mms;
    private final Capability voice;
    private final int limit;

    private NumberSearch(Builder b) {
        this.country = b.country;
        this.type = b.type;
        this.areaCode = b.areaCode;
        this.contains = b.contains;
        this.startsWith = b.startsWith;
        this.endsWith = b.endsWith;
        this.locality = b.locality;
        this.region = b.region;
        this.postalCode = b.postalCode;
        this.sms = b.sms;
        this.mms = b.mms;
        this.voice = b.voice;
        this.limit = b.limit;
    }

    /**
     * Starts a search of local numbers of {@code isoCountry} ({@code "CA"}, {@code "US"} …).
     *
     * @param isoCountry the country's ISO 3166 code, in any case
     * @return a builder that asks for SMS-capable local numbers, 20 at most
     * @throws TenantTwilioException with {@link ErrorCode#INVALID_REQUEST} if
     *     {@code isoCountry} is not two letters
     */
    public static Builder builder(String isoCountry) {
        return new Builder(isoCountry);
    }

    /** {@return the country searched, an ISO 3166 code in upper case} */
    public String country() {
        return country;
    }

    /** {@return the kind of number searched} */
    public NumberType type() {
        return type;
    }

    /** {@return a North American area code ({@code "418"})} */
    public Optional<String> areaCode() {
        return Optional.ofNullable(areaCode);
    }

    /**
     * {@return digits (or letters, read as keypad digits) the number contains anywhere; {@code *}
     * stands for any digit}
     */
    public Optional<String> contains() {
        return Optional.ofNullable(contains);
    }

    /**
     * {@return digits the national number starts with (after the area code too: {@code "581500"})}
     */
    public Optional<String> startsWith() {
        return Optional.ofNullable(startsWith);
    }

    /** {@return digits the number ends with} */
    public Optional<String> endsWith() {
        return Optional.ofNullable(endsWith);
    }

    /** {@return the city the number belongs to} */
    public Optional<String> locality() {
        return Optional.ofNullable(locality);
    }

    /** {@return the state or province ({@code "QC"})} */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** {@return the postal code the number belongs to} */
    public Optional<String> postalCode() {
        return Optional.ofNullable(postalCode);
    }

    /**
     * {@return whether the number must do SMS, must not, or either will do; {@link
     * Capability#REQUIRED} unless set}
     */
    public Capability sms() {
        return sms;
    }

    /**
     * {@return whether the number must do MMS, must not, or either will do; {@link Capability#ANY}
     * unless set}
     */
    public Capability mms() {
        return mms;
    }

    /**
     * {@return whether the number must do voice, must not, or either will do; {@link
     * Capability#ANY} unless set}
     */
    public Capability voice() {
        return voice;
    }

    /** {@return the most results returned, 1 to 50} */
    public int limit() {
        return limit;
    }

    @Override
    public String toString() {
        StringBuilder text =
                new StringBuilder("NumberSearch[").append(country).append(' ').append(type);
        append(text, "areaCode", areaCode);
        append(text, "contains", contains);
        append(text, "startsWith", startsWith);
        append(text, "endsWith", endsWith);
        append(text, "locality", locality);
        append(text, "region", region);
        append(text, "postalCode", postalCode);
        append(text, "sms", sms == Capability.ANY ? null : sms);
        append(text, "mms", mms == Capability.ANY ? null : mms);
        append(text, "voice", voice == Capability.ANY ? null : voice);
        return text.append(", limit=").append(limit).append(']').toString();
    }

    private static void append(StringBuilder text, String name, @Nullable Object value) {
        if (value != null) {
            text.append(", ").append(name).append('=').append(value);
        }
    }

    /** Builds a {@link NumberSearch}; values are checked as they are set. Not thread-safe. */
    public static final class Builder {
        private final String country;
        private NumberType type = NumberType.LOCAL;
        private @Nullable String areaCode;
        private @Nullable String contains;
        private @Nullable String startsWith;
        private @Nullable String endsWith;
        private @Nullable String locality;
        private @Nullable String region;
        private @Nullable String postalCode;
        private Capability sms = Capability.REQUIRED;
        private Capability mms = Capability.ANY;
        private Capability voice = Capability.ANY;
        private int limit = 20;

        private Builder(String isoCountry) {
            Objects.requireNonNull(isoCountry, "isoCountry");
            String upper = isoCountry.strip().toUpperCase(Locale.ROOT);
            if (!upper.matches("[A-Z]{2}")) {
                throw invalid("country", isoCountry);
            }
            this.country = upper;
        }

        /**
         * Sets the kind of number; {@link NumberType#LOCAL} by default.
         *
         * @param type the kind of number
         * @return this builder
         */
        public Builder type(NumberType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * A three-digit North American area code.
         *
         * @param areaCode three digits, the first 2 to 9; {@code null} or blank for any
         * @return this builder
         * @throws TenantTwilioException with {@link ErrorCode#INVALID_REQUEST} if
         *     it is not an area code
         */
        public Builder areaCode(@Nullable String areaCode) {
            String value = blankToNull(areaCode);
            if (value != null && !value.matches("[2-9][0-9]{2}")) {
                throw invalid("area-code", value);
            }
            this.areaCode = value;
            return this;
        }

        /**
         * Two to sixteen digits or letters the number contains; {@code *} stands for any digit.
         *
         * @param pattern the digits or letters; spaces, dots, dashes and parentheses are ignored;
         *     {@code null} or blank for any
         * @return this builder
         * @throws TenantTwilioException with {@link ErrorCode#INVALID_REQUEST} if
         *     it is not 2 to 16 digits, letters or {@code *}
         */
        public Builder contains(@Nullable String pattern) {
            this.contains = pattern(pattern, "contains");
            return this;
        }

        /**
         * Digits the national number starts with.
         *
         * @param digits up to 15 digits; spaces, dots, dashes and parentheses are ignored; {@code
         *     null} or blank for any
         * @return this builder
         * @throws TenantTwilioException with {@link ErrorCode#INVALID_REQUEST} if
         *     it is not digits
         */
        public Builder startsWith(@Nullable String digits) {
            this.startsWith = digits(digits, "starts-with");
            return this;
        }

        /**
         * Digits the number ends with.
         *
         * @param digits up to 15 digits; spaces, dots, dashes and parentheses are ignored; {@code
         *     null} or blank for any
         * @return this builder
         * @throws TenantTwilioException with {@link ErrorCode#INVALID_REQUEST} if
         *     it is not digits
         */
        public Builder endsWith(@Nullable String digits) {
            this.endsWith = digits(digits, "ends-with");
            return this;
        }

        /**
         * Restricts the search to a city.
         *
         * @param locality the city's name, as Twilio knows it ({@code "Québec"}); {@code null} or
         *     blank for any
         * @return this builder
         */
        public Builder locality(@Nullable String locality) {
            this.locality = blankToNull(locality);
            return this;
        }

        /**
         * Restricts the search to a state or province.
         *
         * @param region its code ({@code "QC"}), in any case; {@code null} or blank for any
         * @return this builder
         */
        public Builder region(@Nullable String region) {
            String value = blankToNull(region);
            this.region = value == null ? null : value.toUpperCase(Locale.ROOT);
            return this;
        }

        /**
         * Restricts the search to a postal code.
         *
         * @param postalCode the postal code; {@code null} or blank for any
         * @return this builder
         */
        public Builder postalCode(@Nullable String postalCode) {
            this.postalCode = blankToNull(postalCode);
            return this;
        }

        /**
         * Wants numbers that do SMS ({@link Capability#REQUIRED}, the default), that do not, or
         * either.
         *
         * @param sms {@link Capability#REQUIRED}, {@link Capability#EXCLUDED} or {@link
         *     Capability#ANY}
         * @return this builder
         */
        public Builder sms(Capability sms) {
            this.sms = Objects.requireNonNull(sms, "sms");
            return this;
        }

        /**
         * Wants numbers that do MMS, that do not, or either ({@link Capability#ANY}, the default).
         *
         * @param mms {@link Capability#REQUIRED}, {@link Capability#EXCLUDED} or {@link
         *     Capability#ANY}
         * @return this builder
         */
        public Builder mms(Capability mms) {
            this.mms = Objects.requireNonNull(mms, "mms");
            return this;
        }

        /**
         * Wants numbers that do voice, that do not, or either ({@link Capability#ANY}, the
         * default).
         *
         * @param voice {@link Capability#REQUIRED}, {@link Capability#EXCLUDED} or {@link
         *     Capability#ANY}
         * @return this builder
         */
        public Builder voice(Capability voice) {
            this.voice = Objects.requireNonNull(voice, "voice");
            return this;
        }

        /**
         * Requires numbers that do SMS ({@code true}, the default) or that do not; {@link
         * #sms(Capability)} also allows either.
         *
         * @param enabled {@code true} for {@link Capability#REQUIRED}, {@code false} for {@link
         *     Capability#EXCLUDED}
         * @return this builder
         */
        public Builder smsEnabled(boolean enabled) {
            return sms(Capability.of(enabled));
        }

        /**
         * Requires numbers that do MMS, or that do not; {@link #mms(Capability)} also allows either.
         *
         * @param enabled {@code true} for {@link Capability#REQUIRED}, {@code false} for {@link
         *     Capability#EXCLUDED}
         * @return this builder
         */
        public Builder mmsEnabled(boolean enabled) {
            return mms(Capability.of(enabled));
        }

        /**
         * Requires numbers that do voice, or that do not; {@link #voice(Capability)} also allows
         * either.
         *
         * @param enabled {@code true} for {@link Capability#REQUIRED}, {@code false} for {@link
         *     Capability#EXCLUDED}
         * @return this builder
         */
        public Builder voiceEnabled(boolean enabled) {
            return voice(Capability.of(enabled));
        }

        /**
         * At most {@code limit} results, 1 to 50; 20 by default.
         *
         * @param limit the most results returned, 1 to 50
         * @return this builder
         * @throws TenantTwilioException with {@link ErrorCode#INVALID_REQUEST} if
         *     it is out of range
         */
        public Builder limit(int limit) {
            if (limit < 1 || limit > 50) {
                throw invalid("limit", limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Builds the search.
         *
         * @return the search, immutable
         * @throws TenantTwilioException with {@link ErrorCode#INVALID_REQUEST} if
         *     an area code is given for a country other than the United States or Canada
         */
        public NumberSearch build() {
            if (areaCode != null && !(country.equals("US") || country.equals("CA"))) {
                throw invalid("area-code-country", country);
            }
            return new NumberSearch(this);
        }

        private static @Nullable String blankToNull(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }

        private static @Nullable String digits(@Nullable String value, String field) {
            String digits = blankToNull(value);
            if (digits == null) {
                return null;
            }
            digits = digits.replaceAll("[\\s().-]", "");
            if (!digits.matches("[0-9]{1,15}")) {
                throw invalid(field, value);
            }
            return digits;
        }

        private static @Nullable String pattern(@Nullable String value, String field) {
            String pattern = blankToNull(value);
            if (pattern == null) {
                return null;
            }
            pattern = pattern.replaceAll("[\\s().-]", "");
            if (!pattern.matches("[0-9A-Za-z*]{2,16}")) {
                throw invalid(field, value);
            }
            return pattern;
        }

        private static TenantTwilioException invalid(String field, @Nullable Object value) {
            return Problems.builder(ErrorCode.INVALID_REQUEST)
                    .detail("search." + field, String.valueOf(value))
                    .build();
        }
    }
}
