package io.tenanttwilio.test.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reading the form parameters of the v1 APIs, with the errors Twilio answers for bad ones. */
final class Params {

    private Params() {}

    /** The value of a required parameter; 400 with 20001 when it is missing or blank. */
    static String required(Form form, String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw missing(name);
        }
        return value;
    }

    static TwilioError missing(String name) {
        return TwilioError.badRequest(20001, "Missing required parameter " + name + " in the post body");
    }

    /** 400 with 20422: a parameter whose value Twilio does not accept. */
    static TwilioError invalid(String name, @Nullable String value) {
        return TwilioError.badRequest(20422, "Invalid parameter " + name + ": " + value);
    }

    /** 409 with 20409: the resource's state does not allow the request. */
    static TwilioError conflict(String message) {
        return new TwilioError(409, 20409, message);
    }

    /** A boolean parameter ({@code true}/{@code false}, any case); 20422 for anything else. */
    static @Nullable Boolean bool(Form form, String name) {
        String value = form.get(name);
        if (value == null) {
            return null;
        }
        String trimmed = value.trim().toLowerCase(Locale.ROOT);
        if (!trimmed.equals("true") && !trimmed.equals("false")) {
            throw invalid(name, value);
        }
        return Boolean.parseBoolean(trimmed);
    }

    /** A required boolean parameter. */
    static boolean requiredBool(Form form, String name) {
        Boolean value = bool(form, name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    /** A value among {@code allowed}; 20422 otherwise. */
    static String oneOf(String name, String value, Collection<String> allowed) {
        if (!allowed.contains(value)) {
            throw invalid(name, value);
        }
        return value;
    }

    /** A JSON parameter (twilio-java sends maps and lists as JSON text); {@code error} if not JSON. */
    static JsonNode json(String name, String value, int error) {
        try {
            JsonNode node = Json.MAPPER.readTree(value);
            if (node == null || node.isMissingNode()) {
                throw TwilioError.badRequest(error, "Unable to parse " + name + " JSON");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw TwilioError.badRequest(error, "Unable to parse " + name + " JSON");
        }
    }

    /** Whether {@code sid} has the prefix and 32 hexadecimal digits. */
    static boolean isSid(@Nullable String sid, String prefix) {
        return sid != null && sid.matches(prefix + "[0-9a-fA-F]{32}");
    }
}
