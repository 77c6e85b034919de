package io.tenanttwilio.inbound;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A webhook request as the HTTP layer received it, before any parsing: the method, the path
 * below the webhook endpoint ({@code /sms/{key}}, {@code /status/{key}}, {@code /sms}, {@code
 * /status}), the raw query, the headers and the raw body. The handler parses the body itself, so
 * that repeated parameters, encoding errors and the exact signed bytes are under its control.
 *
 * <p>Immutable and thread-safe (the body array is not copied; do not change it).
 */
public final class WebhookRequest {

    private final String method;
    private final String path;
    private final @Nullable String query;
    private final Map<String, String> headers;
    private final byte[] body;

    private WebhookRequest(
            String method, String path, @Nullable String query, Map<String, String> headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.body = body;
    }

    /**
     * A request.
     *
     * @param method the HTTP method
     * @param path the path below the webhook endpoint, starting with {@code /}
     * @param query the raw query string without {@code ?}, or {@code null}
     * @param headers the headers (names in any case; the first value of each)
     * @param body the raw body
     * @return the request; the headers are copied, the body is not
     */
    public static WebhookRequest of(
            String method, String path, @Nullable String query, Map<String, String> headers, byte[] body) {
        Map<String, String> normalized = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        normalized.putAll(Objects.requireNonNull(headers, "headers"));
        return new WebhookRequest(
                Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT),
                Objects.requireNonNull(path, "path"),
                query == null || query.isEmpty() ? null : query,
                normalized,
                Objects.requireNonNull(body, "body"));
    }

    /** {@return the HTTP method, upper case} */
    public String method() {
        return method;
    }

    /** {@return the path below the webhook endpoint, starting with {@code /}} */
    public String path() {
        return path;
    }

    /** {@return the raw query string without {@code ?}, or {@code null} when there is none} */
    public @Nullable String query() {
        return query;
    }

    /**
     * The first value of header {@code name} (any case), or {@code null}.
     *
     * @param name the header's name, in any case
     * @return its first value, or {@code null} when absent
     */
    public @Nullable String header(String name) {
        return headers.get(name);
    }

    /** {@return the raw body, not copied: do not change it} */
    public byte[] body() {
        return body;
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + method + " " + path.replaceAll("/[^/]{12,}$", "/…") + ", " + body.length + " bytes]";
    }
}
