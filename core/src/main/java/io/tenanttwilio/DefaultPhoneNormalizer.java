package io.tenanttwilio;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** {@link PhoneNormalizer} on libphonenumber: parse, validate, format as E.164. */
final class DefaultPhoneNormalizer implements PhoneNormalizer {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** "+" and at most 15 digits (ITU-T E.164). */
    static final int MAX_E164_LENGTH = 16;

    private final String regionCode;

    private DefaultPhoneNormalizer(String regionCode) {
        this.regionCode = regionCode;
    }

    static DefaultPhoneNormalizer forRegion(String regionCode) {
        String region = regionCode.toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("No telephone numbering plan is known for region '" + regionCode
                    + "'; use an ISO 3166-1 alpha-2 code such as CA, US or FR");
        }
        return new DefaultPhoneNormalizer(region);
    }

    @Override
    public String regionCode() {
        return regionCode;
    }

    @Override
    public PhoneNumber normalize(@Nullable String raw) {
        Object outcome = parse(raw);
        if (outcome instanceof PhoneNumber) {
            return (PhoneNumber) outcome;
        }
        throw new InvalidPhoneNumberException((InvalidPhoneNumberException.Reason) outcome, regionCode);
    }

    @Override
    public NormalizationResult tryNormalize(@Nullable String raw) {
        Object outcome = parse(raw);
        if (outcome instanceof PhoneNumber) {
            return NormalizationResult.accepted(raw, (PhoneNumber) outcome);
        }
        return NormalizationResult.rejected(raw, (InvalidPhoneNumberException.Reason) outcome);
    }

    /** A {@link PhoneNumber}, or the {@link InvalidPhoneNumberException.Reason} it is not one. */
    private Object parse(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return InvalidPhoneNumberException.Reason.EMPTY;
        }
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = UTIL.parse(raw, regionCode);
        } catch (NumberParseException e) {
            return reasonOf(e.getErrorType());
        }
        InvalidPhoneNumberException.Reason invalid = validityProblem(parsed);
        if (invalid != null) {
            return invalid;
        }
        String e164 = UTIL.format(parsed, PhoneNumberFormat.E164);
        if (e164.length() > MAX_E164_LENGTH) {
            // A few national plans allow longer numbers than E.164 does; Twilio cannot use them.
            return InvalidPhoneNumberException.Reason.TOO_LONG;
        }
        return new PhoneNumber(e164, parsed);
    }

    static InvalidPhoneNumberException.@Nullable Reason validityProblem(Phonenumber.PhoneNumber parsed) {
        if (UTIL.isValidNumber(parsed)) {
            return null;
        }
        switch (UTIL.isPossibleNumberWithReason(parsed)) {
            case TOO_SHORT:
                return InvalidPhoneNumberException.Reason.TOO_SHORT;
            case TOO_LONG:
                return InvalidPhoneNumberException.Reason.TOO_LONG;
            case INVALID_COUNTRY_CODE:
                return InvalidPhoneNumberException.Reason.INVALID_COUNTRY_CODE;
            default:
                return InvalidPhoneNumberException.Reason.INVALID_NUMBER;
        }
    }

    static InvalidPhoneNumberException.Reason reasonOf(NumberParseException.ErrorType type) {
        switch (type) {
            case INVALID_COUNTRY_CODE:
                return InvalidPhoneNumberException.Reason.INVALID_COUNTRY_CODE;
            case TOO_SHORT_AFTER_IDD:
            case TOO_SHORT_NSN:
                return InvalidPhoneNumberException.Reason.TOO_SHORT;
            case TOO_LONG:
                return InvalidPhoneNumberException.Reason.TOO_LONG;
            default:
                return InvalidPhoneNumberException.Reason.NOT_A_NUMBER;
        }
    }

    @Override
    public String toString() {
        return "PhoneNormalizer[" + regionCode + "]";
    }
}
