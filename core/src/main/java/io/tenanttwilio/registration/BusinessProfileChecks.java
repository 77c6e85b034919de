package io.tenanttwilio.registration;

import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.BusinessProfile.CompanyType;
import io.tenanttwilio.registration.BusinessProfile.RegistrationAuthority;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The checks of a {@link BusinessProfile}'s fields, and the builders' comparison. */
final class BusinessProfileChecks {

    private static final Pattern ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
    private static final Pattern CANADIAN_POSTAL_CODE = Pattern.compile("[A-Z]\\d[A-Z] ?\\d[A-Z]\\d");

    private BusinessProfileChecks() {}

    /** The fields once checked. */
    static final class Checked {
        BusinessProfile.BusinessType businessType = BusinessProfile.BusinessType.CORPORATION;
        BusinessProfile.Industry industry = BusinessProfile.Industry.HEALTHCARE;
        RegistrationAuthority authority = RegistrationAuthority.EIN;
        BusinessProfile.JobPosition contactPosition = BusinessProfile.JobPosition.OTHER;
        CompanyType companyType = CompanyType.PRIVATE;
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

    static Checked check(BusinessProfile.Builder b, FieldChecks checks) {
        Checked c = new Checked();
        c.legalName = orEmpty(checks.text("legalName", b.legalName, 2, 255));
        checks.required("businessType", b.businessType);
        checks.required("industry", b.industry);
        checks.required("registrationAuthority", b.authority);
        String number = checks.text("registrationNumber", b.registrationNumber, 4, 32);
        if (number != null && b.authority != null) {
            if (!b.authority.accepts(number)) {
                checks.add(
                        "registrationNumber",
                        "registration.field.registration-number."
                                + b.authority.name().toLowerCase(Locale.ROOT));
            } else {
                c.registrationNumber = RegistrationAuthority.normalize(number);
            }
        }
        URI site = checks.website("website", b.website);
        if (site != null) {
            c.website = site;
        }
        c.street = orEmpty(checks.text("street", b.street, 3, 255));
        c.city = orEmpty(checks.text("city", b.city, 2, 100));
        c.region = orEmpty(checks.text("region", b.region, 2, 100));
        c.country = orEmpty(checks.country("country", b.country));
        String code = checks.text("postalCode", b.postalCode, 3, 16);
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
        c.firstName = orEmpty(checks.text("contactFirstName", b.contactFirstName, 1, 100));
        c.lastName = orEmpty(checks.text("contactLastName", b.contactLastName, 1, 100));
        c.email = orEmpty(checks.email("contactEmail", b.contactEmail));
        PhoneNumber phone = checks.phone("contactPhone", b.contactPhone, c.country.isEmpty() ? null : c.country);
        if (phone != null) {
            c.phone = phone;
        }
        c.title = orEmpty(checks.text("contactTitle", b.contactTitle, 2, 100));
        if (b.companyType == CompanyType.PUBLIC) {
            c.exchange = checks.text("stockExchange", b.stockExchange, 2, 32);
            c.ticker = checks.text("stockTicker", b.stockTicker, 1, 16);
        } else {
            c.exchange = checks.optionalText("stockExchange", b.stockExchange, 32);
            c.ticker = checks.optionalText("stockTicker", b.stockTicker, 16);
        }
        return c;
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    static boolean same(BusinessProfile.Builder a, BusinessProfile.Builder other) {
        return Objects.equals(a.legalName, other.legalName)
                && a.businessType == other.businessType
                && a.industry == other.industry
                && a.authority == other.authority
                && Objects.equals(a.registrationNumber, other.registrationNumber)
                && Objects.equals(a.website, other.website)
                && Objects.equals(a.street, other.street)
                && Objects.equals(a.city, other.city)
                && Objects.equals(a.region, other.region)
                && Objects.equals(a.postalCode, other.postalCode)
                && Objects.equals(a.country, other.country)
                && Objects.equals(a.contactFirstName, other.contactFirstName)
                && Objects.equals(a.contactLastName, other.contactLastName)
                && Objects.equals(a.contactEmail, other.contactEmail)
                && Objects.equals(a.contactPhone, other.contactPhone)
                && Objects.equals(a.contactTitle, other.contactTitle)
                && a.contactPosition == other.contactPosition
                && a.companyType == other.companyType
                && Objects.equals(a.stockExchange, other.stockExchange)
                && Objects.equals(a.stockTicker, other.stockTicker);
    }
}
