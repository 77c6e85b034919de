package io.tenanttwilio;

import io.tenanttwilio.guardrails.AlertThresholds;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.numbers.FailurePolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings an instance was built with, as {@link TenantTwilio#settings()} answers. Made by the builder
 * only. Immutable and thread-safe.
 */
public final class TenantTwilioSettings {
    private final @Nullable URI publicBaseUrl;
    private final String defaultRegion;
    private final Locale defaultLocale;
    private final HttpSettings http;
    private final FailurePolicy failurePolicy;
    private final int clientCacheSize;
    private final Duration clientCacheTtl;
    private final TenantPolicy defaultPolicy;
    private final AlertThresholds alertThresholds;
    private final JobSettings jobs;
    private final io.tenanttwilio.outbox.OutboxSettings outbox;
    private final io.tenanttwilio.spi.@Nullable OutboxHandoff outboxHandoff;
    private final String instanceId;

    TenantTwilioSettings(TenantTwilio.Builder builder, String instanceId) {
        this.publicBaseUrl = builder.publicBaseUrl;
        this.defaultRegion = builder.defaultRegion;
        this.defaultLocale = builder.defaultLocale;
        this.http = builder.http;
        this.failurePolicy = builder.failurePolicy;
        this.clientCacheSize = builder.clientCacheSize;
        this.clientCacheTtl = builder.clientCacheTtl;
        this.defaultPolicy = builder.defaultPolicy;
        this.alertThresholds = builder.alertThresholds;
        this.jobs = builder.jobs;
        this.outbox = builder.outbox;
        this.outboxHandoff = builder.outboxHandoff;
        this.instanceId = instanceId;
    }

    /**
     * Where Twilio reaches the webhook endpoint ({@code https://app.example.com/twilio}).
     *
     * @return the URL; empty when none was set (numbers cannot be bought then)
     */
    public Optional<URI> publicBaseUrl() {
        return Optional.ofNullable(publicBaseUrl);
    }

    /**
     * {@return the region phone numbers without country code are read in ({@code "CA"})}
     */
    public String defaultRegion() {
        return defaultRegion;
    }

    /**
     * {@return the language of messages when none is given}
     */
    public Locale defaultLocale() {
        return defaultLocale;
    }

    /**
     * {@return the timeouts, pool size, retries and base URL of the calls to Twilio}
     */
    public HttpSettings http() {
        return http;
    }

    /**
     * {@return what happens to a bought number that cannot be set up}
     */
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /**
     * {@return how many tenants' Twilio clients are kept}
     */
    public int clientCacheSize() {
        return clientCacheSize;
    }

    /**
     * {@return how long a cached client is trusted before credentials are read again}
     */
    public Duration clientCacheTtl() {
        return clientCacheTtl;
    }

    /**
     * {@return the policy of tenants without their own}
     */
    public TenantPolicy defaultPolicy() {
        return defaultPolicy;
    }

    /**
     * {@return when webhook trouble becomes an alert}
     */
    public AlertThresholds alertThresholds() {
        return alertThresholds;
    }

    /**
     * {@return the scheduled jobs' periods and limits}
     */
    public JobSettings jobs() {
        return jobs;
    }

    /** {@return where the outbox's dispatcher hands claimed messages; empty: sent here} */
    public java.util.Optional<io.tenanttwilio.spi.OutboxHandoff> outboxHandoff() {
        return java.util.Optional.ofNullable(outboxHandoff);
    }

    /** {@return how the outbox's dispatcher works on this instance} */
    public io.tenanttwilio.outbox.OutboxSettings outbox() {
        return outbox;
    }

    /**
     * {@return this application instance's name in the jobs' leases}
     */
    public String instanceId() {
        return instanceId;
    }

    @Override
    public String toString() {
        return "TenantTwilioSettings[publicBaseUrl=" + publicBaseUrl + ", defaultRegion=" + defaultRegion
                + ", instanceId=" + instanceId + "]";
    }
}
