package io.tenanttwilio.registration;

import io.tenanttwilio.phone.PhoneNumber;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What Twilio and the carriers need to know about the tenant's business, given once: its legal
 * name and registration number, address, website, and the person who represents it. The SDK
 * turns it into a Twilio business profile (CustomerProfile with its EndUsers and address document)
 * and an A2P profile (TrustProduct). {@link Builder#build()} checks every field and reports them
 * all at once in an {@link InvalidRegistrationException}. {@link #toString()} shows the legal name
 * only. Immutable and thread-safe.
 */
public final class BusinessProfile {

    /** The legal form of the business, as Twilio names it. Immutable and thread-safe. */
    public enum BusinessType {
        /** A sole proprietorship. */
        SOLE_PROPRIETORSHIP("Sole Proprietorship"),
        /** A partnership. */
        PARTNERSHIP("Partnership"),
        /** A corporation. */
        CORPORATION("Corporation"),
        /** A limited liability corporation. */
        LIMITED_LIABILITY_CORPORATION("Limited Liability Corporation"),
        /** A co-operative. */
        CO_OPERATIVE("Co-operative"),
        /** A non-profit corporation. */
        NON_PROFIT_CORPORATION("Non-profit Corporation");

        private final String twilioName;

        BusinessType(String twilioName) {
            this.twilioName = twilioName;
        }

        /** {@return the value Twilio expects} */
        public String twilioName() {
            return twilioName;
        }
    }

    /** The business's industry, as Twilio names it. Immutable and thread-safe. */
    public enum Industry {
        /** Health care: clinics, practices, hospitals. */
        HEALTHCARE,
        /** Professional services. */
        PROFESSIONAL_SERVICES,
        /** Retail. */
        RETAIL,
        /** Education. */
        EDUCATION,
        /** Financial services. */
        FINANCIAL,
        /** Insurance. */
        INSURANCE,
        /** Legal services. */
        LEGAL,
        /** Real estate. */
        REAL_ESTATE,
        /** Hospitality. */
        HOSPITALITY,
        /** Technology. */
        TECHNOLOGY,
        /** Government. */
        GOVERNMENT,
        /** Not for profit. */
        NOT_FOR_PROFIT
    }

    /** Who issued the business's registration number. Immutable and thread-safe. */
    public enum RegistrationAuthority {
        /** US Employer Identification Number: nine digits ({@code 12-3456789}). */
        EIN("EIN", Pattern.compile("\\d{2}-?\\d{7}")),
        /** Canada Business Number: nine digits, optionally followed by a program account ({@code RC0001}). */
        CBN("CBN", Pattern.compile("\\d{9}([A-Z]{2}\\d{4})?")),
        /** Québec enterprise number (NEQ): ten digits. */
        NEQ("Other", Pattern.compile("\\d{10}")),
        /** A number from another provincial registry. */
        PROVINCIAL_NUMBER("Other", Pattern.compile("[A-Z0-9-]{4,20}")),
        /** Dun &amp; Bradstreet number: nine digits. */
        DUNS("DUNS", Pattern.compile("\\d{9}"));

        private final String twilioIdentifier;
        private final Pattern format;

        RegistrationAuthority(String twilioIdentifier, Pattern format) {
            this.twilioIdentifier = twilioIdentifier;
            this.format = format;
        }

        /** {@return the business registration identifier Twilio's business profile takes} */
        public String twilioIdentifier() {
            return twilioIdentifier;
        }

        /**
         * Whether {@code number} has this authority's format, once spaces are removed.
         *
         * @param number the number as typed
         * @return {@code true} when the format fits
         */
        public boolean accepts(String number) {
            return format.matcher(normalize(number)).matches();
        }

        static String normalize(String number) {
            return number.replaceAll("[\\s]", "").toUpperCase(Locale.ROOT);
        }
    }

    /** The kind of company for the A2P profile. Immutable and thread-safe. */
    public enum CompanyType {
        /** A privately held company. */
        PRIVATE,
        /** A publicly traded company; needs its exchange and ticker. */
        PUBLIC,
        /** A non-profit organization. */
        NON_PROFIT,
        /** A government body. */
        GOVERNMENT
    }

    /** The representative's position, as Twilio names it. Immutable and thread-safe. */
    public enum JobPosition {
        /** Director. */
        DIRECTOR("Director"),
        /** General manager. */
        GM("GM"),
        /** Vice president. */
        VP("VP"),
        /** Chief executive officer. */
        CEO("CEO"),
        /** Chief financial officer. */
        CFO("CFO"),
        /** General counsel. */
        GENERAL_COUNSEL("General Counsel"),
        /** Another position. */
        OTHER("Other");

        private final String twilioName;

        JobPosition(String twilioName) {
            this.twilioName = twilioName;
        }

        /** {@return the value Twilio expects} */
        public String twilioName() {
            return twilioName;
        }
    }

    private final BusinessProfileChecks.Checked f;

    private BusinessProfile(Builder b, BusinessProfileChecks.Checked checked) {
        checked.businessType = Objects.requireNonNull(b.businessType);
        checked.industry = Objects.requireNonNull(b.industry);
        checked.authority = Objects.requireNonNull(b.authority);
        checked.contactPosition = b.contactPosition;
        checked.companyType = b.companyType;
        this.f = checked;
    }

    /** {@return a builder with no field set} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this profile's fields, to correct one} */
    public Builder toBuilder() {
        return new Builder()
                .legalName(f.legalName)
                .businessType(f.businessType)
                .industry(f.industry)
                .registrationAuthority(f.authority)
                .registrationNumber(f.registrationNumber)
                .website(f.website.toString())
                .street(f.street)
                .city(f.city)
                .region(f.region)
                .postalCode(f.postalCode)
                .country(f.country)
                .contactFirstName(f.firstName)
                .contactLastName(f.lastName)
                .contactEmail(f.email)
                .contactPhone(f.phone.e164())
                .contactTitle(f.title)
                .contactPosition(f.contactPosition)
                .companyType(f.companyType)
                .stockExchange(f.exchange)
                .stockTicker(f.ticker);
    }

    /** {@return the business's legal name, exactly as registered} */
    public String legalName() {
        return f.legalName;
    }

    /** {@return the business's legal form} */
    public BusinessType businessType() {
        return f.businessType;
    }

    /** {@return the business's industry} */
    public Industry industry() {
        return f.industry;
    }

    /** {@return who issued the registration number} */
    public RegistrationAuthority registrationAuthority() {
        return f.authority;
    }

    /** {@return the registration number, spaces removed} */
    public String registrationNumber() {
        return f.registrationNumber;
    }

    /** {@return the business's website} */
    public URI website() {
        return f.website;
    }

    /** {@return the street address} */
    public String street() {
        return f.street;
    }

    /** {@return the city} */
    public String city() {
        return f.city;
    }

    /** {@return the state or province} */
    public String region() {
        return f.region;
    }

    /** {@return the ZIP or postal code} */
    public String postalCode() {
        return f.postalCode;
    }

    /** {@return the country, ISO 3166 alpha-2} */
    public String country() {
        return f.country;
    }

    /** {@return the representative's first name} */
    public String contactFirstName() {
        return f.firstName;
    }

    /** {@return the representative's last name} */
    public String contactLastName() {
        return f.lastName;
    }

    /** {@return the representative's email, where Twilio also writes about the review} */
    public String contactEmail() {
        return f.email;
    }

    /** {@return the representative's phone number} */
    public PhoneNumber contactPhone() {
        return f.phone;
    }

    /** {@return the representative's title} */
    public String contactTitle() {
        return f.title;
    }

    /** {@return the representative's position} */
    public JobPosition contactPosition() {
        return f.contactPosition;
    }

    /** {@return the kind of company} */
    public CompanyType companyType() {
        return f.companyType;
    }

    /** {@return the stock exchange of a public company} */
    public Optional<String> stockExchange() {
        return Optional.ofNullable(f.exchange);
    }

    /** {@return the stock ticker of a public company} */
    public Optional<String> stockTicker() {
        return Optional.ofNullable(f.ticker);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BusinessProfile that && BusinessProfileChecks.same(toBuilder(), that.toBuilder());
    }

    @Override
    public int hashCode() {
        return Objects.hash(f.legalName, f.registrationNumber, f.website, f.email);
    }

    @Override
    public String toString() {
        return "BusinessProfile[" + f.legalName + "]";
    }

    /** Builds a {@link BusinessProfile}. Not thread-safe. */
    public static final class Builder {

        @Nullable
        String legalName;

        @Nullable
        BusinessType businessType;

        @Nullable
        Industry industry;

        @Nullable
        RegistrationAuthority authority;

        @Nullable
        String registrationNumber;

        @Nullable
        String website;

        @Nullable
        String street;

        @Nullable
        String city;

        @Nullable
        String region;

        @Nullable
        String postalCode;

        @Nullable
        String country;

        @Nullable
        String contactFirstName;

        @Nullable
        String contactLastName;

        @Nullable
        String contactEmail;

        @Nullable
        String contactPhone;

        @Nullable
        String contactTitle;

        JobPosition contactPosition = JobPosition.OTHER;
        CompanyType companyType = CompanyType.PRIVATE;

        @Nullable
        String stockExchange;

        @Nullable
        String stockTicker;

        private Builder() {}

        /**
         * The legal name, exactly as registered (at most 255 characters).
         *
         * @param name the name
         * @return this builder
         */
        public Builder legalName(@Nullable String name) {
            this.legalName = name;
            return this;
        }

        /**
         * The legal form.
         *
         * @param type the form
         * @return this builder
         */
        public Builder businessType(@Nullable BusinessType type) {
            this.businessType = type;
            return this;
        }

        /**
         * The industry.
         *
         * @param industry the industry
         * @return this builder
         */
        public Builder industry(@Nullable Industry industry) {
            this.industry = industry;
            return this;
        }

        /**
         * Who issued the registration number.
         *
         * @param authority EIN (US), CBN (Canada), NEQ (Québec), …
         * @return this builder
         */
        public Builder registrationAuthority(@Nullable RegistrationAuthority authority) {
            this.authority = authority;
            return this;
        }

        /**
         * The registration number, in the authority's format.
         *
         * @param number the number as typed (spaces are removed)
         * @return this builder
         */
        public Builder registrationNumber(@Nullable String number) {
            this.registrationNumber = number;
            return this;
        }

        /**
         * The business's website ({@code https://} is assumed when no scheme is given).
         *
         * @param website the address
         * @return this builder
         */
        public Builder website(@Nullable String website) {
            this.website = website;
            return this;
        }

        /**
         * The street address.
         *
         * @param street number and street
         * @return this builder
         */
        public Builder street(@Nullable String street) {
            this.street = street;
            return this;
        }

        /**
         * The city.
         *
         * @param city the city
         * @return this builder
         */
        public Builder city(@Nullable String city) {
            this.city = city;
            return this;
        }

        /**
         * The state or province.
         *
         * @param region its name or code ({@code QC})
         * @return this builder
         */
        public Builder region(@Nullable String region) {
            this.region = region;
            return this;
        }

        /**
         * The ZIP or postal code (checked for the US and Canada).
         *
         * @param postalCode the code
         * @return this builder
         */
        public Builder postalCode(@Nullable String postalCode) {
            this.postalCode = postalCode;
            return this;
        }

        /**
         * The country.
         *
         * @param country ISO 3166 alpha-2 ({@code CA}, {@code US})
         * @return this builder
         */
        public Builder country(@Nullable String country) {
            this.country = country;
            return this;
        }

        /**
         * The representative's first name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder contactFirstName(@Nullable String name) {
            this.contactFirstName = name;
            return this;
        }

        /**
         * The representative's last name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder contactLastName(@Nullable String name) {
            this.contactLastName = name;
            return this;
        }

        /**
         * The representative's email.
         *
         * @param email the address
         * @return this builder
         */
        public Builder contactEmail(@Nullable String email) {
            this.contactEmail = email;
            return this;
        }

        /**
         * The representative's phone number (national numbers are read in the profile's country).
         *
         * @param phone the number as typed
         * @return this builder
         */
        public Builder contactPhone(@Nullable String phone) {
            this.contactPhone = phone;
            return this;
        }

        /**
         * The representative's title.
         *
         * @param title the title
         * @return this builder
         */
        public Builder contactTitle(@Nullable String title) {
            this.contactTitle = title;
            return this;
        }

        /**
         * The representative's position ({@link JobPosition#OTHER} unless set).
         *
         * @param position the position
         * @return this builder
         */
        public Builder contactPosition(JobPosition position) {
            this.contactPosition = Objects.requireNonNull(position, "position");
            return this;
        }

        /**
         * The kind of company ({@link CompanyType#PRIVATE} unless set).
         *
         * @param type the kind
         * @return this builder
         */
        public Builder companyType(CompanyType type) {
            this.companyType = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * The stock exchange of a public company.
         *
         * @param exchange its name ({@code NASDAQ}, {@code TSX})
         * @return this builder
         */
        public Builder stockExchange(@Nullable String exchange) {
            this.stockExchange = exchange;
            return this;
        }

        /**
         * The stock ticker of a public company.
         *
         * @param ticker the ticker
         * @return this builder
         */
        public Builder stockTicker(@Nullable String ticker) {
            this.stockTicker = ticker;
            return this;
        }

        /**
         * Every field's problem, without throwing (for a form that shows them as they are typed).
         *
         * @return the problems, empty when the profile can be built
         */
        public java.util.List<FieldProblem> problems() {
            FieldChecks checks = new FieldChecks();
            BusinessProfileChecks.check(this, checks);
            return checks.problems();
        }

        /**
         * Checks every field and builds the profile.
         *
         * @return the profile
         * @throws InvalidRegistrationException naming every field that is refused, and why
         */
        public BusinessProfile build() {
            FieldChecks checks = new FieldChecks();
            BusinessProfileChecks.Checked checked = BusinessProfileChecks.check(this, checks);
            checks.throwIfFailed();
            return new BusinessProfile(this, checked);
        }
    }
}
