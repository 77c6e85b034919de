package io.tenanttwilio.internal.registration;

import io.tenanttwilio.registration.RejectionReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Twilio's reasons, read from the error lists of its compliance resources. */
final class Reasons {

    private static final int MAX = 10;

    private Reasons() {}

    /** The reasons of an {@code errors}, {@code results} or {@code rejection_reasons} list. */
    static List<RejectionReason> from(
            @Nullable List<?> items, @Nullable String fallbackText, @Nullable Integer fallbackCode) {
        List<RejectionReason> reasons = new ArrayList<>();
        if (items != null) {
            for (Object item : items) {
                if (reasons.size() >= MAX) {
                    break;
                }
                if (item instanceof Map<?, ?> map) {
                    Integer code = integer(first(map, "code", "error_code", "errorcode"));
                    String text =
                            text(first(map, "message", "description", "reason", "error_message", "friendly_name"));
                    if (code != null || text != null) {
                        reasons.add(RejectionReason.of(code, text));
                    }
                } else if (item != null) {
                    reasons.add(RejectionReason.of(null, item.toString()));
                }
            }
        }
        if (reasons.isEmpty() && (fallbackText != null || fallbackCode != null)) {
            reasons.add(RejectionReason.of(fallbackCode, fallbackText));
        }
        return reasons;
    }

    /** Failed requirements of an evaluation's {@code results}. */
    static List<RejectionReason> fromEvaluation(@Nullable List<?> results) {
        List<RejectionReason> reasons = new ArrayList<>();
        if (results != null) {
            for (Object item : results) {
                if (item instanceof Map<?, ?> map && !Boolean.TRUE.equals(map.get("passed"))) {
                    Integer code = integer(first(map, "code", "error_code"));
                    String text = text(first(map, "failure_reason", "message", "friendly_name", "object_type"));
                    reasons.add(RejectionReason.of(code, text));
                }
            }
        }
        if (reasons.isEmpty()) {
            reasons.add(RejectionReason.of(null, "The business profile does not meet Twilio's requirements."));
        }
        return reasons;
    }

    private static @Nullable Object first(Map<?, ?> map, String... keys) {
        for (String key : keys) {
            Object value = map.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable Integer integer(@Nullable Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value != null) {
            try {
                return Integer.valueOf(value.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }
}
