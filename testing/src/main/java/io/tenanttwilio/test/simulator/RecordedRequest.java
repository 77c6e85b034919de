package io.tenanttwilio.test.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request the simulator received on its REST API.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when (simulator clock)
 * @param method the HTTP method
 * @param path the path, without query
 * @param query the raw query string, or empty
 * @param parameters the form and query parameters, each name with its values
 * @param username the Basic-auth user name (an Account SID or an API key SID), if any
 * @param pathAccountSid the Account SID in the path, if any
 * @param endpoint the operation
 * @param status the status answered (0 when the connection was reset)
 * @param twilioErrorCode Twilio's error code when the answer was an error
 */
public record RecordedRequest(
        Instant at,
        String method,
        String path,
        String query,
        Map<String, List<String>> parameters,
        @Nullable String username,
        @Nullable String pathAccountSid,
        Endpoint endpoint,
        int status,
        @Nullable Integer twilioErrorCode) {

    /**
     * The first value of parameter {@code name}, or {@code null}.
     *
     * @param name the form or query parameter, such as {@code To}
     * @return its first value, or {@code null} when absent
     */
    public @Nullable String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
