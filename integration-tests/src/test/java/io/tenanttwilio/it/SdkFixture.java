package io.tenanttwilio.it;

import io.tenanttwilio.HttpSettings;
import io.tenanttwilio.RetryPolicy;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.guardrails.AlertThresholds;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.inbound.DeliveryStatusListener;
import io.tenanttwilio.inbound.InboundMessageListener;
import io.tenanttwilio.numbers.FailurePolicy;
import io.tenanttwilio.numbers.NumberLifecycleListener;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.SdkMetrics;
import io.tenanttwilio.store.memory.InMemoryAlertSink;
import io.tenanttwilio.store.memory.InMemoryAuditSink;
import io.tenanttwilio.store.memory.InMemoryContactDirectory;
import io.tenanttwilio.store.memory.InMemoryConversationStore;
import io.tenanttwilio.store.memory.InMemoryCredentialStore;
import io.tenanttwilio.store.memory.InMemoryNumberRegistry;
import io.tenanttwilio.store.memory.InMemoryStores;
import io.tenanttwilio.store.memory.InMemoryTenantPolicies;
import io.tenanttwilio.store.memory.InMemoryUsageStore;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link TenantTwilio} on in-memory stores, pointed at a simulator. */
final class SdkFixture implements AutoCloseable {

    static final URI PUBLIC_URL = URI.create("https://clinic.example/twilio");

    final InMemoryStores stores;
    final InMemoryCredentialStore credentials;
    final InMemoryNumberRegistry registry;
    final InMemoryAuditSink audit;
    final InMemoryConversationStore conversations;
    final InMemoryContactDirectory contacts;
    final InMemoryAlertSink alerts = new InMemoryAlertSink();
    final InMemoryTenantPolicies policies;
    final InMemoryUsageStore usage;
    final TenantTwilio twilio;

    private SdkFixture(Builder builder) {
        this.stores = builder.stores != null ? builder.stores : InMemoryStores.create(builder.clock);
        this.credentials = stores.credentials();
        this.registry = stores.numbers();
        this.audit = stores.audit();
        this.conversations = stores.conversations();
        this.contacts = stores.contacts();
        this.policies = stores.policies();
        this.usage = stores.usage();
        TenantTwilio.Builder sdk = TenantTwilio.builder()
                .stores(builder.family != null ? builder.family : stores)
                .outbox(builder.outbox)
                .outboxHandoff(builder.handoff)
                .alertSink(alerts)
                .defaultPolicy(builder.defaultPolicy)
                .alertThresholds(builder.thresholds)
                .jobs(builder.jobs)
                .metrics(builder.metrics)
                .publicBaseUrl(builder.publicUrl)
                .defaultRegion("CA")
                .clock(builder.clock)
                .failurePolicy(builder.failurePolicy)
                .masterCredentials(builder.master)
                .http(HttpSettings.builder()
                        .apiBaseUrl(builder.simulator.baseUrl())
                        .readTimeout(builder.readTimeout)
                        .retryPolicy(RetryPolicy.builder()
                                .initialBackoff(Duration.ofMillis(10))
                                .build())
                        .build());
        if (builder.conversationStore != null) {
            sdk.conversationStore(builder.conversationStore);
        }
        builder.listeners.forEach(sdk::numberLifecycleListener);
        builder.inboundListeners.forEach(sdk::inboundMessageListener);
        builder.statusListeners.forEach(sdk::deliveryStatusListener);
        this.twilio = sdk.build();
    }

    static Builder on(TwilioSimulator simulator) {
        return new Builder(simulator);
    }

    @Override
    public void close() {
        twilio.close();
    }

    static final class Builder {
        private final TwilioSimulator simulator;
        private Clock clock = Clock.systemUTC();
        private InMemoryStores stores;
        private FailurePolicy failurePolicy = FailurePolicy.KEEP_FOR_ATTENTION;
        private Duration readTimeout = Duration.ofSeconds(10);
        private TwilioCredentials master;
        private final List<NumberLifecycleListener> listeners = new ArrayList<>();
        private final List<InboundMessageListener> inboundListeners = new ArrayList<>();
        private final List<DeliveryStatusListener> statusListeners = new ArrayList<>();
        private URI publicUrl = PUBLIC_URL;
        private ConversationStore conversationStore;
        private TenantPolicy defaultPolicy = TenantPolicy.defaults();
        private AlertThresholds thresholds = AlertThresholds.defaults();
        private JobSettings jobs = JobSettings.builder().jitter(0).build();
        private SdkMetrics metrics = SdkMetrics.NOOP;
        private io.tenanttwilio.outbox.OutboxSettings outbox = io.tenanttwilio.outbox.OutboxSettings.defaults();
        private io.tenanttwilio.spi.StoreFamily family;
        private io.tenanttwilio.spi.OutboxHandoff handoff;

        private Builder(TwilioSimulator simulator) {
            this.simulator = simulator;
        }

        /** Another instance's stores: a second application instance, or the same one restarted. */
        Builder stores(InMemoryStores stores) {
            this.stores = stores;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = policy;
            return this;
        }

        Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        Builder master(TwilioCredentials master) {
            this.master = master;
            return this;
        }

        Builder listener(NumberLifecycleListener listener) {
            listeners.add(listener);
            return this;
        }

        Builder publicUrl(URI url) {
            this.publicUrl = url;
            return this;
        }

        Builder conversationStore(ConversationStore store) {
            this.conversationStore = store;
            return this;
        }

        Builder inboundMessageListener(InboundMessageListener listener) {
            inboundListeners.add(listener);
            return this;
        }

        Builder statusListener(DeliveryStatusListener listener) {
            statusListeners.add(listener);
            return this;
        }

        Builder defaultPolicy(TenantPolicy policy) {
            this.defaultPolicy = policy;
            return this;
        }

        Builder thresholds(AlertThresholds thresholds) {
            this.thresholds = thresholds;
            return this;
        }

        Builder jobs(JobSettings jobs) {
            this.jobs = jobs;
            return this;
        }

        Builder metrics(SdkMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        Builder outbox(io.tenanttwilio.outbox.OutboxSettings outbox) {
            this.outbox = outbox;
            return this;
        }

        Builder handoff(io.tenanttwilio.spi.OutboxHandoff handoff) {
            this.handoff = handoff;
            return this;
        }

        /** The stores the SDK uses, wrapping the in-memory ones (faults injected in one of them). */
        Builder family(io.tenanttwilio.spi.StoreFamily family) {
            this.family = family;
            return this;
        }

        SdkFixture build() {
            return new SdkFixture(this);
        }
    }
}
