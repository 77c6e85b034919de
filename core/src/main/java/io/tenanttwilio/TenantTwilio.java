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
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.numbers.FailurePolicy;
import io.tenanttwilio.numbers.NumberLifecycleListener;
import io.tenanttwilio.numbers.NumberProvisioner;
import io.tenanttwilio.phone.PhoneNormalizer;
import io.tenanttwilio.spi.AlertSink;
import io.tenanttwilio.spi.AuditLog;
import io.tenanttwilio.spi.AuditSink;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.SdkMetrics;
import io.tenanttwilio.spi.StoreFamily;
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
import org.jspecify.annotations.Nullable;

/**
 * The entry point of tenant-twilio, built once per application: it holds the stores, the tenant
 * resolver, the public URL at which Twilio reaches the webhook endpoint, and the one HTTP
 * connection pool every tenant's Twilio client shares.
 *
 * <pre>{@code
 * TenantTwilio twilio = TenantTwilio.builder()
 *         .stores(JdbcStores.of(dataSource, cipher))
 *         .tenantResolver(resolver)
 *         .publicBaseUrl(URI.create("https://app.example.com/twilio"))
 *         .defaultRegion("CA")
 *         .build();
 *
 * twilio.provisioner().purchase(request);        // provisioning, tenant passed explicitly
 * twilio.currentClient().account();              // the current request's tenant
 * }</pre>
 *
 * <p>It never calls {@code Twilio.init}: no credential is held in static state. Thread-safe;
 * close it when the application stops.
 */
public interface TenantTwilio extends AutoCloseable {

    /**
     * Starts configuring an instance.
     *
     * @return a new builder, with every setting at its default
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * The client of {@code tenant}, with the tenant's own credentials. Cheap: nothing is read or
     * checked here; a call that needs Twilio fails with {@link ErrorCode#UNKNOWN_TENANT} when the
     * tenant has no credentials.
     *
     * @param tenant the tenant
     * @return the tenant's client, thread-safe
     */
    TenantTwilioClient client(TenantId tenant);

    /**
     * The client of the current tenant, as the {@link TenantResolver} answers.
     *
     * @return the current tenant's client
     * @throws TenantTwilioException {@link ErrorCode#NO_CURRENT_TENANT} when there is none
     */
    TenantTwilioClient currentClient();

    /**
     * Number provisioning: credentials, search, purchase, verification, release.
     *
     * @return the provisioner; the same one on every call
     */
    NumberProvisioner provisioner();

    /**
     * The handler of Twilio's callbacks (inbound messages and status callbacks), for the web
     * binding ({@code tenant-twilio-servlet-webhook}) to feed.
     *
     * @return the handler; the same one on every call
     */
    WebhookHandler webhooks();

    /** {@return the settings this instance was built with} */
    TenantTwilioSettings settings();

    /**
     * The tenant's policy: its own, or the default.
     *
     * @param tenant the tenant
     * @return its own policy if it has one, else {@link TenantTwilioSettings#defaultPolicy()}
     * @throws TenantTwilioException {@link ErrorCode#STORAGE_UNAVAILABLE} when the policies
     *     cannot be read
     */
    TenantPolicy policy(TenantId tenant);

    /**
     * Sets the tenant's own policy (quotas, purchase limits, time zone), audited as {@code
     * POLICY_CHANGED} with the limits before and after.
     *
     * @param tenant the tenant
     * @param policy its new policy
     * @param actor who changed it
     * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} when the configured
     *     {@link TenantPolicies} are read-only
     */
    void updatePolicy(TenantId tenant, TenantPolicy policy, Actor actor);

    /**
     * Sets the tenant's own policy as {@link #updatePolicy(TenantId, TenantPolicy, Actor)} does,
     * with the tenant resolver's current actor in the audit trail.
     *
     * @param tenant the tenant
     * @param policy its new policy
     * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} when the configured
     *     {@link TenantPolicies} are read-only
     */
    void updatePolicy(TenantId tenant, TenantPolicy policy);

    /**
     * The usage reports of a month for every tenant with credentials (for a platform's CSV
     * export), in the order of the tenant ids.
     *
     * @param month the month, in each tenant's own time zone
     * @return one report per tenant; empty when no tenant has credentials
     * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} when the stores cannot
     *     list tenants or count messages; {@link ErrorCode#STORAGE_UNAVAILABLE} when a store fails
     */
    List<UsageReport> usageReports(YearMonth month);

    /** {@return carrier registration for every tenant: A2P 10DLC, toll-free, the send check} */
    io.tenanttwilio.registration.CarrierRegistration registration();

    /** {@return the scheduled jobs: balance monitor, health check, reconciliation} */
    ScheduledJobs jobs();

    /**
     * The outbox: messages scheduled for later (reminders), paced, held out of quiet hours.
     *
     * @return the outbox, shared
     * @throws io.tenanttwilio.TenantTwilioException {@code CONFIGURATION_ERROR} without an outbox store
     */
    io.tenanttwilio.outbox.Outbox outbox();

    /** Stops the outbox's dispatcher and the scheduled jobs, and releases the connection pool. */
    @Override
    void close();

    /** Builds a {@link TenantTwilio}. Not thread-safe. */
    final class Builder {
        private @Nullable StoreFamily stores;
        private @Nullable CredentialStore credentialStore;
        private @Nullable NumberRegistry numberRegistry;
        private @Nullable ConversationStore conversationStore;
        private @Nullable ContactDirectory contactDirectory;
        private final List<InboundMessageListener> inboundListeners = new ArrayList<>();
        private final List<DeliveryStatusListener> statusListeners = new ArrayList<>();
        private @Nullable AuditLog auditLog;
        private final List<AuditSink> auditSinks = new ArrayList<>();
        private TenantResolver tenantResolver = TenantResolver.none();

        @Nullable
        URI publicBaseUrl;

        String defaultRegion = "US";
        Locale defaultLocale = Locale.ENGLISH;
        HttpSettings http = HttpSettings.defaults();
        private Clock clock = Clock.systemUTC();
        FailurePolicy failurePolicy = FailurePolicy.KEEP_FOR_ATTENTION;
        private @Nullable TwilioCredentials masterCredentials;
        private final List<NumberLifecycleListener> listeners = new ArrayList<>();
        int clientCacheSize = 10_000;
        Duration clientCacheTtl = Duration.ofMinutes(5);
        private @Nullable UsageStore usageStore;
        private @Nullable TenantPolicies tenantPolicies;
        TenantPolicy defaultPolicy = TenantPolicy.defaults();
        private @Nullable AlertSink alertSink;
        AlertThresholds alertThresholds = AlertThresholds.defaults();
        private SdkMetrics metrics = SdkMetrics.NOOP;
        JobSettings jobs = JobSettings.defaults();
        io.tenanttwilio.outbox.OutboxSettings outbox = io.tenanttwilio.outbox.OutboxSettings.defaults();
        io.tenanttwilio.spi.@Nullable OutboxHandoff outboxHandoff;
        private @Nullable String instanceId;

        Builder() {}

        /**
         * The stores every kind of data is kept in, in one call: {@code JdbcStores.of(dataSource,
         * cipher)} in production, {@code InMemoryStores.create()} in tests. Without it, everything is
         * kept in memory (lost at restart, one instance only) and a warning is logged at start.
         *
         * @param stores the store family
         * @return this builder
         */
        public Builder stores(StoreFamily stores) {
            this.stores = Objects.requireNonNull(stores, "stores");
            return this;
        }

        /**
         * Replaces the family's credential store; needs {@link #stores(StoreFamily)}.
         *
         * @param store the credential store
         * @return this builder
         */
        public Builder credentialStore(CredentialStore store) {
            this.credentialStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Replaces the family's number registry; needs {@link #stores(StoreFamily)}.
         *
         * @param registry the number registry
         * @return this builder
         */
        public Builder numberRegistry(NumberRegistry registry) {
            this.numberRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Replaces the family's conversation store; needs {@link #stores(StoreFamily)}.
         *
         * @param store the conversation store
         * @return this builder
         */
        public Builder conversationStore(ConversationStore store) {
            this.conversationStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Replaces the family's contact directory with the application's own (its patients, its
         * customers); needs {@link #stores(StoreFamily)}.
         *
         * @param directory the contact directory
         * @return this builder
         */
        public Builder contactDirectory(ContactDirectory directory) {
            this.contactDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Adds a listener of new inbound messages.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder inboundMessageListener(InboundMessageListener listener) {
            this.inboundListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a listener of delivery status changes.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder deliveryStatusListener(DeliveryStatusListener listener) {
            this.statusListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Replaces the family's audit log, where audit events are written and read back from
         * ({@link TenantTwilioClient#auditTrail}); needs {@link #stores(StoreFamily)}.
         *
         * @param log the audit log
         * @return this builder
         */
        public Builder auditLog(AuditLog log) {
            this.auditLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Also sends every audit event to {@code sink} (a log, a SIEM), besides the audit log.
         *
         * @param sink the additional sink, for example {@code Slf4jAuditSink.instance()}
         * @return this builder
         */
        public Builder addAuditSink(AuditSink sink) {
            this.auditSinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /**
         * Who the current tenant is; none by default (every call names its tenant).
         *
         * @param resolver finds the tenant (and actor) of the current request or job
         * @return this builder
         */
        public Builder tenantResolver(TenantResolver resolver) {
            this.tenantResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * The public URL at which Twilio reaches the webhook endpoint, for example {@code
         * https://app.example.com/twilio}: numbers get {@code …/sms/{key}} and {@code
         * …/status/{key}}. Required to buy numbers.
         *
         * @param url an absolute {@code http} or {@code https} URL without query or fragment; a
         *     trailing {@code /} is dropped
         * @return this builder
         * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} when {@code url} is
         *     not such a URL
         */
        public Builder publicBaseUrl(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme();
            if (scheme == null
                    || url.getHost() == null
                    || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || url.getRawQuery() != null
                    || url.getRawFragment() != null) {
                throw Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                        .detail("config.public-base-url", url.toString())
                        .build();
            }
            String text = url.toString();
            this.publicBaseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            return this;
        }

        /**
         * The region numbers without country code are read in ({@code "CA"}); {@code "US"} by
         * default.
         *
         * @param region an ISO 3166-1 alpha-2 region, in any case
         * @return this builder
         * @throws IllegalArgumentException when the region has no telephone numbering plan
         */
        public Builder defaultRegion(String region) {
            this.defaultRegion = PhoneNormalizer.forRegion(region).regionCode();
            return this;
        }

        /**
         * The language of messages when none is given; English by default.
         *
         * @param locale the language
         * @return this builder
         */
        public Builder defaultLocale(Locale locale) {
            this.defaultLocale = Objects.requireNonNull(locale, "locale");
            return this;
        }

        /**
         * Timeouts, pool size, retries and base URL of the calls to Twilio; {@link
         * HttpSettings#defaults()} if not set.
         *
         * @param http the HTTP settings
         * @return this builder
         */
        public Builder http(HttpSettings http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * The clock of records and events; the system clock in UTC by default.
         *
         * @param clock the clock (a fixed one in tests)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * What happens to a bought number that cannot be set up; kept for attention by default.
         *
         * @param policy what to do with the number
         * @return this builder
         */
        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The platform's own account, for managed mode (subaccounts per tenant).
         *
         * @param credentials the platform's credentials; {@code null} (the default): no managed
         *     mode
         * @return this builder
         */
        public Builder masterCredentials(@Nullable TwilioCredentials credentials) {
            this.masterCredentials = credentials;
            return this;
        }

        /**
         * Adds a listener of numbers' lifecycle (bought, set up, released).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder numberLifecycleListener(NumberLifecycleListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * How many tenants' Twilio clients are kept (10,000 by default), and for how long (5 min)
         * before the tenant's credentials are read again.
         *
         * @param size the most clients kept
         * @param ttl how long a kept client is trusted
         * @return this builder
         * @throws IllegalArgumentException when {@code size} is less than 1 or {@code ttl} is
         *     negative
         */
        public Builder clientCache(int size, Duration ttl) {
            if (size < 1) {
                throw new IllegalArgumentException("size must be at least 1");
            }
            this.clientCacheSize = size;
            this.clientCacheTtl = Checks.notNegative(ttl, "ttl");
            return this;
        }

        /**
         * Replaces the family's usage store (quota counters, purchase windows, job leases, alert
         * flags); needs {@link #stores(StoreFamily)}. Several instances need a shared one.
         *
         * @param store the usage store
         * @return this builder
         */
        public Builder usageStore(UsageStore store) {
            this.usageStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Replaces the family's store of per-tenant policies; needs {@link #stores(StoreFamily)}.
         *
         * @param policies the tenant policies
         * @return this builder
         */
        public Builder tenantPolicies(TenantPolicies policies) {
            this.tenantPolicies = Objects.requireNonNull(policies, "policies");
            return this;
        }

        /**
         * The policy of tenants without their own; {@link TenantPolicy#defaults()} if not set.
         *
         * @param policy the default policy
         * @return this builder
         */
        public Builder defaultPolicy(TenantPolicy policy) {
            this.defaultPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Where alerts go (low balance, quota, drift, webhook trouble); SLF4J by default.
         *
         * @param sink the alert sink
         * @return this builder
         */
        public Builder alertSink(AlertSink sink) {
            this.alertSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * When webhook trouble becomes an alert; {@link AlertThresholds#defaults()} if not set.
         *
         * @param thresholds the thresholds
         * @return this builder
         */
        public Builder alertThresholds(AlertThresholds thresholds) {
            this.alertThresholds = Objects.requireNonNull(thresholds, "thresholds");
            return this;
        }

        /**
         * What records the SDK's metrics; nothing by default (the starter uses Micrometer).
         *
         * @param metrics the metrics
         * @return this builder
         */
        public Builder metrics(SdkMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * The scheduled jobs' periods and limits; {@link JobSettings#defaults()} if not set.
         *
         * @param jobs the job settings
         * @return this builder
         */
        public Builder jobs(JobSettings jobs) {
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            return this;
        }

        /**
         * How the outbox's dispatcher works on this instance; the defaults if not set.
         *
         * @param outbox the outbox settings
         * @return this builder
         */
        public Builder outbox(io.tenanttwilio.outbox.OutboxSettings outbox) {
            this.outbox = Objects.requireNonNull(outbox, "outbox");
            return this;
        }

        /**
         * Hands the outbox's claimed messages to a broker ({@link io.tenanttwilio.spi.OutboxHandoff}).
         *
         * @param handoff where claimed messages go; {@code null}: sent here
         * @return this builder
         */
        public Builder outboxHandoff(io.tenanttwilio.spi.@Nullable OutboxHandoff handoff) {
            this.outboxHandoff = handoff;
            return this;
        }

        /**
         * This application instance's name in the jobs' leases (host, pod); the host name, process id
         * and a random suffix by default.
         *
         * @param instanceId a name unique among the instances, 1 to 200 characters
         * @return this builder
         * @throws IllegalArgumentException when {@code instanceId} is blank or longer than 200
         *     characters
         */
        public Builder instanceId(String instanceId) {
            Objects.requireNonNull(instanceId, "instanceId");
            if (instanceId.isBlank() || instanceId.length() > 200) {
                throw new IllegalArgumentException("instanceId must have 1 to 200 characters");
            }
            this.instanceId = instanceId;
            return this;
        }

        /**
         * Builds the instance and its connection pool.
         *
         * @return the instance; close it when the application stops
         * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} when one store is
         *     replaced without {@link #stores(StoreFamily)}: the others would silently be kept in
         *     memory
         */
        public TenantTwilio build() {
            if (stores == null) {
                List<String> replaced = new ArrayList<>();
                addIfSet(replaced, credentialStore, "credentialStore");
                addIfSet(replaced, numberRegistry, "numberRegistry");
                addIfSet(replaced, conversationStore, "conversationStore");
                addIfSet(replaced, contactDirectory, "contactDirectory");
                addIfSet(replaced, usageStore, "usageStore");
                addIfSet(replaced, tenantPolicies, "tenantPolicies");
                addIfSet(replaced, auditLog, "auditLog");
                if (!replaced.isEmpty()) {
                    throw Problems.configuration("config.stores-missing", String.join(", ", replaced));
                }
            }
            return new DefaultTenantTwilio(
                    stores,
                    credentialStore,
                    numberRegistry,
                    conversationStore,
                    contactDirectory,
                    List.copyOf(inboundListeners),
                    List.copyOf(statusListeners),
                    auditLog,
                    List.copyOf(auditSinks),
                    tenantResolver,
                    clock,
                    masterCredentials,
                    List.copyOf(listeners),
                    usageStore,
                    tenantPolicies,
                    alertSink,
                    metrics,
                    new TenantTwilioSettings(
                            this, instanceId != null ? instanceId : DefaultTenantTwilio.defaultInstanceId()));
        }

        private static void addIfSet(List<String> names, @Nullable Object value, String name) {
            if (value != null) {
                names.add(name);
            }
        }
    }
}
