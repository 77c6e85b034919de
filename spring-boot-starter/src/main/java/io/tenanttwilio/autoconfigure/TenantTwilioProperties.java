package io.tenanttwilio.autoconfigure;

import io.tenanttwilio.guardrails.CanadianLongCodes;
import io.tenanttwilio.guardrails.UnregisteredTraffic;
import io.tenanttwilio.numbers.FailurePolicy;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of tenant-twilio under {@code tenant-twilio.*}.
 *
 * <pre>
 * tenant-twilio.public-base-url=https://app.example.com/twilio
 * tenant-twilio.default-region=CA
 * tenant-twilio.encryption.keys.2026-11=${TENANT_TWILIO_KEY}
 * tenant-twilio.quota.monthly-sms-limit=5000
 * tenant-twilio.jobs.enabled=true
 * </pre>
 *
 * <p>Not thread-safe: Spring binds it once at start-up; it is only read after that. The same holds
 * for its nested groups of settings.
 */
@ConfigurationProperties("tenant-twilio")
public class TenantTwilioProperties {

    /**
     * Public URL at which Twilio reaches the webhook endpoint, such as
     * https://app.example.com/twilio; numbers get .../sms/{key} and .../status/{key}. Required to buy
     * numbers (in simulator mode it defaults to this application on localhost).
     */
    private @Nullable URI publicBaseUrl;

    /** Region in which phone numbers typed without a country code are read (ISO 3166 code). */
    private String defaultRegion = "US";

    /** Language of messages when none is given. */
    private Locale defaultLocale = Locale.ENGLISH;

    /** What happens to a bought number that cannot be configured or verified. */
    private FailurePolicy failurePolicy = FailurePolicy.KEEP_FOR_ATTENTION;

    private final Webhook webhook = new Webhook();
    private final Http http = new Http();
    private final Quota quota = new Quota();
    private final Purchases purchases = new Purchases();
    private final Balance balance = new Balance();
    private final HealthCheck healthCheck = new HealthCheck();
    private final Health health = new Health();
    private final Reconciliation reconciliation = new Reconciliation();
    private final Registration registration = new Registration();
    private final Jobs jobs = new Jobs();
    private final Outbox outbox = new Outbox();
    private final Alerts alerts = new Alerts();
    private final Encryption encryption = new Encryption();
    private final Master master = new Master();
    private final Store store = new Store();
    private final Security security = new Security();
    private final Simulator simulator = new Simulator();
    private final Metrics metrics = new Metrics();
    private final ClientCache clientCache = new ClientCache();

    /**
     * {@return the public URL at which Twilio reaches the webhook endpoint, or {@code null} when
     * not set} Property {@code tenant-twilio.public-base-url}.
     */
    public @Nullable URI getPublicBaseUrl() {
        return publicBaseUrl;
    }

    /**
     * Sets {@code tenant-twilio.public-base-url}; see {@link #getPublicBaseUrl()}.
     *
     * @param publicBaseUrl the public URL at which Twilio reaches the webhook endpoint, or {@code
     *     null} when not set
     */
    public void setPublicBaseUrl(@Nullable URI publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    /**
     * {@return the region (ISO 3166 code) in which phone numbers typed without a country code are
     * read} Property {@code tenant-twilio.default-region}.
     */
    public String getDefaultRegion() {
        return defaultRegion;
    }

    /**
     * Sets {@code tenant-twilio.default-region}; see {@link #getDefaultRegion()}.
     *
     * @param defaultRegion the region (ISO 3166 code) in which phone numbers typed without a
     *     country code are read
     */
    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /**
     * {@return the language of messages when none is given} Property {@code
     * tenant-twilio.default-locale}.
     */
    public Locale getDefaultLocale() {
        return defaultLocale;
    }

    /**
     * Sets {@code tenant-twilio.default-locale}; see {@link #getDefaultLocale()}.
     *
     * @param defaultLocale the language of messages when none is given
     */
    public void setDefaultLocale(Locale defaultLocale) {
        this.defaultLocale = defaultLocale;
    }

    /**
     * {@return what happens to a bought number that cannot be configured or verified} Property
     * {@code tenant-twilio.failure-policy}.
     */
    public FailurePolicy getFailurePolicy() {
        return failurePolicy;
    }

    /**
     * Sets {@code tenant-twilio.failure-policy}; see {@link #getFailurePolicy()}.
     *
     * @param failurePolicy what happens to a bought number that cannot be configured or verified
     */
    public void setFailurePolicy(FailurePolicy failurePolicy) {
        this.failurePolicy = failurePolicy;
    }

    /** {@return the webhook endpoint Twilio calls} Property {@code tenant-twilio.webhook.*}. */
    public Webhook getWebhook() {
        return webhook;
    }

    /** {@return the settings of calls to Twilio's API} Property {@code tenant-twilio.http.*}. */
    public Http getHttp() {
        return http;
    }

    /**
     * {@return the SMS quotas of tenants without a policy of their own} Property {@code
     * tenant-twilio.quota.*}.
     */
    public Quota getQuota() {
        return quota;
    }

    /**
     * {@return the purchase limits of tenants without a policy of their own} Property {@code
     * tenant-twilio.purchases.*}.
     */
    public Purchases getPurchases() {
        return purchases;
    }

    /** {@return the settings of the balance monitor} Property {@code tenant-twilio.balance.*}. */
    public Balance getBalance() {
        return balance;
    }

    /**
     * {@return the settings of the numbers' health check} Property {@code
     * tenant-twilio.health-check.*}.
     */
    public HealthCheck getHealthCheck() {
        return healthCheck;
    }

    /**
     * {@return who sees the details of the health endpoint} Property {@code
     * tenant-twilio.health.*}.
     */
    public Health getHealth() {
        return health;
    }

    /**
     * {@return the reconciliation of statuses and prices whose callbacks never came} Property
     * {@code tenant-twilio.reconciliation.*}.
     */
    public Reconciliation getReconciliation() {
        return reconciliation;
    }

    /**
     * {@return the carrier registration defaults} Property {@code tenant-twilio.registration.*}.
     */
    public Registration getRegistration() {
        return registration;
    }

    /** {@return the settings of the scheduled jobs} Property {@code tenant-twilio.jobs.*}. */
    public Jobs getJobs() {
        return jobs;
    }

    /**
     * {@return the outbox's dispatcher on this instance} Property {@code tenant-twilio.outbox.*}.
     */
    public Outbox getOutbox() {
        return outbox;
    }

    /** {@return when webhook trouble becomes an alert} Property {@code tenant-twilio.alerts.*}. */
    public Alerts getAlerts() {
        return alerts;
    }

    /**
     * {@return the encryption of the secrets kept in the database} Property {@code
     * tenant-twilio.encryption.*}.
     */
    public Encryption getEncryption() {
        return encryption;
    }

    /** {@return the master account of managed mode} Property {@code tenant-twilio.master.*}. */
    public Master getMaster() {
        return master;
    }

    /** {@return where the SDK keeps its data} Property {@code tenant-twilio.store.*}. */
    public Store getStore() {
        return store;
    }

    /**
     * {@return how the current tenant and actor are read from Spring Security} Property {@code
     * tenant-twilio.security.*}.
     */
    public Security getSecurity() {
        return security;
    }

    /**
     * {@return the embedded simulator for local development} Property {@code
     * tenant-twilio.simulator.*}.
     */
    public Simulator getSimulator() {
        return simulator;
    }

    /**
     * {@return the settings of the Micrometer metrics} Property {@code tenant-twilio.metrics.*}.
     */
    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * {@return the cache of per-tenant Twilio clients} Property {@code
     * tenant-twilio.client-cache.*}.
     */
    public ClientCache getClientCache() {
        return clientCache;
    }

    /** The webhook endpoint Twilio calls. Bound once at start-up; not thread-safe. */
    public static class Webhook {

        /** Whether to register the webhook servlet. */
        private boolean enabled = true;

        /** Path under which the webhook servlet is mapped; the path of the public base URL. */
        private String path = "/twilio";

        /** Largest webhook body accepted. */
        private DataSize maxBodySize = DataSize.ofKilobytes(64);

        /**
         * {@return whether the webhook servlet is registered} Property {@code
         * tenant-twilio.webhook.enabled}.
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code tenant-twilio.webhook.enabled}; see {@link #isEnabled()}.
         *
         * @param enabled whether the webhook servlet is registered
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * {@return the path under which the webhook servlet is mapped: the path of the public base
         * URL} Property {@code tenant-twilio.webhook.path}.
         */
        public String getPath() {
            return path;
        }

        /**
         * Sets {@code tenant-twilio.webhook.path}; see {@link #getPath()}.
         *
         * @param path the path under which the webhook servlet is mapped: the path of the public
         *     base URL
         */
        public void setPath(String path) {
            this.path = path;
        }

        /**
         * {@return the largest webhook body accepted; a longer one is answered 413} Property {@code
         * tenant-twilio.webhook.max-body-size}.
         */
        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        /**
         * Sets {@code tenant-twilio.webhook.max-body-size}; see {@link #getMaxBodySize()}.
         *
         * @param maxBodySize the largest webhook body accepted; a longer one is answered 413
         */
        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }
    }

    /** Calls to Twilio's API. Bound once at start-up; not thread-safe. */
    public static class Http {

        /** Time to establish a connection to Twilio. */
        private Duration connectTimeout = Duration.ofSeconds(5);

        /** Time to wait for Twilio's answer once the request is sent. */
        private Duration readTimeout = Duration.ofSeconds(15);

        /** Time to wait for a free connection of the shared pool. */
        private Duration connectionRequestTimeout = Duration.ofSeconds(5);

        /** Size of the connection pool shared by every tenant's Twilio client. */
        private int maxConnections = 200;

        /** Base URL of Twilio's API, for a simulator or a proxy; Twilio itself when not set. */
        private @Nullable URI apiBaseUrl;

        private final Retry retry = new Retry();

        /**
         * {@return the time allowed to establish a connection to Twilio} Property {@code
         * tenant-twilio.http.connect-timeout}.
         */
        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        /**
         * Sets {@code tenant-twilio.http.connect-timeout}; see {@link #getConnectTimeout()}.
         *
         * @param connectTimeout the time allowed to establish a connection to Twilio
         */
        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        /**
         * {@return the time to wait for Twilio's answer once the request is sent} Property {@code
         * tenant-twilio.http.read-timeout}.
         */
        public Duration getReadTimeout() {
            return readTimeout;
        }

        /**
         * Sets {@code tenant-twilio.http.read-timeout}; see {@link #getReadTimeout()}.
         *
         * @param readTimeout the time to wait for Twilio's answer once the request is sent
         */
        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        /**
         * {@return the time to wait for a free connection of the shared pool} Property {@code
         * tenant-twilio.http.connection-request-timeout}.
         */
        public Duration getConnectionRequestTimeout() {
            return connectionRequestTimeout;
        }

        /**
         * Sets {@code tenant-twilio.http.connection-request-timeout}; see {@link
         * #getConnectionRequestTimeout()}.
         *
         * @param connectionRequestTimeout the time to wait for a free connection of the shared pool
         */
        public void setConnectionRequestTimeout(Duration connectionRequestTimeout) {
            this.connectionRequestTimeout = connectionRequestTimeout;
        }

        /**
         * {@return the size of the connection pool shared by every tenant's Twilio client} Property
         * {@code tenant-twilio.http.max-connections}.
         */
        public int getMaxConnections() {
            return maxConnections;
        }

        /**
         * Sets {@code tenant-twilio.http.max-connections}; see {@link #getMaxConnections()}.
         *
         * @param maxConnections the size of the connection pool shared by every tenant's Twilio
         *     client
         */
        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        /**
         * {@return the base URL of Twilio's API (a simulator or a proxy), or {@code null} for
         * Twilio itself} Property {@code tenant-twilio.http.api-base-url}.
         */
        public @Nullable URI getApiBaseUrl() {
            return apiBaseUrl;
        }

        /**
         * Sets {@code tenant-twilio.http.api-base-url}; see {@link #getApiBaseUrl()}.
         *
         * @param apiBaseUrl the base URL of Twilio's API (a simulator or a proxy), or {@code null}
         *     for Twilio itself
         */
        public void setApiBaseUrl(@Nullable URI apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
        }

        /**
         * {@return the retries of calls Twilio throttled or could not take} Property {@code
         * tenant-twilio.http.retry.*}.
         */
        public Retry getRetry() {
            return retry;
        }
    }

    /**
     * Retries of calls Twilio throttled or could not take (never a send whose outcome is unknown).
     * Bound once at start-up; not thread-safe.
     */
    public static class Retry {

        /** Attempts in all, the first included. */
        private int maxAttempts = 3;

        /** Wait before the first retry; doubled at each retry. */
        private Duration initialBackoff = Duration.ofMillis(200);

        /** Longest wait between two attempts. */
        private Duration maxBackoff = Duration.ofSeconds(5);

        /** Longest Retry-After of a 429 answer that is honoured; a longer one fails at once. */
        private Duration maxRetryAfter = Duration.ofSeconds(10);

        /**
         * {@return the number of attempts in all, the first included} Property {@code
         * tenant-twilio.http.retry.max-attempts}.
         */
        public int getMaxAttempts() {
            return maxAttempts;
        }

        /**
         * Sets {@code tenant-twilio.http.retry.max-attempts}; see {@link #getMaxAttempts()}.
         *
         * @param maxAttempts the number of attempts in all, the first included
         */
        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /**
         * {@return the wait before the first retry, doubled at each retry} Property {@code
         * tenant-twilio.http.retry.initial-backoff}.
         */
        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        /**
         * Sets {@code tenant-twilio.http.retry.initial-backoff}; see {@link #getInitialBackoff()}.
         *
         * @param initialBackoff the wait before the first retry, doubled at each retry
         */
        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        /**
         * {@return the longest wait between two attempts} Property {@code
         * tenant-twilio.http.retry.max-backoff}.
         */
        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        /**
         * Sets {@code tenant-twilio.http.retry.max-backoff}; see {@link #getMaxBackoff()}.
         *
         * @param maxBackoff the longest wait between two attempts
         */
        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        /**
         * {@return the longest Retry-After of a 429 answer that is honoured; a longer one fails at
         * once} Property {@code tenant-twilio.http.retry.max-retry-after}.
         */
        public Duration getMaxRetryAfter() {
            return maxRetryAfter;
        }

        /**
         * Sets {@code tenant-twilio.http.retry.max-retry-after}; see {@link #getMaxRetryAfter()}.
         *
         * @param maxRetryAfter the longest Retry-After of a 429 answer that is honoured; a longer
         *     one fails at once
         */
        public void setMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }
    }

    /**
     * SMS quotas of tenants without a policy of their own. Bound once at start-up; not thread-safe.
     */
    public static class Quota {

        /** Time zone of the calendar days and months of quotas. */
        private ZoneId timeZone = ZoneId.of("UTC");

        /** Most SMS (or segments) a tenant may send a day; no limit when not set. */
        private @Nullable Long dailySmsLimit;

        /** Most SMS (or segments) a tenant may send a month; no limit when not set. */
        private @Nullable Long monthlySmsLimit;

        /** Whether quotas count message segments (what Twilio bills) rather than messages. */
        private boolean countSegments;

        /**
         * {@return the time zone of the calendar days and months that quotas count in} Property
         * {@code tenant-twilio.quota.time-zone}.
         */
        public ZoneId getTimeZone() {
            return timeZone;
        }

        /**
         * Sets {@code tenant-twilio.quota.time-zone}; see {@link #getTimeZone()}.
         *
         * @param timeZone the time zone of the calendar days and months that quotas count in
         */
        public void setTimeZone(ZoneId timeZone) {
            this.timeZone = timeZone;
        }

        /**
         * {@return the most SMS (or segments) a tenant may send a day, or {@code null} for no
         * limit} Property {@code tenant-twilio.quota.daily-sms-limit}.
         */
        public @Nullable Long getDailySmsLimit() {
            return dailySmsLimit;
        }

        /**
         * Sets {@code tenant-twilio.quota.daily-sms-limit}; see {@link #getDailySmsLimit()}.
         *
         * @param dailySmsLimit the most SMS (or segments) a tenant may send a day, or {@code null}
         *     for no limit
         */
        public void setDailySmsLimit(@Nullable Long dailySmsLimit) {
            this.dailySmsLimit = dailySmsLimit;
        }

        /**
         * {@return the most SMS (or segments) a tenant may send a month, or {@code null} for no
         * limit} Property {@code tenant-twilio.quota.monthly-sms-limit}.
         */
        public @Nullable Long getMonthlySmsLimit() {
            return monthlySmsLimit;
        }

        /**
         * Sets {@code tenant-twilio.quota.monthly-sms-limit}; see {@link #getMonthlySmsLimit()}.
         *
         * @param monthlySmsLimit the most SMS (or segments) a tenant may send a month, or {@code
         *     null} for no limit
         */
        public void setMonthlySmsLimit(@Nullable Long monthlySmsLimit) {
            this.monthlySmsLimit = monthlySmsLimit;
        }

        /**
         * {@return whether quotas count message segments (what Twilio bills) rather than messages}
         * Property {@code tenant-twilio.quota.count-segments}.
         */
        public boolean isCountSegments() {
            return countSegments;
        }

        /**
         * Sets {@code tenant-twilio.quota.count-segments}; see {@link #isCountSegments()}.
         *
         * @param countSegments whether quotas count message segments (what Twilio bills) rather
         *     than messages
         */
        public void setCountSegments(boolean countSegments) {
            this.countSegments = countSegments;
        }
    }

    /**
     * Purchase limits of tenants without a policy of their own. Bound once at start-up; not
     * thread-safe.
     */
    public static class Purchases {

        /** Most numbers a tenant may buy in any 24 hours. */
        private int maxPerDay = 5;

        /** Most numbers a tenant may own. */
        private int maxNumbersOwned = 10;

        /** Most a tenant's numbers may cost a month (estimated); no cap when not set. */
        private @Nullable BigDecimal monthlySpendCap;

        /** What a number is estimated to cost a month, for the spend cap. */
        private BigDecimal estimatedNumberMonthlyPrice = new BigDecimal("1.15");

        /**
         * {@return the most numbers a tenant may buy in any 24 hours} Property {@code
         * tenant-twilio.purchases.max-per-day}.
         */
        public int getMaxPerDay() {
            return maxPerDay;
        }

        /**
         * Sets {@code tenant-twilio.purchases.max-per-day}; see {@link #getMaxPerDay()}.
         *
         * @param maxPerDay the most numbers a tenant may buy in any 24 hours
         */
        public void setMaxPerDay(int maxPerDay) {
            this.maxPerDay = maxPerDay;
        }

        /**
         * {@return the most numbers a tenant may own} Property {@code
         * tenant-twilio.purchases.max-numbers-owned}.
         */
        public int getMaxNumbersOwned() {
            return maxNumbersOwned;
        }

        /**
         * Sets {@code tenant-twilio.purchases.max-numbers-owned}; see {@link
         * #getMaxNumbersOwned()}.
         *
         * @param maxNumbersOwned the most numbers a tenant may own
         */
        public void setMaxNumbersOwned(int maxNumbersOwned) {
            this.maxNumbersOwned = maxNumbersOwned;
        }

        /**
         * {@return the most a tenant's numbers may cost a month (estimated), or {@code null} for no
         * cap} Property {@code tenant-twilio.purchases.monthly-spend-cap}.
         */
        public @Nullable BigDecimal getMonthlySpendCap() {
            return monthlySpendCap;
        }

        /**
         * Sets {@code tenant-twilio.purchases.monthly-spend-cap}; see {@link
         * #getMonthlySpendCap()}.
         *
         * @param monthlySpendCap the most a tenant's numbers may cost a month (estimated), or
         *     {@code null} for no cap
         */
        public void setMonthlySpendCap(@Nullable BigDecimal monthlySpendCap) {
            this.monthlySpendCap = monthlySpendCap;
        }

        /**
         * {@return what a number is estimated to cost a month, for the spend cap} Property {@code
         * tenant-twilio.purchases.estimated-number-monthly-price}.
         */
        public BigDecimal getEstimatedNumberMonthlyPrice() {
            return estimatedNumberMonthlyPrice;
        }

        /**
         * Sets {@code tenant-twilio.purchases.estimated-number-monthly-price}; see {@link
         * #getEstimatedNumberMonthlyPrice()}.
         *
         * @param estimatedNumberMonthlyPrice what a number is estimated to cost a month, for the
         *     spend cap
         */
        public void setEstimatedNumberMonthlyPrice(BigDecimal estimatedNumberMonthlyPrice) {
            this.estimatedNumberMonthlyPrice = estimatedNumberMonthlyPrice;
        }
    }

    /** The balance monitor. Bound once at start-up; not thread-safe. */
    public static class Balance {

        /** Twilio balance under which a tenant is warned (default policy). */
        private BigDecimal lowThreshold = new BigDecimal("5.00");

        /**
         * Balance of the master account under which the platform is warned; lowThreshold when not
         * set.
         */
        private @Nullable BigDecimal masterLowThreshold;

        /** How often every tenant's balance is fetched. */
        private Duration pollInterval = Duration.ofHours(1);

        /** How many balances are fetched at once. */
        private int concurrency = 4;

        /**
         * {@return the Twilio balance under which a tenant is warned (default policy)} Property
         * {@code tenant-twilio.balance.low-threshold}.
         */
        public BigDecimal getLowThreshold() {
            return lowThreshold;
        }

        /**
         * Sets {@code tenant-twilio.balance.low-threshold}; see {@link #getLowThreshold()}.
         *
         * @param lowThreshold the Twilio balance under which a tenant is warned (default policy)
         */
        public void setLowThreshold(BigDecimal lowThreshold) {
            this.lowThreshold = lowThreshold;
        }

        /**
         * {@return the master account's balance under which the platform is warned, or {@code null}
         * for the tenants' low threshold} Property {@code
         * tenant-twilio.balance.master-low-threshold}.
         */
        public @Nullable BigDecimal getMasterLowThreshold() {
            return masterLowThreshold;
        }

        /**
         * Sets {@code tenant-twilio.balance.master-low-threshold}; see {@link
         * #getMasterLowThreshold()}.
         *
         * @param masterLowThreshold the master account's balance under which the platform is
         *     warned, or {@code null} for the tenants' low threshold
         */
        public void setMasterLowThreshold(@Nullable BigDecimal masterLowThreshold) {
            this.masterLowThreshold = masterLowThreshold;
        }

        /**
         * {@return how often every tenant's balance is fetched} Property {@code
         * tenant-twilio.balance.poll-interval}.
         */
        public Duration getPollInterval() {
            return pollInterval;
        }

        /**
         * Sets {@code tenant-twilio.balance.poll-interval}; see {@link #getPollInterval()}.
         *
         * @param pollInterval how often every tenant's balance is fetched
         */
        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        /**
         * {@return how many balances are fetched at once} Property {@code
         * tenant-twilio.balance.concurrency}.
         */
        public int getConcurrency() {
            return concurrency;
        }

        /**
         * Sets {@code tenant-twilio.balance.concurrency}; see {@link #getConcurrency()}.
         *
         * @param concurrency how many balances are fetched at once
         */
        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }
    }

    /**
     * Who sees the details of the health endpoint (Actuator), which include the tenantTwilio
     * indicator's. Bound once at start-up; not thread-safe.
     */
    public static class Health {

        /**
         * Roles that see the health endpoint's details and components when it shows them
         * 'when-authorized' and no management.endpoint.health.roles (or group roles) are set: without
         * roles, Spring Boot shows them to every signed-in user, that is to every tenant's staff. A
         * role matches the authority with the ROLE_ prefix (ROLE_TWILIO_OPERATOR) or an authority of
         * that exact name. Explicit roles, 'always' and 'never' are left as configured; empty lets
         * every signed-in user see them again.
         */
        private List<String> detailsRoles = List.of("TWILIO_OPERATOR");

        /**
         * {@return the roles that see the health endpoint's details; empty lets every signed-in
         * user see them} Property {@code tenant-twilio.health.details-roles}.
         */
        public List<String> getDetailsRoles() {
            return detailsRoles;
        }

        /**
         * Sets {@code tenant-twilio.health.details-roles}; see {@link #getDetailsRoles()}.
         *
         * @param detailsRoles the roles that see the health endpoint's details; empty lets every
         *     signed-in user see them
         */
        public void setDetailsRoles(List<String> detailsRoles) {
            this.detailsRoles = detailsRoles;
        }
    }

    /** The numbers' health check. Bound once at start-up; not thread-safe. */
    public static class HealthCheck {

        /** Period over which every active number is verified once, spread evenly. */
        private Duration interval = Duration.ofHours(24);

        /** Most numbers verified a minute. */
        private int maxPerMinute = 30;

        /** Whether a drifted webhook configuration is written back by itself (default policy). */
        private boolean autoRepair = true;

        /**
         * {@return the period over which every active number is verified once, spread evenly}
         * Property {@code tenant-twilio.health-check.interval}.
         */
        public Duration getInterval() {
            return interval;
        }

        /**
         * Sets {@code tenant-twilio.health-check.interval}; see {@link #getInterval()}.
         *
         * @param interval the period over which every active number is verified once, spread evenly
         */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /**
         * {@return the most numbers verified a minute} Property {@code
         * tenant-twilio.health-check.max-per-minute}.
         */
        public int getMaxPerMinute() {
            return maxPerMinute;
        }

        /**
         * Sets {@code tenant-twilio.health-check.max-per-minute}; see {@link #getMaxPerMinute()}.
         *
         * @param maxPerMinute the most numbers verified a minute
         */
        public void setMaxPerMinute(int maxPerMinute) {
            this.maxPerMinute = maxPerMinute;
        }

        /**
         * {@return whether a drifted webhook configuration is written back by itself (default
         * policy)} Property {@code tenant-twilio.health-check.auto-repair}.
         */
        public boolean isAutoRepair() {
            return autoRepair;
        }

        /**
         * Sets {@code tenant-twilio.health-check.auto-repair}; see {@link #isAutoRepair()}.
         *
         * @param autoRepair whether a drifted webhook configuration is written back by itself
         *     (default policy)
         */
        public void setAutoRepair(boolean autoRepair) {
            this.autoRepair = autoRepair;
        }
    }

    /**
     * Reconciliation of statuses and prices whose callbacks never came. Bound once at start-up; not
     * thread-safe.
     */
    public static class Reconciliation {

        /** How often it runs. */
        private Duration interval = Duration.ofMinutes(15);

        /** How old a message must be before Twilio is asked about it. */
        private Duration after = Duration.ofMinutes(10);

        /** How far back it looks. */
        private Duration within = Duration.ofDays(7);

        /**
         * {@return how often the reconciliation runs} Property {@code
         * tenant-twilio.reconciliation.interval}.
         */
        public Duration getInterval() {
            return interval;
        }

        /**
         * Sets {@code tenant-twilio.reconciliation.interval}; see {@link #getInterval()}.
         *
         * @param interval how often the reconciliation runs
         */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /**
         * {@return how old a message must be before Twilio is asked about it} Property {@code
         * tenant-twilio.reconciliation.after}.
         */
        public Duration getAfter() {
            return after;
        }

        /**
         * Sets {@code tenant-twilio.reconciliation.after}; see {@link #getAfter()}.
         *
         * @param after how old a message must be before Twilio is asked about it
         */
        public void setAfter(Duration after) {
            this.after = after;
        }

        /**
         * {@return how far back the reconciliation looks} Property {@code
         * tenant-twilio.reconciliation.within}.
         */
        public Duration getWithin() {
            return within;
        }

        /**
         * Sets {@code tenant-twilio.reconciliation.within}; see {@link #getWithin()}.
         *
         * @param within how far back the reconciliation looks
         */
        public void setWithin(Duration within) {
            this.within = within;
        }
    }

    /**
     * Carrier registration (A2P 10DLC, toll-free verification): what a send does without it, and
     * how often pending reviews are followed. The values are every tenant's defaults; a tenant's
     * own policy overrides them. Bound once at start-up; not thread-safe.
     */
    public static class Registration {

        /** What a text that the carriers would block for want of registration does. */
        private UnregisteredTraffic unregisteredTraffic = UnregisteredTraffic.REFUSE;

        /** Whether Canadian long codes texting Canadian recipients need a registration. */
        private CanadianLongCodes canadianLongCodes = CanadianLongCodes.NO_REGISTRATION;

        /** How often the scheduled job looks for registrations and verifications due a check. */
        private Duration pollInterval = Duration.ofMinutes(5);

        /**
         * {@return what an unregistered text does: refused before Twilio is called, or sent with a
         * warning} Property {@code tenant-twilio.registration.unregistered-traffic} ({@code
         * refuse}, {@code warn}).
         */
        public UnregisteredTraffic getUnregisteredTraffic() {
            return unregisteredTraffic;
        }

        /**
         * Sets {@code tenant-twilio.registration.unregistered-traffic}; see {@link
         * #getUnregisteredTraffic()}.
         *
         * @param unregisteredTraffic refuse or warn
         */
        public void setUnregisteredTraffic(UnregisteredTraffic unregisteredTraffic) {
            this.unregisteredTraffic = unregisteredTraffic;
        }

        /**
         * {@return the rule for Canadian long codes texting Canadian recipients} Property {@code
         * tenant-twilio.registration.canadian-long-codes} ({@code no-registration}, {@code
         * registration-for-numbers-from-2025-03-26}).
         */
        public CanadianLongCodes getCanadianLongCodes() {
            return canadianLongCodes;
        }

        /**
         * Sets {@code tenant-twilio.registration.canadian-long-codes}; see {@link
         * #getCanadianLongCodes()}.
         *
         * @param canadianLongCodes the rule
         */
        public void setCanadianLongCodes(CanadianLongCodes canadianLongCodes) {
            this.canadianLongCodes = canadianLongCodes;
        }

        /**
         * {@return how often pending registrations are looked for} Property {@code
         * tenant-twilio.registration.poll-interval}. Each registration backs off on its own, from
         * a minute to six hours, and is checked daily once approved.
         */
        public Duration getPollInterval() {
            return pollInterval;
        }

        /**
         * Sets {@code tenant-twilio.registration.poll-interval}; see {@link #getPollInterval()}.
         *
         * @param pollInterval how often pending registrations are looked for
         */
        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }
    }

    /**
     * The scheduled jobs (balance, health check, reconciliation). Bound once at start-up; not
     * thread-safe.
     */
    public static class Jobs {

        /**
         * Whether this instance runs the scheduled jobs; safe on every instance of a cluster (a
         * database lease runs each job on one at a time).
         */
        private boolean enabled;

        /** How long a job's lease lasts without renewal: how soon another instance takes over. */
        private Duration leaseTtl = Duration.ofMinutes(2);

        /** This instance's name in the leases; host, process and a random suffix when not set. */
        private @Nullable String instanceId;

        /**
         * {@return whether this instance runs the scheduled jobs} Property {@code
         * tenant-twilio.jobs.enabled}.
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code tenant-twilio.jobs.enabled}; see {@link #isEnabled()}.
         *
         * @param enabled whether this instance runs the scheduled jobs
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * {@return how long a job's lease lasts without renewal: how soon another instance takes
         * over} Property {@code tenant-twilio.jobs.lease-ttl}.
         */
        public Duration getLeaseTtl() {
            return leaseTtl;
        }

        /**
         * Sets {@code tenant-twilio.jobs.lease-ttl}; see {@link #getLeaseTtl()}.
         *
         * @param leaseTtl how long a job's lease lasts without renewal: how soon another instance
         *     takes over
         */
        public void setLeaseTtl(Duration leaseTtl) {
            this.leaseTtl = leaseTtl;
        }

        /**
         * {@return this instance's name in the leases, or {@code null} for host, process and a
         * random suffix} Property {@code tenant-twilio.jobs.instance-id}.
         */
        public @Nullable String getInstanceId() {
            return instanceId;
        }

        /**
         * Sets {@code tenant-twilio.jobs.instance-id}; see {@link #getInstanceId()}.
         *
         * @param instanceId this instance's name in the leases, or {@code null} for host, process
         *     and a random suffix
         */
        public void setInstanceId(@Nullable String instanceId) {
            this.instanceId = instanceId;
        }
    }

    /**
     * The outbox's dispatcher on this instance: whether it runs, how many sends at once, how it
     * claims, and the carriers' pace per kind of sender ({@link
     * io.tenanttwilio.outbox.OutboxSettings}). Bound once at start-up; not thread-safe.
     */
    public static class Outbox {

        /**
         * Whether this instance runs the outbox's dispatcher, started with the application and
         * stopped before the SDK closes; safe on every instance of a cluster (each claims its
         * share). Off: the instance schedules messages but another one sends them.
         */
        private boolean enabled = true;

        /** How many scheduled messages this instance sends at once. */
        private int workers = 8;

        /** How often the dispatcher looks for due messages when it found none. */
        private Duration pollEvery = Duration.ofMillis(250);

        /** How far ahead of their slot at the senders' pace messages are claimed. */
        private Duration claimHorizon = Duration.ofSeconds(2);

        /**
         * How long a claim holds before another instance takes the message over; at least twice
         * the claim horizon, and longer than the HTTP timeouts (a send must start within half of
         * it).
         */
        private Duration leaseTtl = Duration.ofSeconds(60);

        /** The most messages claimed for one tenant in one turn. */
        private int claimBatch = 50;

        /** The most tenants served in one pass (the others in the next). */
        private int tenantsPerPass = 1000;

        /** The most requests in flight at once per Twilio account, across instances. */
        private int accountConcurrency = 20;

        /** Segments per second a long code (local or mobile number) sends. */
        private double longCodeRate = 1.0;

        /** Segments per second a toll-free number sends. */
        private double tollFreeRate = 3.0;

        /** Segments per second a number sends outside North America. */
        private double internationalRate = 10.0;

        /** Segments per second a Messaging Service sends (its campaign's throughput). */
        private double messagingServiceRate = 1.0;

        /**
         * How long an account waits after Twilio answered 429 without Retry-After (doubled at each
         * attempt of the same message).
         */
        private Duration throttleBackoff = Duration.ofSeconds(1);

        /**
         * {@return whether this instance runs the outbox's dispatcher} Property {@code
         * tenant-twilio.outbox.enabled}.
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code tenant-twilio.outbox.enabled}; see {@link #isEnabled()}.
         *
         * @param enabled whether this instance runs the outbox's dispatcher
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * {@return how many scheduled messages this instance sends at once} Property {@code
         * tenant-twilio.outbox.workers}.
         */
        public int getWorkers() {
            return workers;
        }

        /**
         * Sets {@code tenant-twilio.outbox.workers}; see {@link #getWorkers()}.
         *
         * @param workers how many scheduled messages this instance sends at once
         */
        public void setWorkers(int workers) {
            this.workers = workers;
        }

        /**
         * {@return how often the dispatcher looks for due messages when it found none} Property
         * {@code tenant-twilio.outbox.poll-every}.
         */
        public @Nullable Duration getPollEvery() {
            return pollEvery;
        }

        /**
         * Sets {@code tenant-twilio.outbox.poll-every}; see {@link #getPollEvery()}.
         *
         * @param pollEvery how often the dispatcher looks for due messages when it found none
         */
        public void setPollEvery(@Nullable Duration pollEvery) {
            this.pollEvery = pollEvery;
        }

        /**
         * {@return how far ahead of their slot messages are claimed} Property {@code
         * tenant-twilio.outbox.claim-horizon}.
         */
        public @Nullable Duration getClaimHorizon() {
            return claimHorizon;
        }

        /**
         * Sets {@code tenant-twilio.outbox.claim-horizon}; see {@link #getClaimHorizon()}.
         *
         * @param claimHorizon how far ahead of their slot messages are claimed
         */
        public void setClaimHorizon(@Nullable Duration claimHorizon) {
            this.claimHorizon = claimHorizon;
        }

        /**
         * {@return how long a claim holds before another instance takes the message over}
         * Property {@code tenant-twilio.outbox.lease-ttl}.
         */
        public @Nullable Duration getLeaseTtl() {
            return leaseTtl;
        }

        /**
         * Sets {@code tenant-twilio.outbox.lease-ttl}; see {@link #getLeaseTtl()}.
         *
         * @param leaseTtl how long a claim holds before another instance takes the message over
         */
        public void setLeaseTtl(@Nullable Duration leaseTtl) {
            this.leaseTtl = leaseTtl;
        }

        /**
         * {@return the most messages claimed for one tenant in one turn} Property {@code
         * tenant-twilio.outbox.claim-batch}.
         */
        public int getClaimBatch() {
            return claimBatch;
        }

        /**
         * Sets {@code tenant-twilio.outbox.claim-batch}; see {@link #getClaimBatch()}.
         *
         * @param claimBatch the most messages claimed for one tenant in one turn
         */
        public void setClaimBatch(int claimBatch) {
            this.claimBatch = claimBatch;
        }

        /**
         * {@return the most tenants served in one pass} Property {@code
         * tenant-twilio.outbox.tenants-per-pass}.
         */
        public int getTenantsPerPass() {
            return tenantsPerPass;
        }

        /**
         * Sets {@code tenant-twilio.outbox.tenants-per-pass}; see {@link #getTenantsPerPass()}.
         *
         * @param tenantsPerPass the most tenants served in one pass
         */
        public void setTenantsPerPass(int tenantsPerPass) {
            this.tenantsPerPass = tenantsPerPass;
        }

        /**
         * {@return the most requests in flight at once per Twilio account, across instances}
         * Property {@code tenant-twilio.outbox.account-concurrency}.
         */
        public int getAccountConcurrency() {
            return accountConcurrency;
        }

        /**
         * Sets {@code tenant-twilio.outbox.account-concurrency}; see {@link
         * #getAccountConcurrency()}.
         *
         * @param accountConcurrency the most requests in flight at once per Twilio account
         */
        public void setAccountConcurrency(int accountConcurrency) {
            this.accountConcurrency = accountConcurrency;
        }

        /**
         * {@return the segments per second a long code sends} Property {@code
         * tenant-twilio.outbox.long-code-rate}.
         */
        public double getLongCodeRate() {
            return longCodeRate;
        }

        /**
         * Sets {@code tenant-twilio.outbox.long-code-rate}; see {@link #getLongCodeRate()}.
         *
         * @param longCodeRate the segments per second a long code sends
         */
        public void setLongCodeRate(double longCodeRate) {
            this.longCodeRate = longCodeRate;
        }

        /**
         * {@return the segments per second a toll-free number sends} Property {@code
         * tenant-twilio.outbox.toll-free-rate}.
         */
        public double getTollFreeRate() {
            return tollFreeRate;
        }

        /**
         * Sets {@code tenant-twilio.outbox.toll-free-rate}; see {@link #getTollFreeRate()}.
         *
         * @param tollFreeRate the segments per second a toll-free number sends
         */
        public void setTollFreeRate(double tollFreeRate) {
            this.tollFreeRate = tollFreeRate;
        }

        /**
         * {@return the segments per second a number sends outside North America} Property {@code
         * tenant-twilio.outbox.international-rate}.
         */
        public double getInternationalRate() {
            return internationalRate;
        }

        /**
         * Sets {@code tenant-twilio.outbox.international-rate}; see {@link
         * #getInternationalRate()}.
         *
         * @param internationalRate the segments per second a number sends outside North America
         */
        public void setInternationalRate(double internationalRate) {
            this.internationalRate = internationalRate;
        }

        /**
         * {@return the segments per second a Messaging Service sends} Property {@code
         * tenant-twilio.outbox.messaging-service-rate}.
         */
        public double getMessagingServiceRate() {
            return messagingServiceRate;
        }

        /**
         * Sets {@code tenant-twilio.outbox.messaging-service-rate}; see {@link
         * #getMessagingServiceRate()}.
         *
         * @param messagingServiceRate the segments per second a Messaging Service sends
         */
        public void setMessagingServiceRate(double messagingServiceRate) {
            this.messagingServiceRate = messagingServiceRate;
        }

        /**
         * {@return how long an account waits after Twilio answered 429 without Retry-After}
         * Property {@code tenant-twilio.outbox.throttle-backoff}.
         */
        public @Nullable Duration getThrottleBackoff() {
            return throttleBackoff;
        }

        /**
         * Sets {@code tenant-twilio.outbox.throttle-backoff}; see {@link #getThrottleBackoff()}.
         *
         * @param throttleBackoff how long an account waits after Twilio answered 429 without
         *     Retry-After
         */
        public void setThrottleBackoff(@Nullable Duration throttleBackoff) {
            this.throttleBackoff = throttleBackoff;
        }
    }

    /** When webhook trouble becomes an alert. Bound once at start-up; not thread-safe. */
    public static class Alerts {

        /** Counting window. */
        private Duration window = Duration.ofMinutes(15);

        /** Webhooks refused for a bad signature within the window. */
        private int signatureFailures = 5;

        /** Webhooks answered 5xx within the window. */
        private int webhookErrors = 3;

        /** Messages failed or undelivered within the window. */
        private int deliveryFailures = 10;

        /**
         * {@return the window in which webhook trouble is counted} Property {@code
         * tenant-twilio.alerts.window}.
         */
        public Duration getWindow() {
            return window;
        }

        /**
         * Sets {@code tenant-twilio.alerts.window}; see {@link #getWindow()}.
         *
         * @param window the window in which webhook trouble is counted
         */
        public void setWindow(Duration window) {
            this.window = window;
        }

        /**
         * {@return how many webhooks refused for a bad signature within the window raise an alert}
         * Property {@code tenant-twilio.alerts.signature-failures}.
         */
        public int getSignatureFailures() {
            return signatureFailures;
        }

        /**
         * Sets {@code tenant-twilio.alerts.signature-failures}; see {@link
         * #getSignatureFailures()}.
         *
         * @param signatureFailures how many webhooks refused for a bad signature within the window
         *     raise an alert
         */
        public void setSignatureFailures(int signatureFailures) {
            this.signatureFailures = signatureFailures;
        }

        /**
         * {@return how many webhooks answered 5xx within the window raise an alert} Property {@code
         * tenant-twilio.alerts.webhook-errors}.
         */
        public int getWebhookErrors() {
            return webhookErrors;
        }

        /**
         * Sets {@code tenant-twilio.alerts.webhook-errors}; see {@link #getWebhookErrors()}.
         *
         * @param webhookErrors how many webhooks answered 5xx within the window raise an alert
         */
        public void setWebhookErrors(int webhookErrors) {
            this.webhookErrors = webhookErrors;
        }

        /**
         * {@return how many failed or undelivered messages within the window raise an alert}
         * Property {@code tenant-twilio.alerts.delivery-failures}.
         */
        public int getDeliveryFailures() {
            return deliveryFailures;
        }

        /**
         * Sets {@code tenant-twilio.alerts.delivery-failures}; see {@link #getDeliveryFailures()}.
         *
         * @param deliveryFailures how many failed or undelivered messages within the window raise
         *     an alert
         */
        public void setDeliveryFailures(int deliveryFailures) {
            this.deliveryFailures = deliveryFailures;
        }
    }

    /**
     * Encryption of the secrets kept in the database (AES-256-GCM). Bound once at start-up; not
     * thread-safe.
     */
    public static class Encryption {

        /**
         * Keys by id, each 32 bytes in Base64 (openssl rand -base64 32); take them from the
         * environment, never from a committed file. Older keys stay to decrypt until re-encryption.
         */
        private Map<String, String> keys = new LinkedHashMap<>();

        /** Id of the key that encrypts new secrets; the only key when there is one. */
        private @Nullable String currentKey;

        /**
         * {@return the keys by id, each 32 bytes in Base64} Property {@code
         * tenant-twilio.encryption.keys}.
         */
        public Map<String, String> getKeys() {
            return keys;
        }

        /**
         * Sets {@code tenant-twilio.encryption.keys}; see {@link #getKeys()}.
         *
         * @param keys the keys by id, each 32 bytes in Base64
         */
        public void setKeys(Map<String, String> keys) {
            this.keys = keys;
        }

        /**
         * {@return the id of the key that encrypts new secrets, or {@code null} when there is only
         * one key} Property {@code tenant-twilio.encryption.current-key}.
         */
        public @Nullable String getCurrentKey() {
            return currentKey;
        }

        /**
         * Sets {@code tenant-twilio.encryption.current-key}; see {@link #getCurrentKey()}.
         *
         * @param currentKey the id of the key that encrypts new secrets, or {@code null} when there
         *     is only one key
         */
        public void setCurrentKey(@Nullable String currentKey) {
            this.currentKey = currentKey;
        }

        @Override
        public String toString() {
            return "Encryption[keys=" + keys.keySet() + ", current=" + currentKey + "]";
        }
    }

    /**
     * Managed mode: the platform's own Twilio account, which creates a subaccount per tenant. Bound
     * once at start-up; not thread-safe.
     */
    public static class Master {

        /** Account SID of the master account (AC...). */
        private @Nullable String accountSid;

        /** Auth Token of the master account (or use an API key). */
        private @Nullable String authToken;

        /** API key SID (SK...) for REST calls, with its secret. */
        private @Nullable String apiKeySid;

        /** API key secret. */
        private @Nullable String apiKeySecret;

        /**
         * {@return the Account SID of the master account ({@code AC...}), or {@code null} outside
         * managed mode} Property {@code tenant-twilio.master.account-sid}.
         */
        public @Nullable String getAccountSid() {
            return accountSid;
        }

        /**
         * Sets {@code tenant-twilio.master.account-sid}; see {@link #getAccountSid()}.
         *
         * @param accountSid the Account SID of the master account ({@code AC...}), or {@code null}
         *     outside managed mode
         */
        public void setAccountSid(@Nullable String accountSid) {
            this.accountSid = accountSid;
        }

        /**
         * {@return the Auth Token of the master account, or {@code null} when an API key is used}
         * Property {@code tenant-twilio.master.auth-token}.
         */
        public @Nullable String getAuthToken() {
            return authToken;
        }

        /**
         * Sets {@code tenant-twilio.master.auth-token}; see {@link #getAuthToken()}.
         *
         * @param authToken the Auth Token of the master account, or {@code null} when an API key is
         *     used
         */
        public void setAuthToken(@Nullable String authToken) {
            this.authToken = authToken;
        }

        /**
         * {@return the SID of the API key ({@code SK...}) for REST calls, or {@code null} when the
         * Auth Token is used} Property {@code tenant-twilio.master.api-key-sid}.
         */
        public @Nullable String getApiKeySid() {
            return apiKeySid;
        }

        /**
         * Sets {@code tenant-twilio.master.api-key-sid}; see {@link #getApiKeySid()}.
         *
         * @param apiKeySid the SID of the API key ({@code SK...}) for REST calls, or {@code null}
         *     when the Auth Token is used
         */
        public void setApiKeySid(@Nullable String apiKeySid) {
            this.apiKeySid = apiKeySid;
        }

        /**
         * {@return the secret of the API key, or {@code null} when the Auth Token is used} Property
         * {@code tenant-twilio.master.api-key-secret}.
         */
        public @Nullable String getApiKeySecret() {
            return apiKeySecret;
        }

        /**
         * Sets {@code tenant-twilio.master.api-key-secret}; see {@link #getApiKeySecret()}.
         *
         * @param apiKeySecret the secret of the API key, or {@code null} when the Auth Token is
         *     used
         */
        public void setApiKeySecret(@Nullable String apiKeySecret) {
            this.apiKeySecret = apiKeySecret;
        }

        @Override
        public String toString() {
            return "Master[" + accountSid + "]";
        }
    }

    /** Where the SDK keeps its data. Bound once at start-up; not thread-safe. */
    public static class Store {

        /** AUTO: JDBC when the application has a DataSource, else in memory. */
        private StoreType type = StoreType.AUTO;

        /**
         * Whether to install (or upgrade) the JDBC schema at start-up; use Flyway or Liquibase
         * otherwise.
         */
        private boolean initializeSchema;

        /**
         * Profiles in which an in-memory store refuses to start (data lost at restart), and so does a
         * PostgreSQL connection as a role that bypasses row-level security.
         */
        private List<String> productionProfiles = List.of("prod", "production");

        /**
         * Whether the application may start in a production profile while its JDBC stores connect to
         * PostgreSQL as a superuser or a BYPASSRLS role, which row-level security does not confine to
         * one tenant. Leave it off and connect as an ordinary role; set it only to accept that
         * knowingly (a warning is still logged at every start).
         */
        private boolean allowRowLevelSecurityBypass;

        /**
         * {@return which store the SDK keeps its data in} Property {@code
         * tenant-twilio.store.type}.
         */
        public StoreType getType() {
            return type;
        }

        /**
         * Sets {@code tenant-twilio.store.type}; see {@link #getType()}.
         *
         * @param type which store the SDK keeps its data in
         */
        public void setType(StoreType type) {
            this.type = type;
        }

        /**
         * {@return whether the JDBC schema is installed or upgraded at start-up} Property {@code
         * tenant-twilio.store.initialize-schema}.
         */
        public boolean isInitializeSchema() {
            return initializeSchema;
        }

        /**
         * Sets {@code tenant-twilio.store.initialize-schema}; see {@link #isInitializeSchema()}.
         *
         * @param initializeSchema whether the JDBC schema is installed or upgraded at start-up
         */
        public void setInitializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        /**
         * {@return the profiles in which an in-memory store, or a PostgreSQL role that bypasses
         * row-level security, refuses to start} Property {@code
         * tenant-twilio.store.production-profiles}.
         */
        public List<String> getProductionProfiles() {
            return productionProfiles;
        }

        /**
         * Sets {@code tenant-twilio.store.production-profiles}; see {@link
         * #getProductionProfiles()}.
         *
         * @param productionProfiles the profiles in which an in-memory store, or a PostgreSQL role
         *     that bypasses row-level security, refuses to start
         */
        public void setProductionProfiles(List<String> productionProfiles) {
            this.productionProfiles = productionProfiles;
        }

        /**
         * {@return whether the application may start in a production profile connected as a role
         * that bypasses row-level security} Property {@code
         * tenant-twilio.store.allow-row-level-security-bypass}.
         */
        public boolean isAllowRowLevelSecurityBypass() {
            return allowRowLevelSecurityBypass;
        }

        /**
         * Sets {@code tenant-twilio.store.allow-row-level-security-bypass}; see {@link
         * #isAllowRowLevelSecurityBypass()}.
         *
         * @param allowRowLevelSecurityBypass whether the application may start in a production
         *     profile connected as a role that bypasses row-level security
         */
        public void setAllowRowLevelSecurityBypass(boolean allowRowLevelSecurityBypass) {
            this.allowRowLevelSecurityBypass = allowRowLevelSecurityBypass;
        }
    }

    /** Where the SDK keeps its data. Immutable and thread-safe. */
    public enum StoreType {
        /** JDBC when a DataSource is present, else in memory. */
        AUTO,
        /** The JDBC stores on the application's DataSource (required). */
        JDBC,
        /** In memory: lost at restart, one instance only (development, tests). */
        MEMORY
    }

    /**
     * The current tenant and actor from Spring Security's authenticated principal. Bound once at
     * start-up; not thread-safe.
     */
    public static class Security {

        /** Claim (JWT) or attribute (OAuth2 user) holding the tenant id. */
        private String tenantAttribute = "tenant_id";

        /** Prefix of a granted authority naming the tenant (TENANT_clinique-a). */
        private String tenantAuthorityPrefix = "TENANT_";

        /**
         * {@return the claim (JWT) or attribute (OAuth2 user) that holds the tenant id} Property
         * {@code tenant-twilio.security.tenant-attribute}.
         */
        public String getTenantAttribute() {
            return tenantAttribute;
        }

        /**
         * Sets {@code tenant-twilio.security.tenant-attribute}; see {@link #getTenantAttribute()}.
         *
         * @param tenantAttribute the claim (JWT) or attribute (OAuth2 user) that holds the tenant
         *     id
         */
        public void setTenantAttribute(String tenantAttribute) {
            this.tenantAttribute = tenantAttribute;
        }

        /**
         * {@return the prefix of a granted authority naming the tenant, such as {@code TENANT_}}
         * Property {@code tenant-twilio.security.tenant-authority-prefix}.
         */
        public String getTenantAuthorityPrefix() {
            return tenantAuthorityPrefix;
        }

        /**
         * Sets {@code tenant-twilio.security.tenant-authority-prefix}; see {@link
         * #getTenantAuthorityPrefix()}.
         *
         * @param tenantAuthorityPrefix the prefix of a granted authority naming the tenant, such as
         *     {@code TENANT_}
         */
        public void setTenantAuthorityPrefix(String tenantAuthorityPrefix) {
            this.tenantAuthorityPrefix = tenantAuthorityPrefix;
        }
    }

    /**
     * Local development without Twilio: an embedded simulator (needs tenant-twilio-test). Bound
     * once at start-up; not thread-safe.
     */
    public static class Simulator {

        /** Whether to start an embedded Twilio simulator and point the SDK at it. */
        private boolean enabled;

        /** Port of the simulator; 0 for a free one. */
        private int port;

        /**
         * Whether the simulator gets a platform account used as the master account (managed mode),
         * unless tenant-twilio.master.* is set.
         */
        private boolean masterAccount = true;

        /**
         * {@return whether the simulator gets a platform account used as the master account}
         * Property {@code tenant-twilio.simulator.master-account}.
         */
        public boolean isMasterAccount() {
            return masterAccount;
        }

        /**
         * Sets {@code tenant-twilio.simulator.master-account}; see {@link #isMasterAccount()}.
         *
         * @param masterAccount whether the simulator gets a platform account used as the master
         *     account
         */
        public void setMasterAccount(boolean masterAccount) {
            this.masterAccount = masterAccount;
        }

        /**
         * {@return whether an embedded Twilio simulator is started and the SDK pointed at it}
         * Property {@code tenant-twilio.simulator.enabled}.
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code tenant-twilio.simulator.enabled}; see {@link #isEnabled()}.
         *
         * @param enabled whether an embedded Twilio simulator is started and the SDK pointed at it
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * {@return the simulator's port, 0 for a free one} Property {@code
         * tenant-twilio.simulator.port}.
         */
        public int getPort() {
            return port;
        }

        /**
         * Sets {@code tenant-twilio.simulator.port}; see {@link #getPort()}.
         *
         * @param port the simulator's port, 0 for a free one
         */
        public void setPort(int port) {
            this.port = port;
        }
    }

    /**
     * Micrometer metrics, when the application has a MeterRegistry. Bound once at start-up; not
     * thread-safe.
     */
    public static class Metrics {

        /**
         * Whether metrics carry a tenant tag (one series per tenant: mind the monitoring system).
         */
        private boolean tenantTag;

        /**
         * {@return whether metrics carry a tenant tag (one series per tenant)} Property {@code
         * tenant-twilio.metrics.tenant-tag}.
         */
        public boolean isTenantTag() {
            return tenantTag;
        }

        /**
         * Sets {@code tenant-twilio.metrics.tenant-tag}; see {@link #isTenantTag()}.
         *
         * @param tenantTag whether metrics carry a tenant tag (one series per tenant)
         */
        public void setTenantTag(boolean tenantTag) {
            this.tenantTag = tenantTag;
        }
    }

    /** The cache of per-tenant Twilio clients. Bound once at start-up; not thread-safe. */
    public static class ClientCache {

        /** How many tenants' clients are kept. */
        private int size = 10_000;

        /** How long a cached client is trusted before its credentials are read again. */
        private Duration ttl = Duration.ofMinutes(5);

        /**
         * {@return how many tenants' Twilio clients are kept} Property {@code
         * tenant-twilio.client-cache.size}.
         */
        public int getSize() {
            return size;
        }

        /**
         * Sets {@code tenant-twilio.client-cache.size}; see {@link #getSize()}.
         *
         * @param size how many tenants' Twilio clients are kept
         */
        public void setSize(int size) {
            this.size = size;
        }

        /**
         * {@return how long a cached client is trusted before its credentials are read again}
         * Property {@code tenant-twilio.client-cache.ttl}.
         */
        public Duration getTtl() {
            return ttl;
        }

        /**
         * Sets {@code tenant-twilio.client-cache.ttl}; see {@link #getTtl()}.
         *
         * @param ttl how long a cached client is trusted before its credentials are read again
         */
        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }
    }
}
