package io.tenanttwilio.internal;

import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioClient;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.TenantTwilioSettings;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.guardrails.ScheduledJobs;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UsageReport;
import io.tenanttwilio.inbound.DeliveryStatusListener;
import io.tenanttwilio.inbound.InboundMessageListener;
import io.tenanttwilio.inbound.WebhookHandler;
import io.tenanttwilio.internal.guardrails.Alerts;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.guardrails.UsageReporter;
import io.tenanttwilio.internal.inbound.DefaultWebhookHandler;
import io.tenanttwilio.internal.inbound.RoutingCache;
import io.tenanttwilio.internal.jobs.Jobs;
import io.tenanttwilio.internal.messaging.Messenger;
import io.tenanttwilio.internal.messaging.StatusUpdates;
import io.tenanttwilio.internal.numbers.DefaultNumberProvisioner;
import io.tenanttwilio.internal.outbox.DefaultOutbox;
import io.tenanttwilio.internal.outbox.Dispatcher;
import io.tenanttwilio.internal.outbox.InDoubt;
import io.tenanttwilio.internal.outbox.Senders;
import io.tenanttwilio.internal.registration.DefaultCarrierRegistration;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.SdkHttpClient;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.numbers.NumberLifecycleListener;
import io.tenanttwilio.numbers.NumberProvisioner;
import io.tenanttwilio.outbox.Outbox;
import io.tenanttwilio.registration.CarrierRegistration;
import io.tenanttwilio.sink.Slf4jAlertSink;
import io.tenanttwilio.spi.AlertSink;
import io.tenanttwilio.spi.AuditLog;
import io.tenanttwilio.spi.AuditSink;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.OutboxStore;
import io.tenanttwilio.spi.SdkMetrics;
import io.tenanttwilio.spi.StoreFamily;
import io.tenanttwilio.spi.TenantPolicies;
import io.tenanttwilio.spi.TenantResolver;
import io.tenanttwilio.spi.UsageStore;
import io.tenanttwilio.store.memory.InMemoryStores;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.hc.core5.pool.PoolStats;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link TenantTwilio} behind {@link TenantTwilio#builder()}. */
public final class DefaultTenantTwilio implements TenantTwilio {

    private static final Logger LOG = LoggerFactory.getLogger(TenantTwilio.class);

    /** How long a webhook's route (its number record) is reused before it is read again. */
    static final Duration ROUTING_TTL = Duration.ofSeconds(5);

    private final TenantTwilioSettings settings;
    private final TenantResolver resolver;
    private final NumberRegistry registry;
    private final SdkHttpClient http;
    private final TwilioClients clients;
    private final DefaultNumberProvisioner provisioner;
    private final ConversationStore conversations;
    private final DefaultWebhookHandler webhooks;
    private final CredentialStore credentials;
    private final AuditSink auditSink;
    private final AuditLog auditLog;
    private final Guardrails guardrails;
    private final UsageReporter reporter;
    private final Jobs jobs;
    private final DefaultCarrierRegistration registration;
    private final DefaultTenantTwilioClient.Parts clientParts;
    private final @Nullable DefaultOutbox outbox;

    /** A name for this instance in job leases: host, process, and a random suffix. */
    public static String defaultInstanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = "host";
        }
        String id = host + "-" + ProcessHandle.current().pid() + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        return id.length() > 200 ? id.substring(id.length() - 200) : id;
    }

    public DefaultTenantTwilio(
            @Nullable StoreFamily family,
            @Nullable CredentialStore credentialStore,
            @Nullable NumberRegistry numberRegistry,
            @Nullable ConversationStore conversationStore,
            @Nullable ContactDirectory contactDirectory,
            List<InboundMessageListener> inboundListeners,
            List<DeliveryStatusListener> statusListeners,
            @Nullable AuditLog auditLog,
            List<AuditSink> moreAuditSinks,
            TenantResolver resolver,
            Clock clock,
            @Nullable TwilioCredentials masterCredentials,
            List<NumberLifecycleListener> listeners,
            @Nullable UsageStore usageStore,
            @Nullable TenantPolicies tenantPolicies,
            @Nullable AlertSink alertSink,
            SdkMetrics metrics,
            TenantTwilioSettings settings) {
        StoreFamily stores = family != null ? family : InMemoryStores.create(clock);
        if (!stores.isDurable()) {
            LOG.warn("tenant-twilio keeps its data in memory: it is lost at restart, and quotas hold for one"
                    + " instance only. Give the builder the JDBC stores (stores(JdbcStores.of(...))) for"
                    + " production.");
        }
        this.credentials = credentialStore != null ? credentialStore : stores.credentials();
        this.auditLog = auditLog != null ? auditLog : stores.audit();
        AuditSink auditSink = this.auditLog;
        for (AuditSink more : moreAuditSinks) {
            auditSink = auditSink.and(more);
        }
        this.auditSink = auditSink;
        UsageStore usage = usageStore != null ? usageStore : stores.usage();
        TenantPolicies policies = tenantPolicies != null ? tenantPolicies : stores.policies();
        this.registry = new RoutingCache(
                numberRegistry != null ? numberRegistry : stores.numbers(), ROUTING_TTL, System::nanoTime);
        this.conversations = conversationStore != null ? conversationStore : stores.conversations();
        ContactDirectory contacts = contactDirectory != null ? contactDirectory : stores.contacts();
        this.settings = settings;
        this.resolver = resolver;
        this.http = new SdkHttpClient(settings.http());
        this.clients =
                new TwilioClients(http, credentials, clock, settings.clientCacheSize(), settings.clientCacheTtl());
        Auditor auditor = new Auditor(auditSink, resolver, clock);
        Alerts alerts = new Alerts(alertSink != null ? alertSink : Slf4jAlertSink.instance(), usage, clock);
        this.guardrails = new Guardrails(settings.defaultPolicy(), policies, usage, alerts, auditor, metrics, clock);
        this.registration = new DefaultCarrierRegistration(
                stores.registrations(),
                registry,
                clients,
                guardrails,
                alerts,
                auditor,
                clock,
                settings.publicBaseUrl().orElse(null));
        StatusUpdates statusUpdates = new StatusUpdates(
                conversations, statusListeners, alerts, settings.alertThresholds(), metrics, clock, registration);
        this.provisioner = new DefaultNumberProvisioner(
                clients,
                credentials,
                registry,
                conversations,
                auditor,
                clock,
                settings,
                masterCredentials,
                listeners,
                guardrails,
                metrics,
                registration);
        this.webhooks = new DefaultWebhookHandler(
                registry,
                clients,
                contacts,
                conversations,
                inboundListeners,
                auditor,
                clock,
                settings.publicBaseUrl().orElse(null),
                settings.defaultRegion(),
                alerts,
                settings.alertThresholds(),
                metrics,
                statusUpdates,
                registration);
        Messenger messenger = new Messenger(
                clients,
                registry,
                contacts,
                conversations,
                clock,
                settings,
                statusUpdates,
                guardrails,
                metrics,
                registration);
        this.reporter = new UsageReporter(conversations, clients, guardrails, clock);
        this.jobs = new Jobs(
                usage,
                credentials,
                registry,
                conversations,
                provisioner,
                clients,
                guardrails,
                alerts,
                statusUpdates,
                auditor,
                settings.jobs(),
                masterCredentials,
                clock,
                settings.instanceId(),
                registration);
        OutboxStore outboxStore;
        try {
            outboxStore = stores.outbox();
        } catch (UnsupportedOperationException e) {
            outboxStore = null;
        }
        if (outboxStore == null) {
            this.outbox = null;
        } else {
            Senders senders = new Senders(registry, settings.outbox());
            Dispatcher dispatcher = new Dispatcher(
                    outboxStore,
                    messenger,
                    guardrails,
                    alerts,
                    metrics,
                    clock,
                    settings.outbox(),
                    senders,
                    new InDoubt(outboxStore, conversations, clients, clock),
                    settings.instanceId(),
                    settings.outboxHandoff().orElse(null));
            this.outbox = new DefaultOutbox(
                    outboxStore, conversations, guardrails, senders, settings.defaultRegion(), clock, dispatcher);
        }
        this.clientParts = new DefaultTenantTwilioClient.Parts(
                messenger, conversations, contacts, registry, provisioner, guardrails, reporter, this.auditLog);
    }

    @Override
    public TenantTwilioClient client(TenantId tenant) {
        return new DefaultTenantTwilioClient(Objects.requireNonNull(tenant, "tenant"), clientParts);
    }

    @Override
    public TenantTwilioClient currentClient() {
        TenantId tenant =
                resolver.currentTenant().orElseThrow(() -> new TenantTwilioException(ErrorCode.NO_CURRENT_TENANT));
        return client(tenant);
    }

    @Override
    public NumberProvisioner provisioner() {
        return provisioner;
    }

    @Override
    public WebhookHandler webhooks() {
        return webhooks;
    }

    @Override
    public TenantTwilioSettings settings() {
        return settings;
    }

    @Override
    public TenantPolicy policy(TenantId tenant) {
        return guardrails.policy(Objects.requireNonNull(tenant, "tenant"));
    }

    @Override
    public void updatePolicy(TenantId tenant, TenantPolicy policy, Actor actor) {
        updatePolicy(tenant, policy, Objects.requireNonNull(actor, "actor").name());
    }

    @Override
    public void updatePolicy(TenantId tenant, TenantPolicy policy) {
        updatePolicy(tenant, policy, (String) null);
    }

    private void updatePolicy(TenantId tenant, TenantPolicy policy, @Nullable String actor) {
        guardrails.updatePolicy(
                Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(policy, "policy"), actor);
    }

    @Override
    public List<UsageReport> usageReports(YearMonth month) {
        List<UsageReport> reports = new ArrayList<>();
        TenantId after = null;
        while (true) {
            TenantId from = after;
            List<TenantId> page;
            try {
                page = Stores.call(null, () -> credentials.tenants(from, 100));
            } catch (UnsupportedOperationException e) {
                throw Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                        .detail("usage.unsupported-store")
                        .build();
            }
            if (page.isEmpty()) {
                return reports;
            }
            for (TenantId tenant : page) {
                reports.add(reporter.report(tenant, month.atDay(1), month.atEndOfMonth()));
            }
            after = page.get(page.size() - 1);
        }
    }

    @Override
    public CarrierRegistration registration() {
        return registration;
    }

    @Override
    public ScheduledJobs jobs() {
        return jobs;
    }

    @Override
    public Outbox outbox() {
        if (outbox == null) {
            throw Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                    .detail("outbox.unavailable")
                    .build();
        }
        return outbox;
    }

    /** The shared pool's statistics: leased and available connections. */
    public PoolStats connectionPool() {
        return http.poolStats();
    }

    /** How many tenants have a cached Twilio client. */
    public int cachedClients() {
        return clients.size();
    }

    @Override
    public void close() {
        if (outbox != null) {
            outbox.dispatcher().stop();
        }
        jobs.stop();
        http.close();
    }

    @Override
    public String toString() {
        return "TenantTwilio[" + settings.publicBaseUrl().map(Object::toString).orElse("no public URL") + "]";
    }
}
