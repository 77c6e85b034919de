package io.tenanttwilio;

import io.tenanttwilio.internal.support.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the SDK talks to Twilio: one connection pool shared by every tenant, its timeouts, its
 * retry policy, and (for the Twilio simulator or a proxy) the base URL that replaces
 * {@code https://*.twilio.com}.
 *
 * <pre>{@code
 * HttpSettings http = HttpSettings.builder()
 *         .connectTimeout(Duration.ofSeconds(3))
 *         .readTimeout(Duration.ofSeconds(10))
 *         .apiBaseUrl(simulator.baseUrl())   // tests and local development only
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class HttpSettings {

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration connectionRequestTimeout;
    private final int maxConnections;
    private final @Nullable URI apiBaseUrl;
    private final RetryPolicy retryPolicy;

    private HttpSettings(Builder builder) {
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.connectionRequestTimeout = builder.connectionRequestTimeout;
        this.maxConnections = builder.maxConnections;
        this.apiBaseUrl = builder.apiBaseUrl;
        this.retryPolicy = builder.retryPolicy;
    }

    /**
     * Connect 5 s, read 15 s, 5 s to get a pooled connection, 200 connections, {@linkplain
     * RetryPolicy#defaults() default retries}, Twilio's own URLs.
     *
     * @return the default settings
     */
    public static HttpSettings defaults() {
        return builder().build();
    }

    /**
     * A builder that starts from the {@linkplain #defaults() defaults}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return how long opening a connection to Twilio may take} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return how long Twilio may take to answer once the request is sent} */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@return how long a call may wait for a free connection of the pool} */
    public Duration connectionRequestTimeout() {
        return connectionRequestTimeout;
    }

    /** {@return the size of the one connection pool all tenants share} */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * The base URL that replaces {@code https://<domain>.twilio.com}, when set; for the Twilio
     * simulator ({@code http://127.0.0.1:8089}) or a forward proxy.
     *
     * @return the base URL; empty: Twilio's own URLs
     */
    public Optional<URI> apiBaseUrl() {
        return Optional.ofNullable(apiBaseUrl);
    }

    /** {@return how calls to Twilio are retried} */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    @Override
    public String toString() {
        return "HttpSettings[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", maxConnections="
                + maxConnections + (apiBaseUrl == null ? "" : ", apiBaseUrl=" + apiBaseUrl) + ", " + retryPolicy + "]";
    }

    /** Builds {@link HttpSettings}. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(15);
        private Duration connectionRequestTimeout = Duration.ofSeconds(5);
        private int maxConnections = 200;
        private @Nullable URI apiBaseUrl;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();

        private Builder() {}

        /**
         * How long opening a connection to Twilio may take (5 s unless set).
         *
         * @param timeout the timeout
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.notNegative(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long Twilio may take to answer once the request is sent (15 s unless set). A send
         * or a purchase that times out is not retried: its outcome is looked up, or reported as
         * {@link ErrorCode#OUTCOME_UNKNOWN}.
         *
         * @param timeout the timeout
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is negative
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Checks.notNegative(timeout, "readTimeout");
            return this;
        }

        /**
         * How long a call may wait for a free connection of the pool when all are in use (5 s
         * unless set).
         *
         * @param timeout the timeout
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is negative
         */
        public Builder connectionRequestTimeout(Duration timeout) {
            this.connectionRequestTimeout = Checks.notNegative(timeout, "connectionRequestTimeout");
            return this;
        }

        /**
         * The size of the connection pool, shared by all tenants (200 unless set).
         *
         * @param maxConnections the most connections open to Twilio at once
         * @return this builder
         * @throws IllegalArgumentException when {@code maxConnections} is less than 1
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1");
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Sends every call to {@code baseUrl} (scheme, host and port only) instead of Twilio: the
         * Twilio simulator, or a forward proxy.
         *
         * @param baseUrl an absolute URL, like {@code http://127.0.0.1:8089}; {@code null}:
         *     Twilio's own URLs (the default)
         * @return this builder
         * @throws IllegalArgumentException when {@code baseUrl} has no scheme or no host
         */
        public Builder apiBaseUrl(@Nullable URI baseUrl) {
            if (baseUrl != null && (baseUrl.getScheme() == null || baseUrl.getHost() == null)) {
                throw new IllegalArgumentException("apiBaseUrl must be absolute, like http://127.0.0.1:8089");
            }
            this.apiBaseUrl = baseUrl;
            return this;
        }

        /**
         * How calls to Twilio are retried ({@link RetryPolicy#defaults()} unless set).
         *
         * @param retryPolicy the policy; {@link RetryPolicy#none()} for no retry
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * The settings as set so far; the builder may go on being used.
         *
         * @return the settings
         */
        public HttpSettings build() {
            return new HttpSettings(this);
        }
    }
}
