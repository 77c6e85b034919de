package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.HttpSettings;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.store.jdbc.JdbcStores;
import io.tenanttwilio.test.simulator.CallbackMode;
import io.tenanttwilio.test.simulator.NumberType;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatedMessage;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Store faults while sending: PostgreSQL drops every application connection every 40 ms while
 * four threads send SMS through the simulator. Each send either succeeds or fails with a
 * translated {@link TenantTwilioException}; afterwards no SMS went out twice, none went out while
 * its sender was told it failed before Twilio, and the quota counted each SMS once.
 */
class JdbcSendFaultsIT {

    private static final int SENDS = 160;
    private static final TenantId CLINIC = TenantId.of("clinique-envoi");

    @Test
    void whenTheDatabaseDropsConnectionsWhileSendingNoSmsGoesOutTwiceOrUnannounced() throws Exception {
        try (TwilioSimulator simulator = TwilioSimulator.start();
                Databases.Postgres database = Databases.Postgres.start(8)) {
            simulator.setCallbackMode(CallbackMode.MANUAL);
            simulator.dropStatusCallbacks(true);
            SimulatedAccount account = simulator.createAccount("Clinique envoi");
            String from =
                    simulator.availableNumbers("CA", NumberType.LOCAL).get(0).phoneNumber();
            account.buyNumber(from);
            JdbcStores stores = JdbcStores.of(database.app(), Databases.cipher());
            stores.credentials().save(CLINIC, account.credentials());
            Instant now = Instant.now();
            String key = InboundRig.hex();
            stores.numbers()
                    .insertIfAbsent(NumberRecord.builder()
                            .id(UUID.randomUUID().toString())
                            .tenantId(CLINIC)
                            .purchaseKey("direct")
                            .requested("direct")
                            .accountSid(account.sid())
                            .webhookKey(key)
                            .smsUrl(InboundRig.PUBLIC_URL + "/sms/" + key)
                            .statusCallbackUrl(InboundRig.PUBLIC_URL + "/status/" + key)
                            .friendlyName("clinique-envoi")
                            .phoneNumber(PhoneNumber.ofE164(from))
                            .state(NumberState.ACTIVE)
                            .createdAt(now)
                            .updatedAt(now)
                            .build());
            try (TenantTwilio sdk = Databases.sdkOn(stores)
                    .publicBaseUrl(URI.create("https://clinic.example/twilio"))
                    .defaultRegion("CA")
                    .http(HttpSettings.builder().apiBaseUrl(simulator.baseUrl()).build())
                    .build()) {
                ConnectionKiller killer = new ConnectionKiller(database, 40);
                Map<String, String> outcomes = new ConcurrentHashMap<>();
                List<String> violations = new ArrayList<>();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<?>> sends = new ArrayList<>();
                for (int i = 0; i < SENDS; i++) {
                    String body = "Rappel de rendez-vous numéro " + i;
                    String to = String.format(Locale.ROOT, "+1581500%04d", i);
                    sends.add(pool.submit(() -> {
                        try {
                            SmsMessage sent = sdk.client(CLINIC)
                                    .sendSms(SmsRequest.to(to).body(body).build());
                            outcomes.put(body, sent.twilioSid().isPresent() ? "sent" : "sent without SID");
                        } catch (TenantTwilioException e) {
                            outcomes.put(body, e.errorCode().name());
                            if (e.userMessage(Locale.CANADA_FRENCH).equals(e.userMessage(Locale.ENGLISH))) {
                                synchronized (violations) {
                                    violations.add(body + ": untranslated " + e.errorCode());
                                }
                            }
                        } catch (RuntimeException e) {
                            outcomes.put(body, "threw " + e.getClass().getName());
                        }
                    }));
                }
                for (Future<?> send : sends) {
                    send.get(2, TimeUnit.MINUTES);
                }
                killer.close();
                pool.shutdown();

                Map<String, Long> atTwilio = account.messages().stream()
                        .filter(m -> m.direction().startsWith("outbound"))
                        .collect(Collectors.groupingBy(SimulatedMessage::body, Collectors.counting()));
                Map<String, Long> byOutcome = outcomes.values().stream()
                        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
                System.out.printf(
                        Locale.ROOT,
                        "Sending under store faults: %d sends, %d connections dropped, outcomes %s, %d SMS at Twilio%n",
                        SENDS,
                        killer.terminated(),
                        byOutcome,
                        atTwilio.values().stream().mapToLong(Long::longValue).sum());

                assertThat(killer.terminated()).as("connections were dropped").isPositive();
                assertThat(outcomes).hasSize(SENDS);
                assertThat(Set.copyOf(outcomes.values()))
                        .as("every send succeeded or failed with a documented code")
                        .isSubsetOf("sent", ErrorCode.STORAGE_UNAVAILABLE.name(), ErrorCode.OUTCOME_UNKNOWN.name());
                assertThat(violations).isEmpty();
                assertThat(atTwilio.values()).as("no SMS went out twice").allMatch(count -> count == 1);
                outcomes.forEach((body, outcome) -> {
                    if (outcome.equals("sent")) {
                        assertThat(atTwilio)
                                .as("a send reported as sent is at Twilio")
                                .containsKey(body);
                    } else if (outcome.equals(ErrorCode.STORAGE_UNAVAILABLE.name())) {
                        assertThat(atTwilio)
                                .as("a send refused for the store did not go out")
                                .doesNotContainKey(body);
                    }
                });
                long unknown = byOutcome.getOrDefault(ErrorCode.OUTCOME_UNKNOWN.name(), 0L);
                long refused = byOutcome.getOrDefault(ErrorCode.STORAGE_UNAVAILABLE.name(), 0L);
                sleep(1_000);
                long counted = sdk.client(CLINIC).quota().day().used();
                System.out.printf(
                        Locale.ROOT,
                        "Quota of the day: %d counted for %d SMS at Twilio (%d sends refused for the store)%n",
                        counted,
                        atTwilio.size(),
                        refused);
                // Every SMS is counted; an attempt is counted at most once. A refused attempt whose units
                // could not be given back while the database was down stays counted: the tenant loses a
                // little quota, never gains any.
                assertThat(counted)
                        .as("the quota counts every SMS at Twilio, and each attempt at most once")
                        .isBetween((long) atTwilio.size(), atTwilio.size() + unknown + refused);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
