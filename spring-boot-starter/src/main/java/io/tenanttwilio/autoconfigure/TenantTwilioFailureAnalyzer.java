package io.tenanttwilio.autoconfigure;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains why tenant-twilio did not start: the starter's own checks (no public URL, no encryption
 * key, an in-memory store or a role that bypasses row-level security in production) and the SDK's
 * configuration errors (a wrong or missing key for the stored secrets, an invalid setting).
 * Registered in {@code META-INF/spring.factories}; stateless and thread-safe.
 */
public class TenantTwilioFailureAnalyzer implements FailureAnalyzer {

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TenantTwilioConfigurationException) {
                TenantTwilioConfigurationException e = (TenantTwilioConfigurationException) cause;
                return new FailureAnalysis("tenant-twilio: " + e.getMessage(), e.action(), e);
            }
            if (cause instanceof TenantTwilioException
                    && ((TenantTwilioException) cause).errorCode() == ErrorCode.CONFIGURATION_ERROR) {
                TenantTwilioException e = (TenantTwilioException) cause;
                return new FailureAnalysis(
                        "tenant-twilio is misconfigured: " + e.getMessage(),
                        e.userMessage(Locale.ENGLISH)
                                + " Check the tenant-twilio.* properties (encryption keys, public base URL).",
                        e);
            }
        }
        return null;
    }
}
