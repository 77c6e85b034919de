package io.tenanttwilio;

import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.guardrails.AlertThresholds;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.ScheduledJobs;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UsageReport;
import io.tenanttwilio.inbound.DeliveryStatusListener;
import io.tenanttwilio.inbound.InboundMessageListener;
import io.tenanttwilio.inbound.WebhookHandler;
import io.tenanttwilio.internal.DefaultTenantTwilio;
import io.tenanttwilio.internal.support.Checks;
import io.tenanttwilio.numbers.FailurePolicy;
import io.tenanttwilio.numbers.NumberLifecycleListener;
import io.tenanttwilio.numbers.NumberProvisioner;
import io.tenanttwilio.phone.PhoneNormalizer;
import io.tenanttwilio.sink.Slf4jAlertSink;
import io.tenanttwilio.sink.Slf4jAuditSink;
import io.tenanttwilio.spi.AlertSink;
import io.tenanttwilio.spi.AuditSink;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.SdkMetrics;
import io.tenanttwilio.spi.TenantPolicies;
import io.tenanttwilio.spi.TenantResolver;
import io.tenanttwilio.spi.UsageStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of tenant-twilio, built once per application: it holds the stores, the tenant
 * resolver, the public URL at which Twilio reaches the webhook endpoint, and the one HTTP
 * connection pool every tenant's Twilio client shares.
 *
 * <pre>{@code
 * TenantTwilio twilio = TenantTwilio.builder()
 *         .credentialStore(credentials)
 *         .numberRegistry(numbers)
 *         .auditSink(Slf4jAuditSink.instance())
 *         .tenantResolver(resolver)
 *         .publicBaseUrl(URI.create("https://app.example.com/twilio"))
 *         .defaultRegion("CA")
 *         .build();
 *
 * twilio.numbers().purchase(request);            // provisioning, tenant passed explicitly
 * twilio.currentClient().account();              // the current request's tenant
 * }</pre>
 *
 * <p>It never calls {@code Twilio.init}: no credential is held in static state. Thread-safe;
 * close it when the application stops.
 */
public interface TenantTwilio extends AutoCloseable {

    /** Starts configuring an instance. */
    static Builder builder() {
        return new Builder();
    }

    /** The client of {@code tenant}, with the tenant's own credentials. */
    TenantTwilioClient client(TenantId tenant);

    /**
     * The client of the current tenant, as the {@link TenantResolver} answers.
     *
     * @throws TenantTwilioException {@link ErrorCode#NO_CURRENT_TENANT} when there is none
     */
    TenantTwilioClient currentClient();

    /** Number provisioning: credentials, search, purchase, verification, release. */
    NumberProvisioner numbers();

    /**
     * The handler of Twilio's callbacks (inbound messages and status callbacks), for the web
     * binding ({@code tenant-twilio-servlet-webhook}) to feed.
     */
    WebhookHandler webhooks();

    /** The settings this instance was built with. */
    Settings settings();

    /** The tenant's policy: its own, or the default. */
    TenantPolicy policy(TenantId tenant);

    /**
     * Sets the tenant's own policy (quotas, purchase limits, time zone), audited as {@code
     * POLICY_CHANGED} with the limits before and after.
     *
     * @param actor who changed it ({@code null}: the resolver's current actor)
     * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} when the configured
     *     {@link TenantPolicies} are read-only
     */
    void updatePolicy(TenantId tenant, TenantPolicy policy, @Nullable String actor);

    /** The usage reports of a month for every tenant with credentials (for a platform's CSV export). */
    List<UsageReport> usageReports(YearMonth month);

    /** The scheduled jobs: balance monitor, health check, reconciliation. */
    ScheduledJobs jobs();

    /** Stops the scheduled jobs and releases the connection pool. */
    @Override
    void close();

    /**
     * The settings of an instance. Immutable and thread-safe.
     *
     * @param publicBaseUrl where Twilio reaches the webhook endpoint ({@code
     *     https://app.example.com/twilio}), if set
     * @param defaultRegion the region phone numbers without country code are read in
     * @param defaultLocale the language of messages when none is given
     * @param http the HTTP settings
     * @param failurePolicy what happens to a number that cannot be set up
     * @param clientCacheSize how many tenants' Twilio clients are kept
     * @param clientCacheTtl how long a cached client is trusted before credentials are read again
     * @param defaultPolicy the policy of tenants without their own
     * @param alertThresholds when webhook trouble becomes an alert
     * @param jobs the scheduled jobs' periods and limits
     * @param instanceId this application instance's name in the jobs' leases
     */
    record Settings(
            Optional<URI> publicBaseUrl,
            String defaultRegion,
            Locale defaultLocale,
            HttpSettings http,
            FailurePolicy failurePolicy,
            int clientCacheSize,
            Duration clientCacheTtl,
            TenantPolicy defaultPolicy,
            AlertThresholds alertThresholds,
            JobSettings jobs,
            String instanceId) {}

    /** Builds a {@link TenantTwilio}. Not thread-safe. */
    final class Builder {
        private @Nullable CredentialStore credentialStore;
        private @Nullable NumberRegistry numberRegistry;
        private @Nullable ConversationStore conversationStore;
        private @Nullable ContactDirectory contactDirectory;
        private final List<InboundMessageListener> inboundListeners = new ArrayList<>();
        private final List<DeliveryStatusListener> statusListeners = new ArrayList<>();
        private AuditSink auditSink = Slf4jAuditSink.instance();
        private TenantResolver tenantResolver = TenantResolver.none();
        private @Nullable URI publicBaseUrl;
        private String defaultRegion = "US";
        private Locale defaultLocale = Locale.ENGLISH;
        private HttpSettings http = HttpSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private FailurePolicy failurePolicy = FailurePolicy.KEEP_FOR_ATTENTION;
        private @Nullable TwilioCredentials masterCredentials;
        private final List<NumberLifecycleListener> listeners = new ArrayList<>();
        private int clientCacheSize = 10_000;
        private Duration clientCacheTtl = Duration.ofMinutes(5);
        private @Nullable UsageStore usageStore;
        private @Nullable TenantPolicies tenantPolicies;
        private TenantPolicy defaultPolicy = TenantPolicy.defaults();
        private AlertSink alertSink = Slf4jAlertSink.instance();
        private AlertThresholds alertThresholds = AlertThresholds.defaults();
        private SdkMetrics metrics = SdkMetrics.NOOP;
        private JobSettings jobs = JobSettings.defaults();
        private @Nullable String instanceId;

        Builder() {}

        /** Where credentials are kept; in memory (lost at restart) if not set. */
        public Builder credentialStore(CredentialStore store) {
            this.credentialStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where numbers and their routes are kept; in memory (lost at restart) if not set. */
        public Builder numberRegistry(NumberRegistry registry) {
            this.numberRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Where conversations, messages and opt-outs are kept; in memory if not set. */
        public Builder conversationStore(ConversationStore store) {
            this.conversationStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where contacts are found (the application's own, or the built-in one); in memory if not set. */
        public Builder contactDirectory(ContactDirectory directory) {
            this.contactDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Adds a listener of new inbound messages. */
        public Builder inboundListener(InboundMessageListener listener) {
            this.inboundListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Adds a listener of delivery status changes. */
        public Builder deliveryStatusListener(DeliveryStatusListener listener) {
            this.statusListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Where audit events go; SLF4J by default. */
        public Builder auditSink(AuditSink sink) {
            this.auditSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Who the current tenant is; none by default (every call names its tenant). */
        public Builder tenantResolver(TenantResolver resolver) {
            this.tenantResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * The public URL at which Twilio reaches the webhook endpoint, for example {@code
         * https://app.example.com/twilio}: numbers get {@code …/sms/{key}} and {@code
         * …/status/{key}}. Required to buy numbers.
         */
        public Builder publicBaseUrl(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme();
            if (scheme == null
                    || url.getHost() == null
                    || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || url.getRawQuery() != null
                    || url.getRawFragment() != null) {
                throw TenantTwilioException.builder(ErrorCode.CONFIGURATION_ERROR)
                        .detail("config.public-base-url", url.toString())
                        .build();
            }
            String text = url.toString();
            this.publicBaseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            return this;
        }

        /** The region numbers without country code are read in ({@code "CA"}); {@code "US"} by default. */
        public Builder defaultRegion(String region) {
            this.defaultRegion = PhoneNormalizer.forRegion(region).regionCode();
            return this;
        }

        /** The language of messages when none is given; English by default. */
        public Builder defaultLocale(Locale locale) {
            this.defaultLocale = Objects.requireNonNull(locale, "locale");
            return this;
        }

        /** Timeouts, pool size, retries and base URL of the calls to Twilio. */
        public Builder http(HttpSettings http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /** The clock of records and events; the system clock in UTC by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** What happens to a bought number that cannot be set up; kept for attention by default. */
        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The platform's own account, for managed mode (subaccounts per tenant). */
        public Builder masterCredentials(@Nullable TwilioCredentials credentials) {
            this.masterCredentials = credentials;
            return this;
        }

        /** Adds a listener of numbers' lifecycle. */
        public Builder listener(NumberLifecycleListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** How many tenants' Twilio clients are kept (10,000 by default), and for how long (5 min). */
        public Builder clientCache(int size, Duration ttl) {
            if (size < 1) {
                throw new IllegalArgumentException("size must be at least 1");
            }
            this.clientCacheSize = size;
            this.clientCacheTtl = Checks.notNegative(ttl, "ttl");
            return this;
        }

        /**
         * Where quota counters, purchase windows, job leases and alert flags are kept; in memory
         * (one instance only) if not set. Several instances need a shared one (the JDBC store).
         */
        public Builder usageStore(UsageStore store) {
            this.usageStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Per-tenant policies; changeable ones in memory if not set. */
        public Builder tenantPolicies(TenantPolicies policies) {
            this.tenantPolicies = Objects.requireNonNull(policies, "policies");
            return this;
        }

        /** The policy of tenants without their own; {@link TenantPolicy#defaults()} if not set. */
        public Builder defaultPolicy(TenantPolicy policy) {
            this.defaultPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Where alerts go (low balance, quota, drift, webhook trouble); SLF4J by default. */
        public Builder alertSink(AlertSink sink) {
            this.alertSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** When webhook trouble becomes an alert; {@link AlertThresholds#defaults()} if not set. */
        public Builder alertThresholds(AlertThresholds thresholds) {
            this.alertThresholds = Objects.requireNonNull(thresholds, "thresholds");
            return this;
        }

        /** What records the SDK's metrics; nothing by default (the starter uses Micrometer). */
        public Builder metrics(SdkMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** The scheduled jobs' periods and limits; {@link JobSettings#defaults()} if not set. */
        public Builder jobs(JobSettings jobs) {
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            return this;
        }

        /**
         * This application instance's name in the jobs' leases (host, pod); the host name, process id
         * and a random suffix by default.
         */
        public Builder instanceId(String instanceId) {
            Objects.requireNonNull(instanceId, "instanceId");
            if (instanceId.isBlank() || instanceId.length() > 200) {
                throw new IllegalArgumentException("instanceId must have 1 to 200 characters");
            }
            this.instanceId = instanceId;
            return this;
        }

        /** Builds the instance and its connection pool. */
        public TenantTwilio build() {
            return new DefaultTenantTwilio(
                    credentialStore,
                    numberRegistry,
                    conversationStore,
                    contactDirectory,
                    List.copyOf(inboundListeners),
                    List.copyOf(statusListeners),
                    auditSink,
                    tenantResolver,
                    clock,
                    masterCredentials,
                    List.copyOf(listeners),
                    usageStore,
                    tenantPolicies,
                    alertSink,
                    metrics,
                    new Settings(
                            Optional.ofNullable(publicBaseUrl),
                            defaultRegion,
                            defaultLocale,
                            http,
                            failurePolicy,
                            clientCacheSize,
                            clientCacheTtl,
                            defaultPolicy,
                            alertThresholds,
                            jobs,
                            instanceId != null ? instanceId : DefaultTenantTwilio.defaultInstanceId()));
        }
    }
}
