package io.tenanttwilio.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import io.tenanttwilio.internal.support.Redaction;
import java.util.Formattable;
import java.util.FormattableFlags;
import java.util.Formatter;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A valid phone number in E.164 form ({@code +15815006712}), with its region and its display
 * forms.
 *
 * <p>Two numbers are equal when their E.164 forms are equal; an extension, if one was typed, is
 * kept for display but plays no part in equality, routing or sending (SMS cannot reach an
 * extension).
 *
 * <p>{@link #toString()} is masked ({@code +1581*****12}) so that numbers that reach a log are
 * masked; use {@link #e164()} for the full value.
 *
 * <pre>{@code
 * PhoneNumber number = PhoneNormalizer.forRegion("CA").normalize("(581) 500-6712");
 * number.e164();                // "+15815006712"
 * number.nationalFormat();      // "(581) 500-6712"
 * number.internationalFormat(); // "+1 581-500-6712"
 * number.regionCode();          // "CA"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PhoneNumber implements Comparable<PhoneNumber>, Formattable {

    private static final java.util.Set<String> TOLL_FREE_AREA_CODES =
            java.util.Set.of("800", "833", "844", "855", "866", "877", "888");

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private final String e164;
    private final Phonenumber.PhoneNumber parsed;
    private volatile @Nullable String regionCode;

    PhoneNumber(String e164, Phonenumber.PhoneNumber parsed) {
        this.e164 = e164;
        this.parsed = parsed;
    }

    /**
     * Returns the number for a value already in E.164 form, as stored by this SDK or sent by
     * Twilio. Nothing is corrected: use {@link PhoneNormalizer} for what people type.
     *
     * @param e164 the number in E.164 form, such as {@code +15815006712}
     * @return the number
     * @throws InvalidPhoneNumberException ({@link io.tenanttwilio.ErrorCode#INVALID_PHONE_NUMBER})
     *     when {@code e164} is not {@code +} followed by 2 to 15 digits forming a valid number
     */
    public static PhoneNumber ofE164(String e164) {
        Objects.requireNonNull(e164, "e164");
        if (e164.isEmpty()) {
            throw new InvalidPhoneNumberException(InvalidPhoneNumberException.Reason.EMPTY, "ZZ");
        }
        if (!E164.matcher(e164).matches()) {
            throw new InvalidPhoneNumberException(InvalidPhoneNumberException.Reason.NOT_E164, "ZZ");
        }
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = PhoneNumberUtil.getInstance().parse(e164, "ZZ");
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException(DefaultPhoneNormalizer.reasonOf(e.getErrorType()), "ZZ");
        }
        InvalidPhoneNumberException.Reason invalid = DefaultPhoneNormalizer.validityProblem(parsed);
        if (invalid != null) {
            throw new InvalidPhoneNumberException(invalid, "ZZ");
        }
        return new PhoneNumber(e164, parsed);
    }

    /** {@return the E.164 form: {@code +} then country code and national number, nothing else} */
    public String e164() {
        return e164;
    }

    /** {@return the country calling code ({@code 1} for Canada and the United States)} */
    public int countryCode() {
        return parsed.getCountryCode();
    }

    /**
     * {@return the ISO 3166 region of the number ({@code "CA"}), or {@code "001"} for
     * non-geographic numbers}
     */
    public String regionCode() {
        String region = regionCode;
        if (region == null) {
            region = PhoneNumberUtil.getInstance().getRegionCodeForNumber(parsed);
            regionCode = region;
        }
        return region;
    }

    /** {@return the extension typed after the number, if any; informational only} */
    public Optional<String> extension() {
        return parsed.hasExtension() ? Optional.of(parsed.getExtension()) : Optional.empty();
    }

    /**
     * {@return the number as written in its own country ({@code (581) 500-6712}), without
     * extension}
     */
    public String nationalFormat() {
        return PhoneNumberUtil.getInstance().format(withoutExtension(), PhoneNumberFormat.NATIONAL);
    }

    /** {@return the number as written from abroad ({@code +1 581-500-6712}), without extension} */
    public String internationalFormat() {
        return PhoneNumberUtil.getInstance().format(withoutExtension(), PhoneNumberFormat.INTERNATIONAL);
    }

    /**
     * {@return whether this is a North American toll-free number: +1 and one of the area codes
     * 800, 833, 844, 855, 866, 877 or 888}
     */
    public boolean isNorthAmericanTollFree() {
        return e164.length() == 12 && e164.startsWith("+1") && TOLL_FREE_AREA_CODES.contains(e164.substring(2, 5));
    }

    /** {@return the masked E.164 form for logs: {@code +1581*****12}} */
    public String masked() {
        return Redaction.maskPhone(e164);
    }

    /**
     * Writes the number into a {@link java.util.Formatter} pattern: {@code %s} gives the
     * {@linkplain #internationalFormat() international format}, {@code %#s} the {@linkplain
     * #masked() masked} form for logs.
     *
     * @param formatter where to write
     * @param flags {@link FormattableFlags#ALTERNATE} for the masked form
     * @param width the minimum width, or -1
     * @param precision the maximum length, or -1
     */
    @Override
    public void formatTo(Formatter formatter, int flags, int width, int precision) {
        String text = (flags & FormattableFlags.ALTERNATE) != 0 ? masked() : internationalFormat();
        if (precision >= 0 && text.length() > precision) {
            text = text.substring(0, precision);
        }
        boolean left = (flags & FormattableFlags.LEFT_JUSTIFY) != 0;
        formatter.format(left ? "%-" + Math.max(width, 1) + "s" : "%" + Math.max(width, 1) + "s", text);
    }

    private Phonenumber.PhoneNumber withoutExtension() {
        if (!parsed.hasExtension()) {
            return parsed;
        }
        return new Phonenumber.PhoneNumber().mergeFrom(parsed).clearExtension();
    }

    @Override
    public int compareTo(PhoneNumber other) {
        return e164.compareTo(other.e164);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhoneNumber && ((PhoneNumber) other).e164.equals(e164);
    }

    @Override
    public int hashCode() {
        return e164.hashCode();
    }

    /** The masked form; see {@link #masked()}. */
    @Override
    public String toString() {
        return masked();
    }
}
