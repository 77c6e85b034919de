package io.tenanttwilio.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@link PhoneNormalizer} on libphonenumber: parse, validate, format as E.164.
 *
 * <p>North American numbers as people type them — ten digits, or eleven with the leading 1 or
 * {@code +1}, separated by spaces, dashes, dots or parentheses — take a fast path: the digits are
 * read directly, and the number is accepted only when libphonenumber's own patterns declare it a
 * valid number of the normalizer's region, of the United States or of Canada. Everything else,
 * and every number the fast path does not accept, goes through libphonenumber's full parse, so
 * both paths give the same result (a differential test checks it on a million inputs).
 */
final class DefaultPhoneNormalizer implements PhoneNormalizer {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** "+" and at most 15 digits (ITU-T E.164). */
    static final int MAX_E164_LENGTH = 16;

    /** libphonenumber's limit on what it parses at all. */
    private static final int MAX_INPUT_LENGTH = 250;

    /** The length of a North American national number. */
    private static final int NANP_LENGTH = 10;

    private final String regionCode;
    /**
     * For a North American region: its own patterns, then those of the United States and Canada,
     * the regions a number typed there is most often of. Empty elsewhere.
     */
    private final List<ValidNumbers> northAmerican;

    private DefaultPhoneNormalizer(String regionCode) {
        this.regionCode = regionCode;
        List<ValidNumbers> plan = new ArrayList<>();
        if (UTIL.getCountryCodeForRegion(regionCode) == 1) {
            for (String region : new LinkedHashSet<>(List.of(regionCode, "US", "CA"))) {
                ValidNumbers patterns = ValidNumbers.of(region);
                if (patterns != null) {
                    plan.add(patterns);
                }
            }
        }
        this.northAmerican = List.copyOf(plan);
    }

    /**
     * libphonenumber's patterns for the ten-digit numbers of a North American region: a number is
     * valid there when it matches the general pattern and the pattern of one of the types. That is
     * the test of {@code PhoneNumberUtil.isValidNumberForRegion}, without its per-call lookups in a
     * synchronized pattern cache. A number valid in the United States, the plan's main region, or
     * in Canada is a valid number for libphonenumber whatever the default region (the differential
     * test checks it).
     */
    private static final class ValidNumbers {
        private final Pattern general;
        private final Pattern typed;

        private ValidNumbers(Pattern general, Pattern typed) {
            this.general = general;
            this.typed = typed;
        }

        static @Nullable ValidNumbers of(String region) {
            // The metadata PhoneNumberUtil.getInstance() reads too.
            PhoneMetadata metadata = DefaultMetadataDependenciesProvider.getInstance()
                    .getPhoneNumberMetadataSource()
                    .getMetadataForRegion(region);
            if (metadata == null) {
                return null;
            }
            Pattern general = patternOf(List.of(metadata.getGeneralDesc()));
            Pattern typed = patternOf(List.of(
                    metadata.getPremiumRate(),
                    metadata.getTollFree(),
                    metadata.getSharedCost(),
                    metadata.getVoip(),
                    metadata.getPersonalNumber(),
                    metadata.getPager(),
                    metadata.getUan(),
                    metadata.getVoicemail(),
                    metadata.getFixedLine(),
                    metadata.getMobile()));
            return general == null || typed == null ? null : new ValidNumbers(general, typed);
        }

        boolean accept(String nationalNumber) {
            return general.matcher(nationalNumber).matches()
                    && typed.matcher(nationalNumber).matches();
        }

        /**
         * The patterns of {@code descriptions} that can match a ten-digit number, as one
         * alternation (a description applies when it lists no possible length or lists ten, and
         * has a pattern).
         */
        private static @Nullable Pattern patternOf(List<PhoneNumberDesc> descriptions) {
            List<String> patterns = new ArrayList<>();
            for (PhoneNumberDesc description : descriptions) {
                List<Integer> lengths = description.getPossibleLengthList();
                String pattern = description.getNationalNumberPattern();
                if (!pattern.isEmpty() && (lengths.isEmpty() || lengths.contains(NANP_LENGTH))) {
                    patterns.add("(?:" + pattern + ")");
                }
            }
            return patterns.isEmpty() ? null : Pattern.compile(String.join("|", patterns));
        }
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

    /** The result of libphonenumber's full parse alone, without the fast path; for the differential test. */
    NormalizationResult tryNormalizeFully(@Nullable String raw) {
        Object outcome = raw == null || raw.isBlank() ? InvalidPhoneNumberException.Reason.EMPTY : parseFully(raw);
        return outcome instanceof PhoneNumber
                ? NormalizationResult.accepted(raw, (PhoneNumber) outcome)
                : NormalizationResult.rejected(raw, (InvalidPhoneNumberException.Reason) outcome);
    }

    /** A {@link PhoneNumber}, or the {@link InvalidPhoneNumberException.Reason} it is not one. */
    private Object parse(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return InvalidPhoneNumberException.Reason.EMPTY;
        }
        PhoneNumber fast = northAmerican(raw);
        return fast != null ? fast : parseFully(raw);
    }

    private Object parseFully(String raw) {
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

    /**
     * The number, when {@code raw} is a plain North American number valid in this region; {@code
     * null} when the full parse must decide.
     */
    private @Nullable PhoneNumber northAmerican(String raw) {
        int length = raw.length();
        if (northAmerican.isEmpty() || length > MAX_INPUT_LENGTH) {
            return null;
        }
        int i = 0;
        while (i < length && raw.charAt(i) == ' ') {
            i++;
        }
        boolean plus = i < length && raw.charAt(i) == '+';
        if (plus) {
            i++;
        }
        long digits = 0;
        int count = 0;
        for (; i < length; i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++count > 11) {
                    return null;
                }
                digits = digits * 10 + (c - '0');
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return null;
            }
        }
        long national;
        if (count == 11 && digits / 10_000_000_000L == 1) {
            national = digits - 10_000_000_000L;
        } else if (count == 10 && !plus) {
            national = digits;
        } else {
            return null;
        }
        if (national < 2_000_000_000L) {
            return null; // an area code cannot start with 0 or 1
        }
        // Only what libphonenumber's own patterns declare a valid number of this region, of the
        // United States or of Canada is taken here; anything else gets the full parse.
        String nationalNumber = Long.toString(national);
        boolean valid = false;
        for (ValidNumbers region : northAmerican) {
            if (region.accept(nationalNumber)) {
                valid = true;
                break;
            }
        }
        if (!valid) {
            return null;
        }
        Phonenumber.PhoneNumber number =
                new Phonenumber.PhoneNumber().setCountryCode(1).setNationalNumber(national);
        return new PhoneNumber("+1" + nationalNumber, number);
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
