package io.tenanttwilio.test.simulator;

/**
 * An API key of a simulated account. {@link #toString()} leaves the secret out.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sid {@code SK…}
 * @param secret the secret
 */
public record ApiKeyCredentials(String sid, String secret) {
    @Override
    public String toString() {
        return "ApiKeyCredentials[sid=" + sid + ", secret=[redacted]]";
    }
}
