package io.tenanttwilio.registration;

import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.phone.NormalizationResult;
import io.tenanttwilio.phone.PhoneNormalizer;
import io.tenanttwilio.phone.PhoneNumber;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The checks of the registration forms' fields, collected so that every problem is shown at once. */
final class FieldChecks {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]{1,64}@[^@\\s<>.]+(\\.[^@\\s<>.]+)+");
    private static final Pattern MARKUP = Pattern.compile("[<>]");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final List<FieldProblem> problems = new ArrayList<>();

    /** Text that is required, at most {@code max} characters, and no markup. */
    @Nullable
    String text(String field, @Nullable String value, int min, int max) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            add(field, "registration.field.required");
            return null;
        }
        if (trimmed.length() > max) {
            add(field, "registration.field.too-long", max, trimmed.length());
            return null;
        }
        if (trimmed.length() < min) {
            add(field, "registration.field.too-short", min, trimmed.length());
            return null;
        }
        if (MARKUP.matcher(trimmed).find()) {
            add(field, "registration.field.markup");
            return null;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                add(field, "registration.field.control");
                return null;
            }
        }
        return trimmed;
    }

    /** Optional text: empty is fine. */
    @Nullable
    String optionalText(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return text(field, value, 1, max);
    }

    <T> @Nullable T required(String field, @Nullable T value) {
        if (value == null) {
            add(field, "registration.field.required");
        }
        return value;
    }

    @Nullable
    String email(String field, @Nullable String value) {
        String text = text(field, value, 3, 254);
        if (text != null && !EMAIL.matcher(text).matches()) {
            add(field, "registration.field.email");
            return null;
        }
        return text;
    }

    @Nullable
    URI website(String field, @Nullable String value) {
        String text = text(field, value, 4, 255);
        if (text == null) {
            return null;
        }
        String candidate = text.contains("://") ? text : "https://" + text;
        try {
            URI uri = new URI(candidate);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || host == null
                    || !host.contains(".")
                    || host.startsWith(".")
                    || host.endsWith(".")
                    || uri.getUserInfo() != null) {
                add(field, "registration.field.website");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            add(field, "registration.field.website");
            return null;
        }
    }

    @Nullable
    String country(String field, @Nullable String value) {
        String text = text(field, value, 2, 2);
        if (text == null) {
            return null;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(upper)) {
            add(field, "registration.field.country");
            return null;
        }
        return upper;
    }

    @Nullable
    PhoneNumber phone(String field, @Nullable String value, @Nullable String region) {
        String text = text(field, value, 2, 32);
        if (text == null) {
            return null;
        }
        NormalizationResult result =
                PhoneNormalizer.forRegion(region == null ? "US" : region).tryNormalize(text);
        if (!result.isValid()) {
            add(field, "registration.field.phone");
            return null;
        }
        return result.phoneNumber().orElse(null);
    }

    void add(String field, String key, Object... arguments) {
        problems.add(FieldProblem.of(field, Problems.bundleDetail(key, arguments)));
    }

    boolean failed() {
        return !problems.isEmpty();
    }

    List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    void throwIfFailed() {
        if (!problems.isEmpty()) {
            throw new InvalidRegistrationException(problems);
        }
    }
}
