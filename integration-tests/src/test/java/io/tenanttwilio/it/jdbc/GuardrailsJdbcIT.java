package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.HttpSettings;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.guardrails.JobReport;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.QuotaExceededException;
import io.tenanttwilio.guardrails.ScheduledJobs;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.store.jdbc.JdbcStores;
import io.tenanttwilio.store.memory.InMemoryAlertSink;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatorClock;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quotas, purchase limits and job leases held by the database, with two application instances
 * (two pools, two SDKs) on one PostgreSQL (and H2), sending through the simulator.
 */
class GuardrailsJdbcIT {

    private static final URI PUBLIC_URL = URI.create("https://clinic.example/twilio");
    private static final String PATIENT = "+15815006712";

    private static TwilioSimulator simulator;

    private SimulatedAccount account;

    @BeforeAll
    static void start() {
        simulator = TwilioSimulator.start();
        simulator.dropStatusCallbacks(true); // nobody listens at clinic.example
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void account() {
        simulator.reset();
        account = simulator.createAccount("Clinique " + System.nanoTime());
        account.balance(new java.math.BigDecimal("100"));
    }

    private static TenantTwilio instance(JdbcStores stores, Clock clock, String name) {
        return Databases.sdkOn(stores)
                .alertSink(new InMemoryAlertSink())
                .publicBaseUrl(PUBLIC_URL)
                .defaultRegion("CA")
                .clock(clock)
                .instanceId(name)
                .jobs(JobSettings.builder().jitter(0).build())
                .http(HttpSettings.builder()
                        .apiBaseUrl(simulator.baseUrl())
                        .maxConnections(80)
                        .build())
                .build();
    }

    private NumberRecord buy(TenantTwilio sdk, TenantId tenant, String key) {
        return sdk.provisioner()
                .purchase(PurchaseRequest.builder(tenant, key)
                        .areaCode("418")
                        .credentials(account.credentials())
                        .build())
                .record();
    }

    @Test
    void exactlyTheQuotaPassesUnder64ConcurrentSendsOverTwoInstancesOnPostgreSql() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(16);
                com.zaxxer.hikari.HikariDataSource second = database.newAppPool(16)) {
            quotaUnderConcurrency(database.app(), second);
        }
    }

    @Test
    void exactlyTheQuotaPassesUnder64ConcurrentSendsOverTwoInstancesOnH2() throws Exception {
        String url = Databases.newH2Url();
        DataSource first = Databases.h2Pool(url);
        io.tenanttwilio.store.jdbc.SchemaInstaller.install(first);
        quotaUnderConcurrency(first, Databases.h2Pool(url));
    }

    @Test
    void quotaUnitsOfARefusedSendAreGivenBackOnceWhenTheDatabaseFailsOnTheWay() {
        TenantId tenant = TenantId.of("clinique-rendu");
        FlakyDataSource flaky = new FlakyDataSource(Databases.h2(), "SET used = CASE WHEN");
        try (TenantTwilio sdk =
                instance(JdbcStores.of(flaky.dataSource(), Databases.cipher()), Clock.systemUTC(), "a")) {
            buy(sdk, tenant, "first");
            sdk.updatePolicy(
                    tenant,
                    TenantPolicy.builder().dailySmsLimit(10).monthlySmsLimit(10).build(),
                    Actor.of("admin"));
            sdk.client(tenant).sendSms(SmsRequest.to(PATIENT).body("Rappel 1").build());

            // Twilio refuses the next send; the give-back of its units is committed, but the answer
            // is lost (day and month counters): taking them again would hand the tenant free SMS.
            flaky.failAfterCommitting(2);
            sendRefusedByTwilioLeavesOneUnitCounted(sdk, tenant, "Rappel 2");

            // The connection drops before the give-back runs: rolled back, so it is tried again.
            flaky.failBeforeRunning(2);
            sendRefusedByTwilioLeavesOneUnitCounted(sdk, tenant, "Rappel 3");
        }
    }

    /** Twilio refuses a send (not an unknown outcome); the day and month counters keep only the first SMS. */
    private void sendRefusedByTwilioLeavesOneUnitCounted(TenantTwilio sdk, TenantId tenant, String body) {
        simulator.fault(Endpoint.MESSAGE_CREATE).times(1).respondWithStatus(400);
        assertThat(catchThrowableOfType(
                                TenantTwilioException.class,
                                () -> sdk.client(tenant)
                                        .sendSms(SmsRequest.to(PATIENT)
                                                .body(body)
                                                .build()))
                        .errorCode())
                .isNotEqualTo(ErrorCode.OUTCOME_UNKNOWN);
        assertThat(sdk.client(tenant).quota().day().used()).isEqualTo(1);
        assertThat(sdk.client(tenant).quota().month().used()).isEqualTo(1);
    }

    private void quotaUnderConcurrency(DataSource first, DataSource second) throws Exception {
        TenantId tenant = TenantId.of("clinique-64");
        try (TenantTwilio a = instance(JdbcStores.of(first, Databases.cipher()), Clock.systemUTC(), "a");
                TenantTwilio b = instance(JdbcStores.of(second, Databases.cipher()), Clock.systemUTC(), "b")) {
            buy(a, tenant, "first");
            a.updatePolicy(tenant, TenantPolicy.builder().monthlySmsLimit(20).build(), Actor.of("admin"));
            simulator.clearRequests();

            ExecutorService pool = Executors.newFixedThreadPool(64);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                TenantTwilio instance = i % 2 == 0 ? a : b;
                int n = i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        instance.client(tenant)
                                .sendSms(SmsRequest.to(PATIENT)
                                        .body("Rappel " + n)
                                        .build());
                        return "sent";
                    } catch (QuotaExceededException e) {
                        return "quota";
                    } catch (TenantTwilioException e) {
                        return e.errorCode().name();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            pool.shutdown();

            assertThat(results).filteredOn("sent"::equals).hasSize(20);
            assertThat(results).filteredOn("quota"::equals).hasSize(44);
            assertThat(simulator.requests(Endpoint.MESSAGE_CREATE))
                    .as("what reached Twilio")
                    .hasSize(20);
            assertThat(b.client(tenant).quota().month().used()).isEqualTo(20);
        }
    }

    @Test
    void twoInstancesBuyingAtOnceStayWithinThePurchaseLimitOnPostgreSql() throws Exception {
        TenantId tenant = TenantId.of("clinique-achats");
        try (Databases.Postgres database = Databases.Postgres.start(16);
                com.zaxxer.hikari.HikariDataSource second = database.newAppPool(16);
                TenantTwilio a = instance(JdbcStores.of(database.app(), Databases.cipher()), Clock.systemUTC(), "a");
                TenantTwilio b = instance(JdbcStores.of(second, Databases.cipher()), Clock.systemUTC(), "b")) {
            buy(a, tenant, "first");
            a.updatePolicy(
                    tenant, TenantPolicy.builder().maxPurchasesPer24Hours(2).build(), Actor.of("admin"));

            ExecutorService pool = Executors.newFixedThreadPool(6);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> bought = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TenantTwilio instance = i % 2 == 0 ? a : b;
                String key = "concurrent-" + i;
                bought.add(pool.submit(() -> {
                    go.await();
                    try {
                        buy(instance, tenant, key);
                        return true;
                    } catch (TenantTwilioException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int succeeded = 0;
            for (Future<Boolean> one : bought) {
                succeeded += one.get() ? 1 : 0;
            }
            pool.shutdown();

            assertThat(succeeded).as("one more within 24 hours").isEqualTo(1);
            assertThat(account.numbers()).hasSize(2);
        }
    }

    @Test
    void sixtyFourPurchasesWithOneKeyOverTwoInstancesBuyOneNumberOnPostgreSql() throws Exception {
        TenantId tenant = TenantId.of("clinique-une-cle");
        try (Databases.Postgres database = Databases.Postgres.start(16);
                com.zaxxer.hikari.HikariDataSource second = database.newAppPool(16);
                TenantTwilio a = instance(JdbcStores.of(database.app(), Databases.cipher()), Clock.systemUTC(), "a");
                TenantTwilio b = instance(JdbcStores.of(second, Databases.cipher()), Clock.systemUTC(), "b")) {
            ExecutorService pool = Executors.newFixedThreadPool(64);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                TenantTwilio instance = i % 2 == 0 ? a : b;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return "record "
                                + buy(instance, tenant, "une-seule-cle").id();
                    } catch (TenantTwilioException e) {
                        return e.errorCode().name();
                    }
                }));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            pool.shutdown();
            a.provisioner().resumePending();
            System.out.println("Concurrent purchases with one key: "
                    + outcomes.stream()
                            .map(o -> o.startsWith("record ") ? "record" : o)
                            .collect(java.util.stream.Collectors.groupingBy(
                                    o -> o, java.util.TreeMap::new, java.util.stream.Collectors.counting())));

            assertThat(account.numbers()).as("numbers bought at Twilio").hasSize(1);
            assertThat(simulator.requests(Endpoint.NUMBER_PURCHASE)).hasSize(1);
            // The others met the purchase under way and were told so; none bought anything, and none
            // carried it on beside the first (which would race its state changes).
            assertThat(outcomes.stream().filter(o -> !o.startsWith("record ")))
                    .isSubsetOf(ErrorCode.PURCHASE_IN_PROGRESS.name());
            assertThat(outcomes.stream().filter(o -> o.startsWith("record ")).distinct())
                    .as("every purchase that answered answered with the same record")
                    .hasSize(1);
            assertThat(b.client(tenant).numbers()).as("records of the tenant").hasSize(1);
        }
    }

    @Test
    void aJobLeftUnfinishedByADeadInstanceIsCarriedOnByAnotherOnPostgreSql() throws Exception {
        TenantId tenant = TenantId.of("clinique-sante");
        SimulatorClock clock = SimulatorClock.fixedAt(Instant.parse("2026-11-23T15:00:00Z"));
        try (Databases.Postgres database = Databases.Postgres.start(16);
                com.zaxxer.hikari.HikariDataSource second = database.newAppPool(16)) {
            JdbcStores storesA = JdbcStores.of(database.app(), Databases.cipher(), clock);
            JdbcStores storesB = JdbcStores.of(second, Databases.cipher(), clock);
            try (TenantTwilio a = instance(storesA, clock, "instance-a");
                    TenantTwilio b = instance(storesB, clock, "instance-b")) {
                a.updatePolicy(
                        tenant,
                        TenantPolicy.builder().maxPurchasesPer24Hours(10).build(),
                        Actor.of("admin"));
                for (int i = 0; i < 4; i++) {
                    buy(a, tenant, "n" + i);
                }
                List<NumberRecord> numbers = a.client(tenant).numbers().stream()
                        .sorted(Comparator.comparing(NumberRecord::id))
                        .toList();
                // Instance A took the health check, got through two numbers, and died.
                storesA.usage()
                        .tryAcquireLease(ScheduledJobs.HEALTH, "instance-a", clock.instant(), Duration.ofMinutes(2));
                storesA.usage()
                        .renewLease(
                                ScheduledJobs.HEALTH,
                                "instance-a",
                                clock.instant(),
                                Duration.ofMinutes(2),
                                numbers.get(1).id());

                JobReport meanwhile = b.jobs().checkNumbers();
                clock.advance(Duration.ofMinutes(3));
                JobReport takenOver = b.jobs().checkNumbers();
                JobReport next = a.jobs().checkNumbers();

                assertThat(meanwhile.outcome()).isEqualTo(JobReport.Outcome.SKIPPED);
                assertThat(takenOver.outcome()).isEqualTo(JobReport.Outcome.COMPLETED);
                assertThat(takenOver.visited()).isEqualTo(2);
                assertThat(next.outcome()).isEqualTo(JobReport.Outcome.COMPLETED);
                assertThat(next.visited()).as("a fresh run covers every number").isEqualTo(4);
            }
        }
    }
}
