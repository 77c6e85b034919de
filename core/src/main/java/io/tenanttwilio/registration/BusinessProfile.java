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
 * and an A2P profile (TrustProduct).
 *
 * <p>{@link Builder#build()} checks every field and reports them all at once in an {@link
 * InvalidRegistrationException}. {@link #toString()} shows the legal name only.
 *
 * <p>Immutable and thread-safe.
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

    private final String legalName;
    private final BusinessType businessType;
    private final Industry industry;
    private final RegistrationAuthority authority;
    private final String registrationNumber;
    private final URI website;
    private final String street;
    private final String city;
    private final String region;
    private final String postalCode;
    private final String country;
    private final String contactFirstName;
    private final String contactLastName;
    private final String contactEmail;
    private final PhoneNumber contactPhone;
    private final String contactTitle;
    private final JobPosition contactPosition;
    private final CompanyType companyType;
    private final @Nullable String stockExchange;
    private final @Nullable String stockTicker;

    private BusinessProfile(Builder b, Checked c) {
        this.legalName = c.legalName;
        this.businessType = Objects.requireNonNull(b.businessType);
        this.industry = Objects.requireNonNull(b.industry);
        this.authority = Objects.requireNonNull(b.authority);
        this.registrationNumber = c.registrationNumber;
        this.website = c.website;
        this.street = c.street;
        this.city = c.city;
        this.region = c.region;
        this.postalCode = c.postalCode;
        this.country = c.country;
        this.contactFirstName = c.firstName;
        this.contactLastName = c.lastName;
        this.contactEmail = c.email;
        this.contactPhone = c.phone;
        this.contactTitle = c.title;
        this.contactPosition = b.contactPosition;
        this.companyType = b.companyType;
        this.stockExchange = c.exchange;
        this.stockTicker = c.ticker;
    }

    /** {@return a builder with no field set} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this profile's fields, to correct one} */
    public Builder toBuilder() {
        return new Builder()
                .legalName(legalName)
                .businessType(businessType)
                .industry(industry)
                .registrationAuthority(authority)
                .registrationNumber(registrationNumber)
                .website(website.toString())
                .street(street)
                .city(city)
                .region(region)
                .postalCode(postalCode)
                .country(country)
                .contactFirstName(contactFirstName)
                .contactLastName(contactLastName)
                .contactEmail(contactEmail)
                .contactPhone(contactPhone.e164())
                .contactTitle(contactTitle)
                .contactPosition(contactPosition)
                .companyType(companyType)
                .stockExchange(stockExchange)
                .stockTicker(stockTicker);
    }

    /** {@return the business's legal name, exactly as registered} */
    public String legalName() {
        return legalName;
    }

    /** {@return the business's legal form} */
    public BusinessType businessType() {
        return businessType;
    }

    /** {@return the business's industry} */
    public Industry industry() {
        return industry;
    }

    /** {@return who issued the registration number} */
    public RegistrationAuthority registrationAuthority() {
        return authority;
    }

    /** {@return the registration number, spaces removed} */
    public String registrationNumber() {
        return registrationNumber;
    }

    /** {@return the business's website} */
    public URI website() {
        return website;
    }

    /** {@return the street address} */
    public String street() {
        return street;
    }

    /** {@return the city} */
    public String city() {
        return city;
    }

    /** {@return the state or province} */
    public String region() {
        return region;
    }

    /** {@return the ZIP or postal code} */
    public String postalCode() {
        return postalCode;
    }

    /** {@return the country, ISO 3166 alpha-2} */
    public String country() {
        return country;
    }

    /** {@return the representative's first name} */
    public String contactFirstName() {
        return contactFirstName;
    }

    /** {@return the representative's last name} */
    public String contactLastName() {
        return contactLastName;
    }

    /** {@return the representative's email, where Twilio also writes about the review} */
    public String contactEmail() {
        return contactEmail;
    }

    /** {@return the representative's phone number} */
    public PhoneNumber contactPhone() {
        return contactPhone;
    }

    /** {@return the representative's title} */
    public String contactTitle() {
        return contactTitle;
    }

    /** {@return the representative's position} */
    public JobPosition contactPosition() {
        return contactPosition;
    }

    /** {@return the kind of company} */
    public CompanyType companyType() {
        return companyType;
    }

    /** {@return the stock exchange of a public company} */
    public Optional<String> stockExchange() {
        return Optional.ofNullable(stockExchange);
    }

    /** {@return the stock ticker of a public company} */
    public Optional<String> stockTicker() {
        return Optional.ofNullable(stockTicker);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BusinessProfile that && toBuilder().same(that.toBuilder());
    }

    @Override
    public int hashCode() {
        return Objects.hash(legalName, registrationNumber, website, contactEmail);
    }

    @Override
    public String toString() {
        return "BusinessProfile[" + legalName + "]";
    }

    /** The fields once checked. */
    private static final class Checked {
        String legalName = "";
        String registrationNumber = "";
        URI website = URI.create("https://invalid.example");
        String street = "";
        String city = "";
        String region = "";
        String postalCode = "";
        String country = "";
        String firstName = "";
        String lastName = "";
        String email = "";
        PhoneNumber phone = PhoneNumber.ofE164("+15005550006");
        String title = "";

        @Nullable
        String exchange;

        @Nullable
        String ticker;
    }

    /** Builds a {@link BusinessProfile}. Not thread-safe. */
    public static final class Builder {

        private static final Pattern ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
        private static final Pattern CANADIAN_POSTAL_CODE = Pattern.compile("[A-Z]\\d[A-Z] ?\\d[A-Z]\\d");

        private @Nullable String legalName;
        private @Nullable BusinessType businessType;
        private @Nullable Industry industry;
        private @Nullable RegistrationAuthority authority;
        private @Nullable String registrationNumber;
        private @Nullable String website;
        private @Nullable String street;
        private @Nullable String city;
        private @Nullable String region;
        private @Nullable String postalCode;
        private @Nullable String country;
        private @Nullable String contactFirstName;
        private @Nullable String contactLastName;
        private @Nullable String contactEmail;
        private @Nullable String contactPhone;
        private @Nullable String contactTitle;
        private JobPosition contactPosition = JobPosition.OTHER;
        private CompanyType companyType = CompanyType.PRIVATE;
        private @Nullable String stockExchange;
        private @Nullable String stockTicker;

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

        boolean same(Builder other) {
            return Objects.equals(legalName, other.legalName)
                    && businessType == other.businessType
                    && industry == other.industry
                    && authority == other.authority
                    && Objects.equals(registrationNumber, other.registrationNumber)
                    && Objects.equals(website, other.website)
                    && Objects.equals(street, other.street)
                    && Objects.equals(city, other.city)
                    && Objects.equals(region, other.region)
                    && Objects.equals(postalCode, other.postalCode)
                    && Objects.equals(country, other.country)
                    && Objects.equals(contactFirstName, other.contactFirstName)
                    && Objects.equals(contactLastName, other.contactLastName)
                    && Objects.equals(contactEmail, other.contactEmail)
                    && Objects.equals(contactPhone, other.contactPhone)
                    && Objects.equals(contactTitle, other.contactTitle)
                    && contactPosition == other.contactPosition
                    && companyType == other.companyType
                    && Objects.equals(stockExchange, other.stockExchange)
                    && Objects.equals(stockTicker, other.stockTicker);
        }

        /**
         * Every field's problem, without throwing (for a form that shows them as they are typed).
         *
         * @return the problems, empty when the profile can be built
         */
        public java.util.List<FieldProblem> problems() {
            FieldChecks checks = new FieldChecks();
            check(checks);
            return checks.problems();
        }

        private Checked check(FieldChecks checks) {
            Checked c = new Checked();
            c.legalName = orEmpty(checks.text("legalName", legalName, 2, 255));
            checks.required("businessType", businessType);
            checks.required("industry", industry);
            checks.required("registrationAuthority", authority);
            String number = checks.text("registrationNumber", registrationNumber, 4, 32);
            if (number != null && authority != null) {
                if (!authority.accepts(number)) {
                    checks.add(
                            "registrationNumber",
                            "registration.field.registration-number."
                                    + authority.name().toLowerCase(Locale.ROOT));
                } else {
                    c.registrationNumber = RegistrationAuthority.normalize(number);
                }
            }
            URI site = checks.website("website", website);
            if (site != null) {
                c.website = site;
            }
            c.street = orEmpty(checks.text("street", street, 3, 255));
            c.city = orEmpty(checks.text("city", city, 2, 100));
            c.region = orEmpty(checks.text("region", region, 2, 100));
            c.country = orEmpty(checks.country("country", country));
            String code = checks.text("postalCode", postalCode, 3, 16);
            if (code != null) {
                String upper = code.toUpperCase(Locale.ROOT);
                if (c.country.equals("US") && !ZIP.matcher(upper).matches()) {
                    checks.add("postalCode", "registration.field.postal-code.us");
                } else if (c.country.equals("CA")
                        && !CANADIAN_POSTAL_CODE.matcher(upper).matches()) {
                    checks.add("postalCode", "registration.field.postal-code.ca");
                } else {
                    c.postalCode = upper;
                }
            }
            c.firstName = orEmpty(checks.text("contactFirstName", contactFirstName, 1, 100));
            c.lastName = orEmpty(checks.text("contactLastName", contactLastName, 1, 100));
            c.email = orEmpty(checks.email("contactEmail", contactEmail));
            PhoneNumber phone = checks.phone("contactPhone", contactPhone, c.country.isEmpty() ? null : c.country);
            if (phone != null) {
                c.phone = phone;
            }
            c.title = orEmpty(checks.text("contactTitle", contactTitle, 2, 100));
            if (companyType == CompanyType.PUBLIC) {
                c.exchange = checks.text("stockExchange", stockExchange, 2, 32);
                c.ticker = checks.text("stockTicker", stockTicker, 1, 16);
            } else {
                c.exchange = checks.optionalText("stockExchange", stockExchange, 32);
                c.ticker = checks.optionalText("stockTicker", stockTicker, 16);
            }
            return c;
        }

        private static String orEmpty(@Nullable String value) {
            return value == null ? "" : value;
        }

        /**
         * Checks every field and builds the profile.
         *
         * @return the profile
         * @throws InvalidRegistrationException naming every field that is refused, and why
         */
        public BusinessProfile build() {
            FieldChecks checks = new FieldChecks();
            Checked checked = check(checks);
            checks.throwIfFailed();
            return new BusinessProfile(this, checked);
        }
    }
}
