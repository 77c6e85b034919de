package io.tenanttwilio.internal.inbound;

import static io.tenanttwilio.internal.inbound.Refusal.badRequest;

import io.tenanttwilio.phone.InvalidPhoneNumberException;
import io.tenanttwilio.phone.PhoneNumber;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The parameters of a webhook: its form decoded strictly, and single values read from it. */
final class WebhookForm {

    private WebhookForm() {}

    static String utf8(byte[] body) throws Refusal {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw badRequest(400, "The body is not valid UTF-8");
        }
    }

    /** Form-urlencoded pairs, every value of repeated names kept; malformed escapes are refused. */
    static Map<String, List<String>> parseForm(String encoded) throws Refusal {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.isEmpty()) {
                throw badRequest(400, "A parameter has no name");
            }
            params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return params;
    }

    private static String decode(String text) throws Refusal {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        byte[] out = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                out[n++] = ' ';
            } else if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw badRequest(400, "Malformed percent-encoding");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw badRequest(400, "Malformed percent-encoding");
                }
                out[n++] = (byte) ((hi << 4) + lo);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out = java.util.Arrays.copyOf(out, out.length + encoded.length);
                System.arraycopy(encoded, 0, out, n, encoded.length);
                n += encoded.length;
            }
        }
        return utf8(java.util.Arrays.copyOf(out, n));
    }

    static @Nullable String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static @Nullable Integer integer(Map<String, List<String>> params, String name, int min, int max) throws Refusal {
        String value = first(params, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw badRequest(400, name + " is out of range");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw badRequest(400, name + " is not a number");
        }
    }

    static @Nullable PhoneNumber strictNumber(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return PhoneNumber.ofE164(value.trim());
        } catch (InvalidPhoneNumberException e) {
            return null;
        }
    }
}
