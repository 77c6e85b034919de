package io.tenanttwilio.internal.twilio;

import io.tenanttwilio.TenantId;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Runs one call to Twilio and translates its failure; remembers the request id of the last call. */
public final class TwilioCalls {

    private TwilioCalls() {}

    /** Runs {@code call}; a failure becomes a translated {@code TenantTwilioException}. */
    public static <T> T call(@Nullable TenantId tenant, TwilioErrors.Operation operation, Supplier<T> call) {
        SdkHttpClient.clearLastExchange();
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw TwilioErrors.translate(e, tenant, operation);
        }
    }

    /** Twilio's request id of the calling thread's last call, if it got an answer. */
    public static @Nullable String lastRequestId() {
        SdkHttpClient.Exchange exchange = SdkHttpClient.lastExchange();
        return exchange == null ? null : exchange.requestId();
    }
}
