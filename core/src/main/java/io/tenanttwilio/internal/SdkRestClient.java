package io.tenanttwilio.internal;

import com.twilio.http.Request;
import com.twilio.http.TwilioRestClient;
import io.tenanttwilio.TwilioCredentials;
import java.util.List;

/**
 * A tenant's twilio-java client on the shared {@link SdkHttpClient}. It does not log requests:
 * twilio-java's debug log would show query parameters (phone numbers); the SDK logs its own,
 * masked.
 */
final class SdkRestClient extends TwilioRestClient {

    private SdkRestClient(Builder builder) {
        super(builder);
    }

    static SdkRestClient create(TwilioCredentials credentials, SdkHttpClient http) {
        Builder builder = new Builder(credentials.restUsername(), credentials.restPassword())
                .accountSid(credentials.accountSid())
                .httpClient(http)
                .userAgentExtensions(List.of("tenant-twilio"));
        return new SdkRestClient(builder);
    }

    @Override
    public void logRequest(Request request) {
        // Deliberately silent; see the class comment.
    }
}
