package io.tenanttwilio.internal.twilio;

import com.twilio.http.Request;
import com.twilio.http.TwilioRestClient;
import io.tenanttwilio.account.TwilioCredentials;
import java.util.List;

/**
 * A tenant's twilio-java client on the shared {@link SdkHttpClient}. It does not log requests:
 * twilio-java's debug log would show query parameters (phone numbers); the SDK logs its own,
 * masked.
 */
public final class SdkRestClient extends TwilioRestClient {

    private SdkRestClient(Builder builder) {
        super(builder);
    }

    public static SdkRestClient create(TwilioCredentials credentials, SdkHttpClient http) {
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
