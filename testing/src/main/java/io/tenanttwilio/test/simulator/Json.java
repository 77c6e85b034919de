package io.tenanttwilio.test.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Twilio's JSON conventions: snake_case, RFC 2822 dates in API 2010, ISO 8601 in v1 APIs. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static @Nullable String rfc2822(@Nullable Instant instant) {
        return instant == null ? null : RFC_2822.format(instant);
    }

    static @Nullable String iso8601(@Nullable Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A price or balance as Twilio writes it: a string with five decimals. */
    static String money(BigDecimal amount) {
        return amount.setScale(5, RoundingMode.HALF_UP).toPlainString();
    }

    /** The JSON error body Twilio sends. */
    static String error(int status, int code, String message) {
        ObjectNode node = object();
        node.put("code", code);
        node.put("message", message);
        node.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        node.put("status", status);
        return write(node);
    }
}
