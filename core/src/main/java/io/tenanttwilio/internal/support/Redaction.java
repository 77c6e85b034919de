package io.tenanttwilio.internal.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks phone numbers for logs and messages that may end up in logs. */
public final class Redaction {

    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d[\\d \\-.()]{4,}\\d");
    private static final int KEPT_PREFIX = 5;
    private static final int KEPT_SUFFIX = 2;

    private Redaction() {}

    /**
     * Masks one phone number: the country code and the first digits stay (enough to see the
     * country and area), as do the last two digits; the rest becomes {@code *}. For example
     * {@code +15815006712} becomes {@code +1581*****12}.
     */
    public static String maskPhone(String number) {
        int length = number.length();
        if (length <= KEPT_SUFFIX + 2) {
            return "*".repeat(length);
        }
        int prefix = Math.min(KEPT_PREFIX, length - KEPT_SUFFIX - 3);
        if (prefix < 1) {
            prefix = 1;
        }
        return number.substring(0, prefix)
                + "*".repeat(length - prefix - KEPT_SUFFIX)
                + number.substring(length - KEPT_SUFFIX);
    }

    /** Masks every run of six or more digits (with the usual separators) found in free text. */
    public static String maskPhonesIn(String text) {
        Matcher matcher = PHONE_LIKE.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        int last = 0;
        do {
            String found = matcher.group();
            if (countDigits(found) >= 6) {
                masked.append(text, last, matcher.start()).append(maskPhone(found));
                last = matcher.end();
            }
        } while (matcher.find());
        return masked.append(text, last, text.length()).toString();
    }

    private static int countDigits(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits++;
            }
        }
        return digits;
    }
}
