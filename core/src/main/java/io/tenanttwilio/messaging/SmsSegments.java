package io.tenanttwilio.messaging;

/**
 * How many SMS segments a body takes (what Twilio bills): GSM-7 (160 characters, 153 per segment when concatenated;
 * characters of the extension table count twice) unless a character is outside GSM-7, then UCS-2
 * (70 UTF-16 code units, 67 per segment).
 *
 * <p>Stateless and thread-safe.
 */
public final class SmsSegments {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {}

    /**
     * Whether every character of {@code body} is in the GSM-7 alphabet (basic or extension).
     *
     * @param body the text of a message
     * @return whether it is sent in GSM-7; {@code true} for an empty body
     */
    public static boolean isGsm7(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number of segments of {@code body}; an empty body (media only) takes one.
     *
     * @param body the text of a message
     * @return the number of segments, at least 1
     */
    public static int count(String body) {
        if (body.isEmpty()) {
            return 1;
        }
        if (isGsm7(body)) {
            int septets = 0;
            for (int i = 0; i < body.length(); i++) {
                septets += GSM_EXTENSION.indexOf(body.charAt(i)) >= 0 ? 2 : 1;
            }
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = body.length();
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
