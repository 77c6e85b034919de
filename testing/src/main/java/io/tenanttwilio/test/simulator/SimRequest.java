package io.tenanttwilio.test.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A request to the simulated API, independent of the HTTP server that received it. */
record SimRequest(String method, String path, String query, Map<String, String> headers, byte[] body) {

    /** Splits {@code url} (path and query) into its parts. */
    static SimRequest of(String method, String url, Map<String, String> headers, byte[] body) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q + 1);
        return new SimRequest(method.toUpperCase(Locale.ROOT), path, query, headers, body);
    }

    @Nullable
    String header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Query parameters, and form parameters of a form-encoded body. */
    Form form() {
        String contentType = header("Content-Type");
        boolean formBody = contentType == null
                || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        if (query.isEmpty()) {
            return Form.parse(formBody ? bodyText() : "");
        }
        if (body.length == 0 || !formBody) {
            return Form.parse(query);
        }
        return Form.parse(query + "&" + bodyText());
    }
}
