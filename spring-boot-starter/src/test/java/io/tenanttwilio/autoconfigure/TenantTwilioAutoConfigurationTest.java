package io.tenanttwilio.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenanttwilio.Actor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioSettings;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.autoconfigure.TenantTwilioConfigurationException.Problem;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.micrometer.MicrometerMetrics;
import io.tenanttwilio.outbox.Outbox;
import io.tenanttwilio.outbox.OutboxDispatcher;
import io.tenanttwilio.outbox.OutboxSettings;
import io.tenanttwilio.servlet.TwilioWebhookServlet;
import io.tenanttwilio.spi.AlertSink;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.SdkMetrics;
import io.tenanttwilio.spi.StoreFamily;
import io.tenanttwilio.spi.TenantResolver;
import io.tenanttwilio.store.jdbc.JdbcCredentialStore;
import io.tenanttwilio.store.jdbc.JdbcStores;
import io.tenanttwilio.store.memory.InMemoryCredentialStore;
import io.tenanttwilio.store.memory.InMemoryStores;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

@ExtendWith(OutputCaptureExtension.class)
class TenantTwilioAutoConfigurationTest {

    private static final String KEY = "dGVuYW50LXR3aWxpby10ZXN0LWtleS0zMi1ieXRlcyE="; // a test key only

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    TenantTwilioAutoConfiguration.class,
                    TenantTwilioWebhookAutoConfiguration.class,
                    TenantTwilioHealthAutoConfiguration.class))
            .withPropertyValues("tenant-twilio.public-base-url=https://app.example.com/twilio");

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    TenantTwilioAutoConfiguration.class,
                    TenantTwilioWebhookAutoConfiguration.class,
                    TenantTwilioHealthAutoConfiguration.class))
            .withPropertyValues("tenant-twilio.public-base-url=https://app.example.com/twilio");

    private static FailureAnalysis analysis(ApplicationContextAssertProvider<?> context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new TenantTwilioFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("the failure is explained").isNotNull();
        return analysis;
    }

    private static Problem problem(ApplicationContextAssertProvider<?> context) {
        Throwable cause = context.getStartupFailure();
        while (cause != null && !(cause instanceof TenantTwilioConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).isNotNull();
        return ((TenantTwilioConfigurationException) cause).problem();
    }

    // ---------------------------------------------------------------------------------------------
    // Stores

    @Test
    void withoutADataSourceTheStoresAreInMemory() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(TenantTwilio.class);
            assertThat(context.getBean(CredentialStore.class)).isInstanceOf(InMemoryCredentialStore.class);
            assertThat(context).doesNotHaveBean(JdbcStores.class);
        });
    }

    @Test
    void withADataSourceTheStoresAreJdbcWithSecretsEncryptedByTheConfiguredKey() {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:starter-jdbc;DB_CLOSE_DELAY=-1",
                        "tenant-twilio.store.initialize-schema=true",
                        "tenant-twilio.encryption.keys.test-1=" + KEY)
                .run(context -> {
                    assertThat(context).hasSingleBean(JdbcStores.class);
                    CredentialStore store = context.getBean(CredentialStore.class);
                    assertThat(store).isInstanceOf(JdbcCredentialStore.class);
                    TenantId tenant = TenantId.of("clinique-a");
                    TwilioCredentials credentials = TwilioCredentials.ofAuthToken(
                            "AC0123456789abcdef0123456789abcdef", "f1e2d3c4b5a6978877665544332211ff");
                    store.save(tenant, credentials);
                    assertThat(store.find(tenant)).contains(credentials);
                });
    }

    @Test
    void aDataSourceWithoutAnEncryptionKeyStopsTheStartWithWhatToDo() {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:starter-nokey;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    assertThat(problem(context)).isEqualTo(Problem.NO_ENCRYPTION_KEY);
                    assertThat(analysis(context).getAction())
                            .contains("openssl rand -base64 32")
                            .contains("tenant-twilio.encryption.keys");
                });
    }

    @Test
    void aWrongKeyForTheStoredSecretsIsExplained() {
        String other = "b3RoZXItdGVuYW50LXR3aWxpby1rZXktMzItYnl0ZXM=";
        String url = "spring.datasource.url=jdbc:h2:mem:starter-wrongkey;DB_CLOSE_DELAY=-1";
        ApplicationContextRunner jdbc = runner.withConfiguration(
                        AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues(url, "tenant-twilio.store.initialize-schema=true");
        jdbc.withPropertyValues("tenant-twilio.encryption.keys.first=" + KEY)
                .run(context -> assertThat(context).hasNotFailed());

        jdbc.withPropertyValues("tenant-twilio.encryption.keys.second=" + other).run(context -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("CONFIGURATION_ERROR");
            assertThat(analysis.getAction()).contains("first");
        });
    }

    @Test
    void memoryCanBeChosenEvenWithADataSource() {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:starter-memory;DB_CLOSE_DELAY=-1",
                        "tenant-twilio.store.type=memory")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(JdbcStores.class);
                    assertThat(context.getBean(CredentialStore.class)).isInstanceOf(InMemoryCredentialStore.class);
                });
    }

    @Test
    void jdbcAskedWithoutADataSourceStopsTheStart() {
        runner.withPropertyValues("tenant-twilio.store.type=jdbc")
                .run(context -> assertThat(problem(context)).isEqualTo(Problem.NO_DATA_SOURCE));
    }

    @Test
    void anInMemoryStoreIsRefusedInAProductionProfile() {
        runner.withPropertyValues("spring.profiles.active=prod").run(context -> {
            assertThat(problem(context)).isEqualTo(Problem.IN_MEMORY_STORE_IN_PRODUCTION);
            assertThat(analysis(context).getDescription())
                    .contains("'prod' profile")
                    .contains("lost at restart");
        });
        runner.withPropertyValues("spring.profiles.active=staging")
                .run(context -> assertThat(context).hasNotFailed());
    }

    // ---------------------------------------------------------------------------------------------
    // Properties

    @Test
    void propertiesReachTheSdk() {
        runner.withPropertyValues(
                        "tenant-twilio.default-region=CA",
                        "tenant-twilio.default-locale=fr_CA",
                        "tenant-twilio.http.read-timeout=7s",
                        "tenant-twilio.http.max-connections=20",
                        "tenant-twilio.http.retry.max-attempts=5",
                        "tenant-twilio.quota.time-zone=America/Toronto",
                        "tenant-twilio.quota.monthly-sms-limit=5000",
                        "tenant-twilio.quota.count-segments=true",
                        "tenant-twilio.purchases.max-per-day=2",
                        "tenant-twilio.purchases.monthly-spend-cap=25.00",
                        "tenant-twilio.balance.low-threshold=12.50",
                        "tenant-twilio.balance.poll-interval=30m",
                        "tenant-twilio.health-check.interval=6h",
                        "tenant-twilio.health-check.auto-repair=false",
                        "tenant-twilio.alerts.delivery-failures=25",
                        "tenant-twilio.jobs.instance-id=pod-7",
                        "tenant-twilio.registration.unregistered-traffic=warn",
                        "tenant-twilio.registration.canadian-long-codes=registration-for-numbers-from-2025-03-26",
                        "tenant-twilio.registration.poll-interval=2m",
                        "tenant-twilio.client-cache.ttl=1m")
                .run(context -> {
                    TenantTwilioSettings settings =
                            context.getBean(TenantTwilio.class).settings();
                    assertThat(settings.publicBaseUrl()).contains(URI.create("https://app.example.com/twilio"));
                    assertThat(settings.defaultRegion()).isEqualTo("CA");
                    assertThat(settings.defaultLocale()).isEqualTo(Locale.CANADA_FRENCH);
                    assertThat(settings.http().readTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(settings.http().maxConnections()).isEqualTo(20);
                    assertThat(settings.http().retryPolicy().maxAttempts()).isEqualTo(5);
                    TenantPolicy policy = settings.defaultPolicy();
                    assertThat(policy.timeZone()).isEqualTo(ZoneId.of("America/Toronto"));
                    assertThat(policy.monthlySmsLimit()).hasValue(5000L);
                    assertThat(policy.dailySmsLimit()).isEmpty();
                    assertThat(policy.countSegments()).isTrue();
                    assertThat(policy.maxPurchasesPer24Hours()).isEqualTo(2);
                    assertThat(policy.monthlyNumberSpendCap()).contains(new BigDecimal("25.00"));
                    assertThat(policy.lowBalanceThreshold()).isEqualByComparingTo("12.5");
                    assertThat(policy.autoRepair()).isFalse();
                    assertThat(policy.unregisteredTraffic())
                            .isEqualTo(io.tenanttwilio.guardrails.UnregisteredTraffic.WARN);
                    assertThat(policy.canadianLongCodes())
                            .isEqualTo(
                                    io.tenanttwilio.guardrails.CanadianLongCodes
                                            .REGISTRATION_FOR_NUMBERS_FROM_2025_03_26);
                    JobSettings jobs = settings.jobs();
                    assertThat(jobs.registrationsEvery()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(jobs.balanceEvery()).isEqualTo(Duration.ofMinutes(30));
                    assertThat(jobs.healthCheckEvery()).isEqualTo(Duration.ofHours(6));
                    assertThat(settings.alertThresholds().deliveryFailures()).isEqualTo(25);
                    assertThat(settings.instanceId()).isEqualTo("pod-7");
                    assertThat(settings.clientCacheTtl()).isEqualTo(Duration.ofMinutes(1));
                });
    }

    @Test
    void managedModeTakesTheMasterCredentialsFromProperties() {
        runner.withPropertyValues(
                        "tenant-twilio.master.account-sid=AC0123456789abcdef0123456789abcdef",
                        "tenant-twilio.master.auth-token=f1e2d3c4b5a6978877665544332211ff")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(TenantTwilioProperties.class)
                                    .getMaster()
                                    .toString())
                            .doesNotContain("f1e2d3c4b5a6978877665544332211ff");
                });
    }

    @Test
    void theConfigurationMetadataDescribesEveryKeyForIdes() throws Exception {
        String metadata;
        try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            metadata = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (String key : List.of(
                "tenant-twilio.public-base-url",
                "tenant-twilio.webhook.path",
                "tenant-twilio.default-region",
                "tenant-twilio.http.read-timeout",
                "tenant-twilio.quota.monthly-sms-limit",
                "tenant-twilio.purchases.max-per-day",
                "tenant-twilio.balance.low-threshold",
                "tenant-twilio.balance.poll-interval",
                "tenant-twilio.health-check.interval",
                "tenant-twilio.encryption.keys",
                "tenant-twilio.master.account-sid",
                "tenant-twilio.simulator.enabled",
                "tenant-twilio.jobs.enabled",
                "tenant-twilio.registration.unregistered-traffic",
                "tenant-twilio.registration.poll-interval",
                "tenant-twilio.store.allow-row-level-security-bypass",
                "tenant-twilio.health.details-roles",
                "tenant-twilio.outbox.enabled",
                "tenant-twilio.outbox.poll-every",
                "tenant-twilio.outbox.long-code-rate",
                "tenant-twilio.outbox.throttle-backoff")) {
            assertThat(metadata).contains("\"name\": \"" + key + "\"");
        }
        assertThat(metadata).contains("Public URL at which Twilio reaches the webhook endpoint");
    }

    // ---------------------------------------------------------------------------------------------
    // User beans win, missing classes back off

    @Test
    void theApplicationsOwnBeansWin() {
        InMemoryCredentialStore mine = new InMemoryCredentialStore();
        TenantResolver resolver = TenantResolver.fixed(TenantId.of("clinique-a"));
        runner.withBean(CredentialStore.class, () -> mine)
                .withBean(TenantResolver.class, () -> resolver)
                .run(context -> {
                    assertThat(context.getBean(CredentialStore.class)).isSameAs(mine);
                    assertThat(context.getBean(TenantResolver.class)).isSameAs(resolver);
                    assertThat(context.getBean(TenantTwilio.class)
                                    .currentClient()
                                    .tenantId())
                            .isEqualTo(TenantId.of("clinique-a"));
                });
        TenantTwilio own = TenantTwilio.builder().build();
        runner.withBean(TenantTwilio.class, () -> own)
                .run(context -> assertThat(context.getBean(TenantTwilio.class)).isSameAs(own));
        own.close();
    }

    @Test
    void alertsGoToEveryAlertSinkOfTheApplication() {
        List<Alert> first = new ArrayList<>();
        List<Alert> second = new ArrayList<>();
        runner.withPropertyValues("tenant-twilio.simulator.enabled=true")
                .withBean("first", AlertSink.class, () -> first::add)
                .withBean("second", AlertSink.class, () -> second::add)
                .run(context -> {
                    TwilioSimulator simulator = context.getBean(TwilioSimulator.class);
                    simulator.dropStatusCallbacks(true);
                    TenantTwilio twilio = context.getBean(TenantTwilio.class);
                    TenantId tenant = TenantId.of("clinique-a");
                    twilio.provisioner()
                            .purchase(io.tenanttwilio.numbers.PurchaseRequest.builder(tenant, "k")
                                    .areaCode("418")
                                    .credentials(simulator
                                            .createAccount("Clinique A")
                                            .credentials())
                                    .build());
                    twilio.updatePolicy(
                            tenant, TenantPolicy.builder().dailySmsLimit(1).build(), Actor.of("admin"));

                    twilio.client(tenant)
                            .sendSms(
                                    SmsRequest.to("+15815006712").body("Rappel").build());
                });
        assertThat(first).extracting(Alert::type).containsExactly(Alert.Type.QUOTA_REACHED);
        assertThat(second).extracting(Alert::type).containsExactly(Alert.Type.QUOTA_REACHED);
    }

    @Test
    void withoutTheSdkOnTheClasspathNothingIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(TenantTwilio.class))
                .run(context -> assertThat(context).doesNotHaveBean(TenantTwilio.class));
    }

    @Test
    void springSecurityGivesTheTenantResolverWhenPresent() {
        runner.run(context ->
                assertThat(context.getBean(TenantResolver.class)).isInstanceOf(SpringSecurityTenantResolver.class));
        runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
                .run(context -> assertThat(context.getBean(TenantResolver.class))
                        .isNotInstanceOf(SpringSecurityTenantResolver.class)
                        .satisfies(r -> assertThat(r.currentTenant()).isEmpty()));
    }

    @Test
    void metricsAreRecordedWhenTheApplicationHasAMeterRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context.getBean(SdkMetrics.class)).isInstanceOf(MicrometerMetrics.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(SdkMetrics.class));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(MicrometerMetrics.class))
                .run(context -> assertThat(context).doesNotHaveBean(SdkMetrics.class));
    }

    // ---------------------------------------------------------------------------------------------
    // Simulator mode and jobs

    @Test
    void simulatorModePointsTheSdkAtAnEmbeddedSimulator() {
        runner.withPropertyValues("tenant-twilio.simulator.enabled=true").run(context -> {
            TwilioSimulator simulator = context.getBean(TwilioSimulator.class);
            assertThat(context.getBean(TenantTwilio.class).settings().http().apiBaseUrl())
                    .contains(simulator.baseUrl());
            TenantTwilio twilio = context.getBean(TenantTwilio.class);
            assertThat(twilio.provisioner()
                            .createSubaccount(TenantId.of("clinique-geree"))
                            .isSubaccount())
                    .as("managed mode with the simulator's platform account")
                    .isTrue();
            var account = simulator.createAccount("Clinique A");
            assertThat(context.getBean(TenantTwilio.class)
                            .provisioner()
                            .validateCredentials(account.credentials())
                            .friendlyName())
                    .isEqualTo("Clinique A");
        });
    }

    @Test
    void simulatorModeWithoutTheSimulatorStopsTheStart() {
        runner.withPropertyValues("tenant-twilio.simulator.enabled=true")
                .withClassLoader(new FilteredClassLoader(TwilioSimulator.class))
                .run(context -> assertThat(problem(context)).isEqualTo(Problem.NO_SIMULATOR));
    }

    @Test
    void theScheduledJobsRunWithTheApplicationWhenEnabled() {
        runner.run(context -> assertThat(context).doesNotHaveBean("tenantTwilioJobs"));
        runner.withPropertyValues("tenant-twilio.jobs.enabled=true").run(context -> {
            assertThat(context.getBean("tenantTwilioJobs")).isInstanceOf(SmartLifecycle.class);
            context.start();
            assertThat(context.getBean(TenantTwilio.class).jobs().isRunning()).isTrue();
            context.stop();
            assertThat(context.getBean(TenantTwilio.class).jobs().isRunning()).isFalse();
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Outbox

    @Test
    void theOutboxDispatcherRunsWithTheApplicationAndStopsBeforeTheSdkCloses() {
        AtomicReference<TenantTwilio> sdk = new AtomicReference<>();
        runner.run(context -> {
            TenantTwilio twilio = context.getBean(TenantTwilio.class);
            sdk.set(twilio);
            assertThat(twilio.outbox().dispatcher().isRunning())
                    .as("started with the context")
                    .isTrue();
            assertThat(TenantTwilioHealthIndicatorTest.map(context.getBean(TenantTwilioHealthIndicator.class)
                            .health()
                            .getDetails()
                            .get("outbox")))
                    .containsEntry("dispatcher", "running")
                    .containsEntry("tenantsWithBacklog", 0)
                    .containsEntry("tenantsAtRisk", 0);
            context.stop();
            assertThat(twilio.outbox().dispatcher().isRunning()).isFalse();
            context.start();
            assertThat(twilio.outbox().dispatcher().isRunning()).isTrue();
        });
        assertThat(sdk.get().outbox().dispatcher().isRunning())
                .as("stopped with the context")
                .isFalse();
    }

    @Test
    void onShutdownTheDispatcherStopsBeforeTheSdkCloses() {
        List<String> events = new ArrayList<>();
        TenantTwilio real = TenantTwilio.builder().build();
        runner.withBean(TenantTwilio.class, () -> recording(real, events)).run(context -> {
            assertThat(real.outbox().dispatcher().isRunning()).isTrue();
            events.clear();
        });
        assertThat(events).containsExactly("dispatcher stopped", "sdk closed");
        assertThat(real.outbox().dispatcher().isRunning()).isFalse();
        real.close();
    }

    /** The SDK, recording when its dispatcher is stopped and when it is closed. */
    private static TenantTwilio recording(TenantTwilio real, List<String> events) {
        OutboxDispatcher dispatcher =
                proxy(OutboxDispatcher.class, real.outbox().dispatcher(), "stop", () -> {
                    events.add("dispatcher stopped");
                });
        Outbox outbox = (Outbox) java.lang.reflect.Proxy.newProxyInstance(
                Outbox.class.getClassLoader(),
                new Class<?>[] {Outbox.class},
                (p, method, args) ->
                        method.getName().equals("dispatcher") ? dispatcher : method.invoke(real.outbox(), args));
        TenantTwilio closing = proxy(TenantTwilio.class, real, "close", () -> events.add("sdk closed"));
        return (TenantTwilio) java.lang.reflect.Proxy.newProxyInstance(
                TenantTwilio.class.getClassLoader(),
                new Class<?>[] {TenantTwilio.class},
                (p, method, args) -> method.getName().equals("outbox") ? outbox : method.invoke(closing, args));
    }

    private static <T> T proxy(Class<T> type, T target, String recorded, Runnable record) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                    if (method.getName().equals(recorded)) {
                        record.run();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    @Test
    void theOutboxCanBeLeftToOtherInstances() {
        runner.withPropertyValues("tenant-twilio.outbox.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean("tenantTwilioOutboxDispatcher");
            TenantTwilio twilio = context.getBean(TenantTwilio.class);
            assertThat(twilio.settings().outbox().isEnabled()).isFalse();
            assertThat(twilio.outbox().dispatcher().isRunning()).isFalse();
            assertThat(TenantTwilioHealthIndicatorTest.map(context.getBean(TenantTwilioHealthIndicator.class)
                            .health()
                            .getDetails()
                            .get("outbox")))
                    .containsEntry("dispatcher", "stopped");
        });
    }

    @Test
    void storesWithoutAnOutboxStartWithoutTheDispatcherAndSaySoInTheHealth() {
        runner.withBean(StoreFamily.class, () -> new WithoutOutbox(InMemoryStores.create()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("tenantTwilioOutboxDispatcher", SmartLifecycle.class)
                                    .isRunning())
                            .isFalse();
                    Health health =
                            context.getBean(TenantTwilioHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("outbox", "unavailable");
                });
    }

    @Test
    void theOutboxPropertiesBindInKebabCaseAndReachTheSdk() {
        runner.withPropertyValues(
                        "tenant-twilio.outbox.workers=16",
                        "tenant-twilio.outbox.poll-every=500ms",
                        "tenant-twilio.outbox.claim-horizon=5s",
                        "tenant-twilio.outbox.lease-ttl=2m",
                        "tenant-twilio.outbox.claim-batch=25",
                        "tenant-twilio.outbox.tenants-per-pass=200",
                        "tenant-twilio.outbox.account-concurrency=10",
                        "tenant-twilio.outbox.long-code-rate=0.5",
                        "tenant-twilio.outbox.toll-free-rate=25",
                        "tenant-twilio.outbox.international-rate=4",
                        "tenant-twilio.outbox.messaging-service-rate=75",
                        "tenant-twilio.outbox.throttle-backoff=3s")
                .run(context -> {
                    OutboxSettings outbox =
                            context.getBean(TenantTwilio.class).settings().outbox();
                    assertThat(outbox.isEnabled()).isTrue();
                    assertThat(outbox.workers()).isEqualTo(16);
                    assertThat(outbox.pollEvery()).isEqualTo(Duration.ofMillis(500));
                    assertThat(outbox.claimHorizon()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(outbox.leaseTtl()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(outbox.claimBatch()).isEqualTo(25);
                    assertThat(outbox.tenantsPerPass()).isEqualTo(200);
                    assertThat(outbox.accountConcurrency()).isEqualTo(10);
                    assertThat(outbox.longCodeRate()).isEqualTo(0.5);
                    assertThat(outbox.tollFreeRate()).isEqualTo(25);
                    assertThat(outbox.internationalRate()).isEqualTo(4);
                    assertThat(outbox.messagingServiceRate()).isEqualTo(75);
                    assertThat(outbox.throttleBackoff()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void theOutboxPropertiesDefaultToTheSdksDefaults() {
        OutboxSettings bound = TenantTwilioAutoConfiguration.outboxSettings(new TenantTwilioProperties.Outbox());
        OutboxSettings defaults = OutboxSettings.defaults();
        assertThat(bound).usingRecursiveComparison().isEqualTo(defaults);
    }

    @Test
    void anInvalidOutboxSettingStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("tenant-twilio.outbox.workers=0").run(context -> {
            assertThat(problem(context)).isEqualTo(Problem.INVALID_OUTBOX_SETTING);
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription())
                    .contains("tenant-twilio.outbox.workers=0 is not valid")
                    .contains("at least 1");
            assertThat(analysis.getAction())
                    .contains("tenant-twilio.outbox.workers")
                    .contains("default (8)");
        });
        runner.withPropertyValues("tenant-twilio.outbox.poll-every=0s")
                .run(context -> assertThat(analysis(context).getDescription())
                        .contains("tenant-twilio.outbox.poll-every=0s is not valid: it must be a positive duration"));
        runner.withPropertyValues("tenant-twilio.outbox.long-code-rate=-1")
                .run(context -> assertThat(analysis(context).getDescription())
                        .contains("tenant-twilio.outbox.long-code-rate=-1.0 is not valid"));
        runner.withPropertyValues("tenant-twilio.outbox.lease-ttl=3s").run(context -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription())
                    .contains("tenant-twilio.outbox.lease-ttl=3s is not valid")
                    .contains("twice tenant-twilio.outbox.claim-horizon (2s)");
            assertThat(analysis.getAction()).contains("default (60s)");
        });
        // A value of the wrong type is Spring Boot's to explain, with the property too.
        runner.withPropertyValues("tenant-twilio.outbox.workers=many").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("Failed to bind properties under 'tenant-twilio.outbox.workers'");
        });
    }

    /** In-memory stores that keep no outbox, as the JDBC stores did before theirs. */
    static final class WithoutOutbox implements StoreFamily {
        private final InMemoryStores stores;

        WithoutOutbox(InMemoryStores stores) {
            this.stores = stores;
        }

        @Override
        public CredentialStore credentials() {
            return stores.credentials();
        }

        @Override
        public io.tenanttwilio.spi.NumberRegistry numbers() {
            return stores.numbers();
        }

        @Override
        public io.tenanttwilio.spi.ConversationStore conversations() {
            return stores.conversations();
        }

        @Override
        public io.tenanttwilio.spi.ContactDirectory contacts() {
            return stores.contacts();
        }

        @Override
        public io.tenanttwilio.spi.UsageStore usage() {
            return stores.usage();
        }

        @Override
        public io.tenanttwilio.spi.TenantPolicies policies() {
            return stores.policies();
        }

        @Override
        public io.tenanttwilio.spi.RegistrationStore registrations() {
            return stores.registrations();
        }

        @Override
        public io.tenanttwilio.spi.AuditLog audit() {
            return stores.audit();
        }

        @Override
        public boolean isDurable() {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Web

    @Test
    void aWebApplicationGetsTheWebhookServletUnderTheConfiguredPath() {
        web.withPropertyValues("tenant-twilio.webhook.path=hooks/twilio/").run(context -> {
            ServletRegistrationBean<?> registration = context.getBean(ServletRegistrationBean.class);
            assertThat(registration.getServlet()).isInstanceOf(TwilioWebhookServlet.class);
            assertThat(registration.getUrlMappings()).containsExactly("/hooks/twilio/*");
        });
        web.withPropertyValues("tenant-twilio.webhook.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
    }

    @Test
    void aWebApplicationWithoutAPublicUrlStopsTheStartWithWhatToDo() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        TenantTwilioAutoConfiguration.class, TenantTwilioWebhookAutoConfiguration.class))
                .run(context -> {
                    assertThat(problem(context)).isEqualTo(Problem.NO_PUBLIC_BASE_URL);
                    assertThat(analysis(context).getAction()).contains("tenant-twilio.public-base-url");
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TenantTwilioAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void withSpringSecurityTheWebhookPathIsExemptedFromCsrfAndLogin() {
        web.run(context -> assertThat(context).hasBean("tenantTwilioWebhookSecurity"));
        web.withClassLoader(new FilteredClassLoader(HttpSecurity.class))
                .run(context -> assertThat(context).doesNotHaveBean("tenantTwilioWebhookSecurity"));
        web.run(context ->
                assertThat(context.getBean("tenantTwilioWebhookSecurity")).isInstanceOf(Customizer.class));
    }

    // ---------------------------------------------------------------------------------------------
    // Health and failure analysis

    @Test
    void theHealthIndicatorReportsTheStoreNumbersAndTwilio() {
        runner.run(context -> {
            Health health = context.getBean(TenantTwilioHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("store", "in-memory")
                    .containsEntry("numbersNeedingAttention", 0)
                    .containsEntry("twilio", Map.of("sampled", 0, "reachable", 0, "credentialsRefused", 0));
        });
        runner.withPropertyValues("management.health.tenantTwilio.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TenantTwilioHealthIndicator.class));
    }

    @Test
    void springBootExplainsAFailedStartWithTheAnalyzer(CapturedOutput output) {
        SpringApplication application = new SpringApplication(Minimal.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--spring.profiles.active=prod", "--spring.main.banner-mode=off"))
                .isNotNull();

        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("tenant-twilio: The 'prod' profile is active")
                .contains("tenant-twilio.store.production-profiles");
        assertThat(new TenantTwilioFailureAnalyzer().analyze(new IllegalStateException("unrelated")))
                .isNull();
    }

    @org.springframework.boot.SpringBootConfiguration
    @org.springframework.boot.autoconfigure.ImportAutoConfiguration(TenantTwilioAutoConfiguration.class)
    static class Minimal {}
}
