package io.tenanttwilio.test.simulator;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Form-encoded parameters, with every value of repeated names kept in order. */
final class Form {

    private final Map<String, List<String>> values;

    private Form(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Parses {@code application/x-www-form-urlencoded} text (a body or a query string). */
    public static Form parse(@Nullable String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new Form(values);
    }

    /** Builds a form from ordered name-value pairs. */
    public static Form of(List<Map.Entry<String, String>> pairs) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs) {
            values.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
        }
        return new Form(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** URL-encodes {@code text} as a form value. */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The first value of {@code name}, or {@code null}. */
    public @Nullable String get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    /** Every value of {@code name}, in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every name and its values, in the order received. */
    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** The value of {@code name} as a boolean ({@code true}/{@code false}, any case), or null. */
    public @Nullable Boolean bool(String name) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        return Boolean.parseBoolean(value.trim());
    }
}
