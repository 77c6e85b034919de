package io.tenanttwilio.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.HttpSettings;
import io.tenanttwilio.RetryPolicy;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.autoconfigure.TenantTwilioConfigurationException.Problem;
import io.tenanttwilio.crypto.AesGcmSecretCipher;
import io.tenanttwilio.crypto.KeyRing;
import io.tenanttwilio.guardrails.AlertThresholds;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.inbound.DeliveryStatusListener;
import io.tenanttwilio.inbound.InboundMessageListener;
import io.tenanttwilio.micrometer.MicrometerMetrics;
import io.tenanttwilio.numbers.NumberLifecycleListener;
import io.tenanttwilio.outbox.OutboxDispatcher;
import io.tenanttwilio.outbox.OutboxSettings;
import io.tenanttwilio.sink.Slf4jAlertSink;
import io.tenanttwilio.spi.AlertSink;
import io.tenanttwilio.spi.AuditLog;
import io.tenanttwilio.spi.AuditSink;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.SdkMetrics;
import io.tenanttwilio.spi.SecretCipher;
import io.tenanttwilio.spi.StoreFamily;
import io.tenanttwilio.spi.TenantPolicies;
import io.tenanttwilio.spi.TenantResolver;
import io.tenanttwilio.spi.UsageStore;
import io.tenanttwilio.store.jdbc.JdbcStores;
import io.tenanttwilio.store.jdbc.SchemaInstaller;
import io.tenanttwilio.store.memory.InMemoryStores;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Auto-configures {@link TenantTwilio} and its collaborators: the JDBC stores on the application's
 * {@code DataSource} (secrets encrypted with the configured keys), or in-memory stores with a
 * warning; the default tenant policy, alert thresholds, jobs, outbox and HTTP settings from {@link
 * TenantTwilioProperties}; metrics when a {@code MeterRegistry} exists; an embedded simulator in
 * simulator mode; the scheduled jobs and the outbox's dispatcher run with the application when
 * enabled. Every bean backs off when the application defines its own.
 *
 * <p>Used by Spring only; thread-safe like any Spring configuration class.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnClass(TenantTwilio.class)
@EnableConfigurationProperties(TenantTwilioProperties.class)
public final class TenantTwilioAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TenantTwilioAutoConfiguration.class);
    static final String SIMULATOR_CLASS = "io.tenanttwilio.test.simulator.TwilioSimulator";

    // ---------------------------------------------------------------------------------------------
    // JDBC stores

    /** The JDBC stores, when the application has a DataSource and did not ask for memory. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DataSource.class)
    @Conditional(StoreIsNotMemory.class)
    static class JdbcStoresConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SecretCipher tenantTwilioSecretCipher(TenantTwilioProperties properties) {
            TenantTwilioProperties.Encryption encryption = properties.getEncryption();
            if (encryption.getKeys().isEmpty()) {
                throw new TenantTwilioConfigurationException(
                        Problem.NO_ENCRYPTION_KEY,
                        "The JDBC stores keep Twilio secrets encrypted, and no encryption key is configured.",
                        "Generate a key with 'openssl rand -base64 32' and set it, from the environment, as"
                                + " tenant-twilio.encryption.keys.<id> (for example"
                                + " TENANT_TWILIO_ENCRYPTION_KEYS_2026-11). Keep every key that encrypted"
                                + " stored secrets until they are re-encrypted.");
            }
            KeyRing.Builder keys = KeyRing.builder();
            encryption.getKeys().forEach(keys::key);
            if (encryption.getCurrentKey() != null) {
                keys.current(encryption.getCurrentKey());
            }
            return AesGcmSecretCipher.of(keys.build());
        }

        @Bean
        @ConditionalOnMissingBean
        JdbcStores tenantTwilioJdbcStores(
                DataSource dataSource, SecretCipher cipher, TenantTwilioProperties properties) {
            if (properties.getStore().isInitializeSchema()) {
                int applied = SchemaInstaller.install(dataSource);
                if (applied > 0) {
                    LOG.info("tenant-twilio installed {} schema version(s)", applied);
                }
            }
            return JdbcStores.of(dataSource, cipher);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The SPI, from the JDBC stores or in memory

    @Bean
    @ConditionalOnMissingBean
    StoreFamily tenantTwilioStores(ObjectProvider<JdbcStores> jdbc) {
        JdbcStores stores = jdbc.getIfAvailable();
        return stores != null ? stores : InMemoryStores.create();
    }

    @Bean
    @ConditionalOnMissingBean
    CredentialStore tenantTwilioCredentialStore(StoreFamily stores) {
        return stores.credentials();
    }

    @Bean
    @ConditionalOnMissingBean
    NumberRegistry tenantTwilioNumberRegistry(StoreFamily stores) {
        return stores.numbers();
    }

    @Bean
    @ConditionalOnMissingBean
    ConversationStore tenantTwilioConversationStore(StoreFamily stores) {
        return stores.conversations();
    }

    @Bean
    @ConditionalOnMissingBean
    ContactDirectory tenantTwilioContactDirectory(StoreFamily stores) {
        return stores.contacts();
    }

    @Bean
    @ConditionalOnMissingBean
    UsageStore tenantTwilioUsageStore(StoreFamily stores) {
        return stores.usage();
    }

    @Bean
    @ConditionalOnMissingBean
    TenantPolicies tenantTwilioPolicies(StoreFamily stores) {
        return stores.policies();
    }

    @Bean
    @ConditionalOnMissingBean
    AuditSink tenantTwilioAuditSink(StoreFamily stores) {
        return stores.audit();
    }

    // ---------------------------------------------------------------------------------------------
    // Tenant resolver, metrics, simulator

    /** The current tenant from Spring Security's principal, when Spring Security is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    static class SecurityResolverConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TenantResolver tenantTwilioTenantResolver(TenantTwilioProperties properties) {
            return new SpringSecurityTenantResolver(
                    properties.getSecurity().getTenantAttribute(),
                    properties.getSecurity().getTenantAuthorityPrefix());
        }
    }

    @Bean
    @ConditionalOnMissingBean
    TenantResolver tenantTwilioNoTenantResolver() {
        return TenantResolver.none();
    }

    /** Micrometer metrics, when the application has a registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {"io.micrometer.core.instrument.MeterRegistry", "io.tenanttwilio.micrometer.MicrometerMetrics"})
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SdkMetrics tenantTwilioMetrics(MeterRegistry registry, TenantTwilioProperties properties) {
            return properties.getMetrics().isTenantTag()
                    ? MicrometerMetrics.withTenantTag(registry)
                    : MicrometerMetrics.create(registry);
        }
    }

    /** Simulator mode: an embedded Twilio for local development. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = SIMULATOR_CLASS)
    @ConditionalOnProperty(prefix = "tenant-twilio.simulator", name = "enabled", havingValue = "true")
    static class SimulatorConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        io.tenanttwilio.test.simulator.TwilioSimulator tenantTwilioSimulator(TenantTwilioProperties properties) {
            io.tenanttwilio.test.simulator.TwilioSimulator simulator =
                    io.tenanttwilio.test.simulator.TwilioSimulator.builder()
                            .port(properties.getSimulator().getPort())
                            .start();
            LOG.warn(
                    "tenant-twilio runs against an embedded Twilio simulator at {}: nothing reaches Twilio",
                    simulator.baseUrl());
            return simulator;
        }

        @Bean
        SimulatorEndpoint tenantTwilioSimulatorEndpoint(
                io.tenanttwilio.test.simulator.TwilioSimulator simulator, TenantTwilioProperties properties) {
            TwilioCredentials master = null;
            if (properties.getSimulator().isMasterAccount()
                    && properties.getMaster().getAccountSid() == null) {
                // Managed mode works out of the box: a platform account of the simulator's own.
                master = simulator.createAccount("Platform (simulated)").credentials();
            }
            return new SimulatorEndpoint(simulator.baseUrl(), master);
        }
    }

    /** Where the embedded simulator answers (kept apart so the simulator's class stays optional). */
    record SimulatorEndpoint(URI baseUrl, @Nullable TwilioCredentials master) {}

    // ---------------------------------------------------------------------------------------------
    // TenantTwilio

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TenantTwilio tenantTwilio(
            TenantTwilioProperties properties,
            Environment environment,
            ApplicationContext context,
            StoreFamily stores,
            CredentialStore credentials,
            NumberRegistry numbers,
            ConversationStore conversations,
            ContactDirectory contacts,
            UsageStore usage,
            TenantPolicies policies,
            AuditSink audit,
            TenantResolver resolver,
            ObjectProvider<JdbcStores> jdbc,
            ObjectProvider<AlertSink> alertSinks,
            ObjectProvider<SdkMetrics> metrics,
            ObjectProvider<InboundMessageListener> inboundListeners,
            ObjectProvider<DeliveryStatusListener> statusListeners,
            ObjectProvider<NumberLifecycleListener> lifecycleListeners,
            ObjectProvider<SimulatorEndpoint> simulator) {
        checkStores(properties, environment, jdbc.getIfAvailable(), credentials, numbers, conversations, usage);
        SimulatorEndpoint endpoint = simulator.getIfAvailable();
        if (properties.getSimulator().isEnabled() && endpoint == null) {
            throw new TenantTwilioConfigurationException(
                    Problem.NO_SIMULATOR,
                    "Simulator mode is on (tenant-twilio.simulator.enabled=true) but the simulator is not on the"
                            + " classpath.",
                    "Add the dependency io.tenanttwilio:tenant-twilio-test (for development only), or turn"
                            + " simulator mode off.");
        }
        URI publicBaseUrl = publicBaseUrl(properties, environment, context, endpoint != null);
        TenantTwilio.Builder builder = TenantTwilio.builder()
                .stores(stores)
                .credentialStore(credentials)
                .numberRegistry(numbers)
                .conversationStore(conversations)
                .contactDirectory(contacts)
                .usageStore(usage)
                .tenantPolicies(policies)
                .tenantResolver(resolver)
                .defaultRegion(properties.getDefaultRegion())
                .defaultLocale(properties.getDefaultLocale())
                .failurePolicy(properties.getFailurePolicy())
                .defaultPolicy(defaultPolicy(properties))
                .alertThresholds(alertThresholds(properties))
                .jobs(jobSettings(properties))
                .outbox(outboxSettings(properties.getOutbox()))
                .http(httpSettings(properties, endpoint))
                .clientCache(
                        properties.getClientCache().getSize(),
                        properties.getClientCache().getTtl())
                .alertSink(alertSink(alertSinks))
                .metrics(metrics.getIfAvailable(() -> SdkMetrics.NOOP))
                .masterCredentials(
                        endpoint != null && endpoint.master() != null
                                ? endpoint.master()
                                : masterCredentials(properties));
        if (publicBaseUrl != null) {
            builder.publicBaseUrl(publicBaseUrl);
        }
        if (properties.getJobs().getInstanceId() != null) {
            builder.instanceId(properties.getJobs().getInstanceId());
        }
        inboundListeners.orderedStream().forEach(builder::inboundMessageListener);
        statusListeners.orderedStream().forEach(builder::deliveryStatusListener);
        lifecycleListeners.orderedStream().forEach(builder::numberLifecycleListener);
        if (audit instanceof AuditLog) {
            builder.auditLog((AuditLog) audit);
        } else {
            builder.addAuditSink(audit);
        }
        return builder.build();
    }

    /** Starts the scheduled jobs with the application, when enabled. */
    @Bean
    @ConditionalOnProperty(prefix = "tenant-twilio.jobs", name = "enabled", havingValue = "true")
    SmartLifecycle tenantTwilioJobs(TenantTwilio twilio) {
        return new JobsLifecycle(twilio);
    }

    /**
     * Runs the outbox's dispatcher while the application runs, when enabled (the default) and the
     * stores keep an outbox; stopped before the SDK closes.
     */
    @Bean
    @ConditionalOnProperty(
            prefix = "tenant-twilio.outbox",
            name = "enabled",
            havingValue = "true",
            matchIfMissing = true)
    SmartLifecycle tenantTwilioOutboxDispatcher(TenantTwilio twilio) {
        return new OutboxLifecycle(twilio);
    }

    private static void checkStores(
            TenantTwilioProperties properties, Environment environment, @Nullable JdbcStores jdbc, Object... stores) {
        if (properties.getStore().getType() == TenantTwilioProperties.StoreType.JDBC && jdbc == null) {
            throw new TenantTwilioConfigurationException(
                    Problem.NO_DATA_SOURCE,
                    "tenant-twilio.store.type=jdbc, but the application has no DataSource.",
                    "Configure a DataSource (spring.datasource.url, or a DataSource bean), or set"
                            + " tenant-twilio.store.type=auto.");
        }
        String production = activeProductionProfile(properties, environment);
        if (production == null) {
            return;
        }
        List<String> inMemory = new ArrayList<>();
        for (Object store : stores) {
            if (store.getClass().getPackageName().equals("io.tenanttwilio.store.memory")) {
                inMemory.add(store.getClass().getSimpleName());
            }
        }
        if (!inMemory.isEmpty()) {
            throw new TenantTwilioConfigurationException(
                    Problem.IN_MEMORY_STORE_IN_PRODUCTION,
                    "The '" + production + "' profile is active and tenant-twilio keeps its data in memory ("
                            + String.join(", ", inMemory) + "): credentials, numbers and messages would be"
                            + " lost at restart, and quotas would not hold across instances.",
                    "Give the application a DataSource (PostgreSQL) with tenant-twilio.encryption.keys.*,"
                            + " or define your own store beans; tenant-twilio.store.production-profiles lists"
                            + " the profiles where this is checked.");
        }
        if (jdbc != null
                && jdbc.connectedRole().bypassesRowLevelSecurity()
                && !properties.getStore().isAllowRowLevelSecurityBypass()) {
            String role =
                    jdbc.connectedRole() == JdbcStores.ConnectedRole.SUPERUSER ? "a superuser" : "a BYPASSRLS role";
            throw new TenantTwilioConfigurationException(
                    Problem.ROW_LEVEL_SECURITY_BYPASSED,
                    "The '" + production + "' profile is active and tenant-twilio's JDBC stores connect to"
                            + " PostgreSQL as " + role + ", which row-level security does not apply to: the"
                            + " tables' policies would not isolate tenants, and a query that forgot its tenant"
                            + " would read and change every tenant's rows.",
                    "Connect the application as an ordinary role and keep this one for installing the schema"
                            + " (README, Storage: CREATE ROLE tenant_twilio_app LOGIN PASSWORD '...'; GRANT USAGE"
                            + " ON SCHEMA public TO tenant_twilio_app; GRANT SELECT, INSERT, UPDATE, DELETE ON"
                            + " ALL TABLES IN SCHEMA public TO tenant_twilio_app; GRANT USAGE, SELECT ON ALL"
                            + " SEQUENCES IN SCHEMA public TO tenant_twilio_app), or set"
                            + " tenant-twilio.store.allow-row-level-security-bypass=true to accept it knowingly.");
        }
    }

    /** The first active profile of {@code tenant-twilio.store.production-profiles}, if any. */
    private static @Nullable String activeProductionProfile(
            TenantTwilioProperties properties, Environment environment) {
        List<String> active = Arrays.asList(environment.getActiveProfiles());
        for (String profile : properties.getStore().getProductionProfiles()) {
            if (active.contains(profile)) {
                return profile;
            }
        }
        return null;
    }

    private static @Nullable URI publicBaseUrl(
            TenantTwilioProperties properties, Environment environment, ApplicationContext context, boolean simulator) {
        if (properties.getPublicBaseUrl() != null) {
            return properties.getPublicBaseUrl();
        }
        String path = properties.getWebhook().getPath();
        if (simulator) {
            int port = environment.getProperty("server.port", Integer.class, 8080);
            if (port > 0) {
                return URI.create("http://localhost:" + port + path);
            }
        }
        if (isWebApplication(context) && properties.getWebhook().isEnabled()) {
            throw new TenantTwilioConfigurationException(
                    Problem.NO_PUBLIC_BASE_URL,
                    "No public base URL is configured, so Twilio could not reach this application's webhook"
                            + " endpoint (" + path + ") and numbers cannot be set up.",
                    "Set tenant-twilio.public-base-url to the HTTPS address at which Twilio reaches this"
                            + " application, with the webhook path: https://app.example.com" + path + ". For"
                            + " local development, use simulator mode with a fixed server.port, or a tunnel.");
        }
        LOG.warn("tenant-twilio.public-base-url is not set: numbers cannot be bought or configured");
        return null;
    }

    private static boolean isWebApplication(ApplicationContext context) {
        return ClassUtils.isPresent("org.springframework.web.context.WebApplicationContext", null)
                && context instanceof org.springframework.web.context.WebApplicationContext;
    }

    static TenantPolicy defaultPolicy(TenantTwilioProperties properties) {
        TenantTwilioProperties.Quota quota = properties.getQuota();
        TenantTwilioProperties.Purchases purchases = properties.getPurchases();
        return TenantPolicy.builder()
                .timeZone(quota.getTimeZone())
                .dailySmsLimit(quota.getDailySmsLimit())
                .monthlySmsLimit(quota.getMonthlySmsLimit())
                .countSegments(quota.isCountSegments())
                .maxPurchasesPer24Hours(purchases.getMaxPerDay())
                .maxNumbersOwned(purchases.getMaxNumbersOwned())
                .monthlyNumberSpendCap(purchases.getMonthlySpendCap())
                .estimatedNumberMonthlyPrice(purchases.getEstimatedNumberMonthlyPrice())
                .lowBalanceThreshold(properties.getBalance().getLowThreshold())
                .autoRepair(properties.getHealthCheck().isAutoRepair())
                .unregisteredTraffic(properties.getRegistration().getUnregisteredTraffic())
                .canadianLongCodes(properties.getRegistration().getCanadianLongCodes())
                .build();
    }

    private static AlertThresholds alertThresholds(TenantTwilioProperties properties) {
        TenantTwilioProperties.Alerts alerts = properties.getAlerts();
        return AlertThresholds.builder()
                .window(alerts.getWindow())
                .signatureFailures(alerts.getSignatureFailures())
                .webhookErrors(alerts.getWebhookErrors())
                .deliveryFailures(alerts.getDeliveryFailures())
                .build();
    }

    private static JobSettings jobSettings(TenantTwilioProperties properties) {
        return JobSettings.builder()
                .balanceEvery(properties.getBalance().getPollInterval())
                .balanceConcurrency(properties.getBalance().getConcurrency())
                .masterLowBalanceThreshold(properties.getBalance().getMasterLowThreshold())
                .healthCheckEvery(properties.getHealthCheck().getInterval())
                .healthChecksPerMinute(properties.getHealthCheck().getMaxPerMinute())
                .reconciliationEvery(properties.getReconciliation().getInterval())
                .registrationsEvery(properties.getRegistration().getPollInterval())
                .reconcileAfter(properties.getReconciliation().getAfter())
                .reconcileWithin(properties.getReconciliation().getWithin())
                .leaseTtl(properties.getJobs().getLeaseTtl())
                .build();
    }

    /**
     * The outbox's settings from {@code tenant-twilio.outbox.*}; a value the outbox refuses stops
     * the start with the property it came from.
     */
    static OutboxSettings outboxSettings(TenantTwilioProperties.Outbox outbox) {
        OutboxSettings defaults = OutboxSettings.defaults();
        OutboxSettings.Builder builder = OutboxSettings.builder().enabled(outbox.isEnabled());
        outboxSetting(
                "workers", outbox.getWorkers(), defaults.workers(), "a whole number of at least 1", builder::workers);
        outboxSetting(
                "poll-every", outbox.getPollEvery(), defaults.pollEvery(), "a positive duration", builder::pollEvery);
        outboxSetting(
                "claim-horizon",
                outbox.getClaimHorizon(),
                defaults.claimHorizon(),
                "a positive duration",
                builder::claimHorizon);
        outboxSetting("lease-ttl", outbox.getLeaseTtl(), defaults.leaseTtl(), "a positive duration", builder::leaseTtl);
        outboxSetting(
                "claim-batch",
                outbox.getClaimBatch(),
                defaults.claimBatch(),
                "a whole number of at least 1",
                builder::claimBatch);
        outboxSetting(
                "tenants-per-pass",
                outbox.getTenantsPerPass(),
                defaults.tenantsPerPass(),
                "a whole number of at least 1",
                builder::tenantsPerPass);
        outboxSetting(
                "account-concurrency",
                outbox.getAccountConcurrency(),
                defaults.accountConcurrency(),
                "a whole number of at least 1",
                builder::accountConcurrency);
        String rate = "a number of segments per second above 0 and at most 10000";
        outboxSetting("long-code-rate", outbox.getLongCodeRate(), defaults.longCodeRate(), rate, builder::longCodeRate);
        outboxSetting("toll-free-rate", outbox.getTollFreeRate(), defaults.tollFreeRate(), rate, builder::tollFreeRate);
        outboxSetting(
                "international-rate",
                outbox.getInternationalRate(),
                defaults.internationalRate(),
                rate,
                builder::internationalRate);
        outboxSetting(
                "messaging-service-rate",
                outbox.getMessagingServiceRate(),
                defaults.messagingServiceRate(),
                rate,
                builder::messagingServiceRate);
        outboxSetting(
                "throttle-backoff",
                outbox.getThrottleBackoff(),
                defaults.throttleBackoff(),
                "a positive duration",
                builder::throttleBackoff);
        try {
            return builder.build();
        } catch (TenantTwilioException e) {
            // The one check across settings: a lease shorter than two claim horizons.
            throw invalidOutboxSetting(
                    "lease-ttl",
                    outbox.getLeaseTtl(),
                    defaults.leaseTtl(),
                    "a duration of at least twice tenant-twilio.outbox.claim-horizon ("
                            + shown(Objects.requireNonNull(outbox.getClaimHorizon())) + ")");
        }
    }

    private static <T> void outboxSetting(
            String property, @Nullable T value, Object defaultValue, String expected, Consumer<T> setter) {
        if (value == null) {
            throw invalidOutboxSetting(property, null, defaultValue, expected);
        }
        try {
            setter.accept(value);
        } catch (TenantTwilioException e) {
            throw invalidOutboxSetting(property, value, defaultValue, expected);
        }
    }

    private static TenantTwilioConfigurationException invalidOutboxSetting(
            String property, @Nullable Object value, Object defaultValue, String expected) {
        String name = "tenant-twilio.outbox." + property;
        return new TenantTwilioConfigurationException(
                Problem.INVALID_OUTBOX_SETTING,
                name + (value == null ? " is empty" : "=" + shown(value) + " is not valid") + ": it must be " + expected
                        + ".",
                "Set " + name + " to " + expected + ", or remove it for the default (" + shown(defaultValue) + ").");
    }

    /** A value as it would be written in the properties: durations as {@code 250ms} or {@code 2s}. */
    private static String shown(Object value) {
        if (value instanceof Duration duration) {
            long millis = duration.toMillis();
            return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
        }
        return String.valueOf(value);
    }

    private static HttpSettings httpSettings(TenantTwilioProperties properties, @Nullable SimulatorEndpoint simulator) {
        TenantTwilioProperties.Http http = properties.getHttp();
        TenantTwilioProperties.Retry retry = http.getRetry();
        URI apiBaseUrl = simulator != null ? simulator.baseUrl() : http.getApiBaseUrl();
        return HttpSettings.builder()
                .connectTimeout(http.getConnectTimeout())
                .readTimeout(http.getReadTimeout())
                .connectionRequestTimeout(http.getConnectionRequestTimeout())
                .maxConnections(http.getMaxConnections())
                .apiBaseUrl(apiBaseUrl)
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(retry.getMaxAttempts())
                        .initialBackoff(retry.getInitialBackoff())
                        .maxBackoff(retry.getMaxBackoff())
                        .maxRetryAfter(retry.getMaxRetryAfter())
                        .build())
                .build();
    }

    /** Alerts are always logged, and go to every AlertSink bean of the application. */
    private static AlertSink alertSink(ObjectProvider<AlertSink> sinks) {
        AlertSink combined = Slf4jAlertSink.instance();
        for (AlertSink sink : sinks.orderedStream().toList()) {
            combined = combined.and(sink);
        }
        return combined;
    }

    private static @Nullable TwilioCredentials masterCredentials(TenantTwilioProperties properties) {
        TenantTwilioProperties.Master master = properties.getMaster();
        if (master.getAccountSid() == null || master.getAccountSid().isBlank()) {
            return null;
        }
        String token = master.getAuthToken() == null ? "" : master.getAuthToken();
        return master.getApiKeySid() != null && !master.getApiKeySid().isBlank()
                ? TwilioCredentials.apiKey()
                        .accountSid(master.getAccountSid())
                        .apiKeySid(master.getApiKeySid())
                        .apiKeySecret(master.getApiKeySecret() == null ? "" : master.getApiKeySecret())
                        .signingToken(token)
                        .build()
                : TwilioCredentials.ofAuthToken(master.getAccountSid(), token);
    }

    /** Runs the scheduled jobs while the application runs. */
    static final class JobsLifecycle implements SmartLifecycle {
        private final TenantTwilio twilio;

        JobsLifecycle(TenantTwilio twilio) {
            this.twilio = twilio;
        }

        @Override
        public void start() {
            twilio.jobs().start();
        }

        @Override
        public void stop() {
            twilio.jobs().stop();
        }

        @Override
        public boolean isRunning() {
            return twilio.jobs().isRunning();
        }
    }

    /**
     * Runs the outbox's dispatcher while the application runs: started with the other lifecycle
     * beans once the context is refreshed, stopped before the singletons (the SDK among them) are
     * destroyed. Nothing runs when the SDK's outbox settings say it is off or its stores keep no
     * outbox.
     */
    static final class OutboxLifecycle implements SmartLifecycle {
        private final TenantTwilio twilio;
        private volatile boolean unavailable;

        OutboxLifecycle(TenantTwilio twilio) {
            this.twilio = twilio;
        }

        @Override
        public void start() {
            if (!twilio.settings().outbox().isEnabled()) {
                LOG.info("tenant-twilio's outbox dispatcher is off on this instance (OutboxSettings.enabled=false)");
                return;
            }
            OutboxDispatcher dispatcher = dispatcher();
            if (dispatcher == null) {
                return;
            }
            dispatcher.start();
        }

        @Override
        public void stop() {
            OutboxDispatcher dispatcher = dispatcher();
            if (dispatcher != null) {
                dispatcher.stop();
            }
        }

        @Override
        public boolean isRunning() {
            OutboxDispatcher dispatcher = dispatcher();
            return dispatcher != null && dispatcher.isRunning();
        }

        /** The dispatcher; {@code null} when the stores keep no outbox (said once, at start). */
        private @Nullable OutboxDispatcher dispatcher() {
            if (unavailable) {
                return null;
            }
            try {
                return twilio.outbox().dispatcher();
            } catch (TenantTwilioException e) {
                if (e.errorCode() != ErrorCode.CONFIGURATION_ERROR) {
                    throw e;
                }
                unavailable = true;
                LOG.info("tenant-twilio's stores keep no outbox: its dispatcher is not started");
                return null;
            }
        }
    }

    /** Matches unless {@code tenant-twilio.store.type=memory}. */
    static final class StoreIsNotMemory extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String type = context.getEnvironment().getProperty("tenant-twilio.store.type", "auto");
            return "memory".equalsIgnoreCase(type.strip())
                    ? ConditionOutcome.noMatch("tenant-twilio.store.type is memory")
                    : ConditionOutcome.match("tenant-twilio.store.type is " + type);
        }
    }
}
