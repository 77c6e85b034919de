package io.tenanttwilio.test.simulator;

/**
 * An account's test credentials: they work only for buying numbers and sending messages, with
 * Twilio's magic numbers, and change nothing. {@link #toString()} leaves the token out.
 *
 * <p>Immutable and thread-safe.
 *
 * @param accountSid the test Account SID
 * @param authToken the test auth token
 */
public record TestCredentials(String accountSid, String authToken) {
    @Override
    public String toString() {
        return "TestCredentials[accountSid=" + accountSid + ", authToken=[redacted]]";
    }
}
