package io.tenanttwilio.autoconfigure;

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
    private final Jobs jobs = new Jobs();
    private final Alerts alerts = new Alerts();
    private final Encryption encryption = new Encryption();
    private final Master master = new Master();
    private final Store store = new Store();
    private final Security security = new Security();
    private final Simulator simulator = new Simulator();
    private final Metrics metrics = new Metrics();
    private final ClientCache clientCache = new ClientCache();

    public @Nullable URI getPublicBaseUrl() {
        return publicBaseUrl;
    }

    public void setPublicBaseUrl(@Nullable URI publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public Locale getDefaultLocale() {
        return defaultLocale;
    }

    public void setDefaultLocale(Locale defaultLocale) {
        this.defaultLocale = defaultLocale;
    }

    public FailurePolicy getFailurePolicy() {
        return failurePolicy;
    }

    public void setFailurePolicy(FailurePolicy failurePolicy) {
        this.failurePolicy = failurePolicy;
    }

    public Webhook getWebhook() {
        return webhook;
    }

    public Http getHttp() {
        return http;
    }

    public Quota getQuota() {
        return quota;
    }

    public Purchases getPurchases() {
        return purchases;
    }

    public Balance getBalance() {
        return balance;
    }

    public HealthCheck getHealthCheck() {
        return healthCheck;
    }

    public Health getHealth() {
        return health;
    }

    public Reconciliation getReconciliation() {
        return reconciliation;
    }

    public Jobs getJobs() {
        return jobs;
    }

    public Alerts getAlerts() {
        return alerts;
    }

    public Encryption getEncryption() {
        return encryption;
    }

    public Master getMaster() {
        return master;
    }

    public Store getStore() {
        return store;
    }

    public Security getSecurity() {
        return security;
    }

    public Simulator getSimulator() {
        return simulator;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public ClientCache getClientCache() {
        return clientCache;
    }

    /** The webhook endpoint Twilio calls. */
    public static class Webhook {

        /** Whether to register the webhook servlet. */
        private boolean enabled = true;

        /** Path under which the webhook servlet is mapped; the path of the public base URL. */
        private String path = "/twilio";

        /** Largest webhook body accepted. */
        private DataSize maxBodySize = DataSize.ofKilobytes(64);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }
    }

    /** Calls to Twilio's API. */
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

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public Duration getConnectionRequestTimeout() {
            return connectionRequestTimeout;
        }

        public void setConnectionRequestTimeout(Duration connectionRequestTimeout) {
            this.connectionRequestTimeout = connectionRequestTimeout;
        }

        public int getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public @Nullable URI getApiBaseUrl() {
            return apiBaseUrl;
        }

        public void setApiBaseUrl(@Nullable URI apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
        }

        public Retry getRetry() {
            return retry;
        }
    }

    /** Retries of calls Twilio throttled or could not take (never a send whose outcome is unknown). */
    public static class Retry {

        /** Attempts in all, the first included. */
        private int maxAttempts = 3;

        /** Wait before the first retry; doubled at each retry. */
        private Duration initialBackoff = Duration.ofMillis(200);

        /** Longest wait between two attempts. */
        private Duration maxBackoff = Duration.ofSeconds(5);

        /** Longest Retry-After of a 429 answer that is honoured; a longer one fails at once. */
        private Duration maxRetryAfter = Duration.ofSeconds(10);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Duration getMaxRetryAfter() {
            return maxRetryAfter;
        }

        public void setMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }
    }

    /** SMS quotas of tenants without a policy of their own. */
    public static class Quota {

        /** Time zone of the calendar days and months of quotas. */
        private ZoneId timeZone = ZoneId.of("UTC");

        /** Most SMS (or segments) a tenant may send a day; no limit when not set. */
        private @Nullable Long dailySmsLimit;

        /** Most SMS (or segments) a tenant may send a month; no limit when not set. */
        private @Nullable Long monthlySmsLimit;

        /** Whether quotas count message segments (what Twilio bills) rather than messages. */
        private boolean countSegments;

        public ZoneId getTimeZone() {
            return timeZone;
        }

        public void setTimeZone(ZoneId timeZone) {
            this.timeZone = timeZone;
        }

        public @Nullable Long getDailySmsLimit() {
            return dailySmsLimit;
        }

        public void setDailySmsLimit(@Nullable Long dailySmsLimit) {
            this.dailySmsLimit = dailySmsLimit;
        }

        public @Nullable Long getMonthlySmsLimit() {
            return monthlySmsLimit;
        }

        public void setMonthlySmsLimit(@Nullable Long monthlySmsLimit) {
            this.monthlySmsLimit = monthlySmsLimit;
        }

        public boolean isCountSegments() {
            return countSegments;
        }

        public void setCountSegments(boolean countSegments) {
            this.countSegments = countSegments;
        }
    }

    /** Purchase limits of tenants without a policy of their own. */
    public static class Purchases {

        /** Most numbers a tenant may buy in any 24 hours. */
        private int maxPerDay = 5;

        /** Most numbers a tenant may own. */
        private int maxNumbersOwned = 10;

        /** Most a tenant's numbers may cost a month (estimated); no cap when not set. */
        private @Nullable BigDecimal monthlySpendCap;

        /** What a number is estimated to cost a month, for the spend cap. */
        private BigDecimal estimatedNumberMonthlyPrice = new BigDecimal("1.15");

        public int getMaxPerDay() {
            return maxPerDay;
        }

        public void setMaxPerDay(int maxPerDay) {
            this.maxPerDay = maxPerDay;
        }

        public int getMaxNumbersOwned() {
            return maxNumbersOwned;
        }

        public void setMaxNumbersOwned(int maxNumbersOwned) {
            this.maxNumbersOwned = maxNumbersOwned;
        }

        public @Nullable BigDecimal getMonthlySpendCap() {
            return monthlySpendCap;
        }

        public void setMonthlySpendCap(@Nullable BigDecimal monthlySpendCap) {
            this.monthlySpendCap = monthlySpendCap;
        }

        public BigDecimal getEstimatedNumberMonthlyPrice() {
            return estimatedNumberMonthlyPrice;
        }

        public void setEstimatedNumberMonthlyPrice(BigDecimal estimatedNumberMonthlyPrice) {
            this.estimatedNumberMonthlyPrice = estimatedNumberMonthlyPrice;
        }
    }

    /** The balance monitor. */
    public static class Balance {

        /** Twilio balance under which a tenant is warned (default policy). */
        private BigDecimal lowThreshold = new BigDecimal("5.00");

        /** Balance of the master account under which the platform is warned; lowThreshold when not set. */
        private @Nullable BigDecimal masterLowThreshold;

        /** How often every tenant's balance is fetched. */
        private Duration pollInterval = Duration.ofHours(1);

        /** How many balances are fetched at once. */
        private int concurrency = 4;

        public BigDecimal getLowThreshold() {
            return lowThreshold;
        }

        public void setLowThreshold(BigDecimal lowThreshold) {
            this.lowThreshold = lowThreshold;
        }

        public @Nullable BigDecimal getMasterLowThreshold() {
            return masterLowThreshold;
        }

        public void setMasterLowThreshold(@Nullable BigDecimal masterLowThreshold) {
            this.masterLowThreshold = masterLowThreshold;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }
    }

    /** Who sees the details of the health endpoint (Actuator), which include the tenantTwilio indicator's. */
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

        public List<String> getDetailsRoles() {
            return detailsRoles;
        }

        public void setDetailsRoles(List<String> detailsRoles) {
            this.detailsRoles = detailsRoles;
        }
    }

    /** The numbers' health check. */
    public static class HealthCheck {

        /** Period over which every active number is verified once, spread evenly. */
        private Duration interval = Duration.ofHours(24);

        /** Most numbers verified a minute. */
        private int maxPerMinute = 30;

        /** Whether a drifted webhook configuration is written back by itself (default policy). */
        private boolean autoRepair = true;

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getMaxPerMinute() {
            return maxPerMinute;
        }

        public void setMaxPerMinute(int maxPerMinute) {
            this.maxPerMinute = maxPerMinute;
        }

        public boolean isAutoRepair() {
            return autoRepair;
        }

        public void setAutoRepair(boolean autoRepair) {
            this.autoRepair = autoRepair;
        }
    }

    /** Reconciliation of statuses and prices whose callbacks never came. */
    public static class Reconciliation {

        /** How often it runs. */
        private Duration interval = Duration.ofMinutes(15);

        /** How old a message must be before Twilio is asked about it. */
        private Duration after = Duration.ofMinutes(10);

        /** How far back it looks. */
        private Duration within = Duration.ofDays(7);

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getAfter() {
            return after;
        }

        public void setAfter(Duration after) {
            this.after = after;
        }

        public Duration getWithin() {
            return within;
        }

        public void setWithin(Duration within) {
            this.within = within;
        }
    }

    /** The scheduled jobs (balance, health check, reconciliation). */
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

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getLeaseTtl() {
            return leaseTtl;
        }

        public void setLeaseTtl(Duration leaseTtl) {
            this.leaseTtl = leaseTtl;
        }

        public @Nullable String getInstanceId() {
            return instanceId;
        }

        public void setInstanceId(@Nullable String instanceId) {
            this.instanceId = instanceId;
        }
    }

    /** When webhook trouble becomes an alert. */
    public static class Alerts {

        /** Counting window. */
        private Duration window = Duration.ofMinutes(15);

        /** Webhooks refused for a bad signature within the window. */
        private int signatureFailures = 5;

        /** Webhooks answered 5xx within the window. */
        private int webhookErrors = 3;

        /** Messages failed or undelivered within the window. */
        private int deliveryFailures = 10;

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public int getSignatureFailures() {
            return signatureFailures;
        }

        public void setSignatureFailures(int signatureFailures) {
            this.signatureFailures = signatureFailures;
        }

        public int getWebhookErrors() {
            return webhookErrors;
        }

        public void setWebhookErrors(int webhookErrors) {
            this.webhookErrors = webhookErrors;
        }

        public int getDeliveryFailures() {
            return deliveryFailures;
        }

        public void setDeliveryFailures(int deliveryFailures) {
            this.deliveryFailures = deliveryFailures;
        }
    }

    /** Encryption of the secrets kept in the database (AES-256-GCM). */
    public static class Encryption {

        /**
         * Keys by id, each 32 bytes in Base64 (openssl rand -base64 32); take them from the
         * environment, never from a committed file. Older keys stay to decrypt until re-encryption.
         */
        private Map<String, String> keys = new LinkedHashMap<>();

        /** Id of the key that encrypts new secrets; the only key when there is one. */
        private @Nullable String currentKey;

        public Map<String, String> getKeys() {
            return keys;
        }

        public void setKeys(Map<String, String> keys) {
            this.keys = keys;
        }

        public @Nullable String getCurrentKey() {
            return currentKey;
        }

        public void setCurrentKey(@Nullable String currentKey) {
            this.currentKey = currentKey;
        }

        @Override
        public String toString() {
            return "Encryption[keys=" + keys.keySet() + ", current=" + currentKey + "]";
        }
    }

    /** Managed mode: the platform's own Twilio account, which creates a subaccount per tenant. */
    public static class Master {

        /** Account SID of the master account (AC...). */
        private @Nullable String accountSid;

        /** Auth Token of the master account (or use an API key). */
        private @Nullable String authToken;

        /** API key SID (SK...) for REST calls, with its secret. */
        private @Nullable String apiKeySid;

        /** API key secret. */
        private @Nullable String apiKeySecret;

        public @Nullable String getAccountSid() {
            return accountSid;
        }

        public void setAccountSid(@Nullable String accountSid) {
            this.accountSid = accountSid;
        }

        public @Nullable String getAuthToken() {
            return authToken;
        }

        public void setAuthToken(@Nullable String authToken) {
            this.authToken = authToken;
        }

        public @Nullable String getApiKeySid() {
            return apiKeySid;
        }

        public void setApiKeySid(@Nullable String apiKeySid) {
            this.apiKeySid = apiKeySid;
        }

        public @Nullable String getApiKeySecret() {
            return apiKeySecret;
        }

        public void setApiKeySecret(@Nullable String apiKeySecret) {
            this.apiKeySecret = apiKeySecret;
        }

        @Override
        public String toString() {
            return "Master[" + accountSid + "]";
        }
    }

    /** Where the SDK keeps its data. */
    public static class Store {

        /** AUTO: JDBC when the application has a DataSource, else in memory. */
        private StoreType type = StoreType.AUTO;

        /** Whether to install (or upgrade) the JDBC schema at start-up; use Flyway or Liquibase otherwise. */
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

        public StoreType getType() {
            return type;
        }

        public void setType(StoreType type) {
            this.type = type;
        }

        public boolean isInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public List<String> getProductionProfiles() {
            return productionProfiles;
        }

        public void setProductionProfiles(List<String> productionProfiles) {
            this.productionProfiles = productionProfiles;
        }

        public boolean isAllowRowLevelSecurityBypass() {
            return allowRowLevelSecurityBypass;
        }

        public void setAllowRowLevelSecurityBypass(boolean allowRowLevelSecurityBypass) {
            this.allowRowLevelSecurityBypass = allowRowLevelSecurityBypass;
        }
    }

    /** Where the SDK keeps its data. */
    public enum StoreType {
        /** JDBC when a DataSource is present, else in memory. */
        AUTO,
        /** The JDBC stores on the application's DataSource (required). */
        JDBC,
        /** In memory: lost at restart, one instance only (development, tests). */
        MEMORY
    }

    /** The current tenant and actor from Spring Security's authenticated principal. */
    public static class Security {

        /** Claim (JWT) or attribute (OAuth2 user) holding the tenant id. */
        private String tenantAttribute = "tenant_id";

        /** Prefix of a granted authority naming the tenant (TENANT_clinique-a). */
        private String tenantAuthorityPrefix = "TENANT_";

        public String getTenantAttribute() {
            return tenantAttribute;
        }

        public void setTenantAttribute(String tenantAttribute) {
            this.tenantAttribute = tenantAttribute;
        }

        public String getTenantAuthorityPrefix() {
            return tenantAuthorityPrefix;
        }

        public void setTenantAuthorityPrefix(String tenantAuthorityPrefix) {
            this.tenantAuthorityPrefix = tenantAuthorityPrefix;
        }
    }

    /** Local development without Twilio: an embedded simulator (needs tenant-twilio-test). */
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

        public boolean isMasterAccount() {
            return masterAccount;
        }

        public void setMasterAccount(boolean masterAccount) {
            this.masterAccount = masterAccount;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }
    }

    /** Micrometer metrics, when the application has a MeterRegistry. */
    public static class Metrics {

        /** Whether metrics carry a tenant tag (one series per tenant: mind the monitoring system). */
        private boolean tenantTag;

        public boolean isTenantTag() {
            return tenantTag;
        }

        public void setTenantTag(boolean tenantTag) {
            this.tenantTag = tenantTag;
        }
    }

    /** The cache of per-tenant Twilio clients. */
    public static class ClientCache {

        /** How many tenants' clients are kept. */
        private int size = 10_000;

        /** How long a cached client is trusted before its credentials are read again. */
        private Duration ttl = Duration.ofMinutes(5);

        public int getSize() {
            return size;
        }

        public void setSize(int size) {
            this.size = size;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }
    }
}
