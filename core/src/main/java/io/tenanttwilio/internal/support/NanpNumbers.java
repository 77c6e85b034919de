package io.tenanttwilio.internal.support;

import io.tenanttwilio.phone.PhoneNumber;
import java.util.Set;

/** North American numbers: toll-free area codes, and US or Canadian recipients. */
public final class NanpNumbers {

    private static final Set<String> TOLL_FREE = Set.of("800", "833", "844", "855", "866", "877", "888");

    private NanpNumbers() {}

    /** Whether the number is +1 with one of the toll-free area codes. */
    public static boolean isTollFree(PhoneNumber number) {
        String e164 = number.e164();
        return e164.length() == 12 && e164.startsWith("+1") && TOLL_FREE.contains(e164.substring(2, 5));
    }

    /** The region of a +1 number ({@code US}, {@code CA}, …), {@code ""} for another country code. */
    public static String region(PhoneNumber number) {
        return number.countryCode() == 1 ? number.regionCode() : "";
    }
}
