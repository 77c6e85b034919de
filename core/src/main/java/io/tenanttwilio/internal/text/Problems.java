package io.tenanttwilio.internal.text;

import io.tenanttwilio.Detail;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds the SDK's own exceptions, whose details are texts of the product's bundle (keys {@code
 * detail.*}); the public builder of {@link TenantTwilioException} takes a {@link Detail} instead
 * and knows no bundle key.
 */
public final class Problems {

    private final TenantTwilioException.Builder builder;

    private Problems(ErrorCode code) {
        this.builder = TenantTwilioException.builder(code);
    }

    /** Starts an exception of {@code code}. */
    public static Problems builder(ErrorCode code) {
        return new Problems(code);
    }

    /** A {@link ErrorCode#CONFIGURATION_ERROR} explained by the bundle text {@code detail.<key>}. */
    public static TenantTwilioException configuration(String key, Object... arguments) {
        return builder(ErrorCode.CONFIGURATION_ERROR).detail(key, arguments).build();
    }

    /** The detail of the bundle key {@code detail.<key>}, formatted with {@code arguments}. */
    public static Detail bundleDetail(String key, Object... arguments) {
        return new BundleDetail("detail." + Objects.requireNonNull(key, "key"), arguments);
    }

    /** Adds the explanation of the bundle key {@code detail.<key>}, formatted with {@code arguments}. */
    public Problems detail(String key, Object... arguments) {
        builder.detail(bundleDetail(key, arguments));
        return this;
    }

    /** The Twilio error behind this one, and Twilio's request id when there is one. */
    public Problems twilioError(@Nullable Integer code, @Nullable String requestId) {
        builder.twilioError(code, requestId);
        return this;
    }

    /** The tenant concerned. */
    public Problems tenant(@Nullable TenantId tenant) {
        builder.tenant(tenant);
        return this;
    }

    /** The underlying cause; it must not carry a secret in its own message. */
    public Problems cause(@Nullable Throwable cause) {
        builder.cause(cause);
        return this;
    }

    /** The exception. */
    public TenantTwilioException build() {
        return builder.build();
    }

    /** The public builder, for subclasses' constructors. */
    public TenantTwilioException.Builder toBuilder() {
        return builder;
    }

    /** A bundle text with its arguments; phone numbers are masked in the log form. */
    private static final class BundleDetail implements Detail {
        private final String key;
        private final Object[] arguments;

        BundleDetail(String key, Object[] arguments) {
            this.key = key;
            this.arguments = Arrays.copyOf(arguments, arguments.length, Object[].class);
        }

        @Override
        public String text(Locale locale) {
            return Messages.detailText(locale, key, arguments, false);
        }

        @Override
        public String logText() {
            return Messages.detailText(Locale.ROOT, key, arguments, true);
        }

        @Override
        public String toString() {
            return key;
        }
    }
}
