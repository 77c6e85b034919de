package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioClient;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookVerifier;
import io.tenanttwilio.it.jdbc.InboundRig.Clinic;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Isolation, deduplication and failures under concurrency, on H2 and on PostgreSQL. */
class JdbcConcurrencyIT {

    private static final int TENANTS = 10;
    private static final int MESSAGES = 10_000;
    private static final int PATIENTS = 30;

    @Test
    void noTenantEverReadsAnotherTenantsMessagesOnH2() throws Exception {
        isolation(Databases.h2());
    }

    @Test
    void noTenantEverReadsAnotherTenantsMessagesOnPostgreSql() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(16)) {
            isolation(database.app());
        }
    }

    /** 10 tenants share 30 patients; 10,000 messages arrive concurrently in random order. */
    private static void isolation(DataSource dataSource) throws Exception {
        JdbcStores stores = JdbcStores.of(dataSource, Databases.cipher());
        List<Clinic> clinics = InboundRig.clinics(stores, TENANTS);
        try (TenantTwilio sdk = InboundRig.sdk(stores)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> answers = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < MESSAGES; i++) {
                Clinic clinic = clinics.get(random.nextInt(TENANTS));
                String patient = String.format(java.util.Locale.ROOT, "+1581500%04d", random.nextInt(PATIENTS));
                String body = clinic.tenant().value() + "|" + i;
                WebhookRequest request = InboundRig.inbound(clinic, patient, body, "SM" + InboundRig.hex());
                answers.add(pool.submit(() -> sdk.webhooks().handle(request).status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
            pool.shutdown();

            int total = 0;
            Set<String> seenBodies = new HashSet<>();
            for (Clinic clinic : clinics) {
                TenantTwilioClient client = sdk.client(clinic.tenant());
                Set<String> contacts = new HashSet<>();
                for (Conversation conversation :
                        client.conversations(ConversationQuery.all()).all()) {
                    assertThat(conversation.tenantId()).isEqualTo(clinic.tenant());
                    assertThat(contacts.add(conversation.contact().phoneNumber().e164()))
                            .as("one conversation per patient and number")
                            .isTrue();
                    for (SmsMessage message : client.messages(MessageQuery.inConversation(conversation.id()))
                            .all()) {
                        assertThat(message.body()).startsWith(clinic.tenant().value() + "|");
                        assertThat(message.to()).isEqualTo(clinic.phone());
                        assertThat(seenBodies.add(message.body())).isTrue();
                        total++;
                    }
                }
                assertThat(contacts.size()).isLessThanOrEqualTo(PATIENTS);
            }
            assertThat(total).isEqualTo(MESSAGES);
        }
    }

    @Test
    void twoInstancesWithThirtyTwoThreadsEachStoreEveryMessageOnce() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(16);
                HikariDataSource second = database.newAppPool(16)) {
            JdbcStores first = JdbcStores.of(database.app(), Databases.cipher());
            List<Clinic> clinics = InboundRig.clinics(first, 4);
            try (TenantTwilio one = InboundRig.sdk(first);
                    TenantTwilio two = InboundRig.sdk(JdbcStores.of(second, Databases.cipher()))) {
                List<WebhookRequest> requests = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    Clinic clinic = clinics.get(i % clinics.size());
                    requests.add(InboundRig.inbound(clinic, "+15815006712", "m" + i, "SM" + InboundRig.hex()));
                }
                ExecutorService pool = Executors.newFixedThreadPool(64);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (WebhookRequest request : requests) {
                    for (TenantTwilio instance : List.of(one, two, one, two)) {
                        answers.add(pool.submit(() -> {
                            start.await();
                            return instance.webhooks().handle(request).status();
                        }));
                    }
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                }
                pool.shutdown();

                assertThat(countMessages(database.admin())).isEqualTo(400);
                assertThat(countDistinctSids(database.admin())).isEqualTo(400);
            }
        }
    }

    @Test
    void whenTheDatabaseDropsConnectionsInboundAnswers503AndNothingAcknowledgedIsLost() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(8)) {
            JdbcStores stores = JdbcStores.of(database.app(), Databases.cipher());
            List<Clinic> clinics = InboundRig.clinics(stores, 2);
            try (TenantTwilio sdk = InboundRig.sdk(stores)) {
                ConnectionKiller killer = new ConnectionKiller(database, 40);
                ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<List<Integer>>> deliveries = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    WebhookRequest request =
                            InboundRig.inbound(clinics.get(i % 2), "+15815006712", "m" + i, "SM" + InboundRig.hex());
                    deliveries.add(pool.submit(() -> InboundRig.deliverUntilAccepted(sdk, request, 40)));
                }
                for (Future<List<Integer>> delivery : deliveries) {
                    List<Integer> seen = delivery.get();
                    statuses.addAll(seen);
                    assertThat(seen.get(seen.size() - 1))
                            .as("every message is acknowledged in the end")
                            .isEqualTo(200);
                }
                killer.close();
                pool.shutdown();
                pool.awaitTermination(10, TimeUnit.SECONDS);

                assertThat(killer.terminated()).as("connections were dropped").isPositive();
                assertThat(statuses).containsOnly(200, 503).contains(503);
                assertThat(countMessages(database.admin())).isEqualTo(300);
                assertThat(countDistinctSids(database.admin())).isEqualTo(300);
                // No restart needed: once the database is back, a new message is stored at the first try.
                // Connections the last round terminated may still sit idle in the pool; the pool checks an
                // idle connection before lending it only when it has been idle for over 500 ms, so give it
                // that long (a real Twilio retry comes much later than that).
                Thread.sleep(1_000);
                assertThat(sdk.webhooks()
                                .handle(InboundRig.inbound(
                                        clinics.get(0), "+15815006712", "après", "SM" + InboundRig.hex()))
                                .status())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void statusCallbacksFromTwoInstancesAndSixtyFourThreadsOnlyMoveForwardOnPostgreSql() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(16);
                HikariDataSource second = database.newAppPool(16)) {
            JdbcStores first = JdbcStores.of(database.app(), Databases.cipher());
            List<Clinic> clinics = InboundRig.clinics(first, 2);
            List<String> sids = new ArrayList<>();
            List<WebhookRequest> callbacks = new ArrayList<>();
            String[] statuses = {"queued", "sending", "sent", "delivered"};
            for (int i = 0; i < 60; i++) {
                Clinic clinic = clinics.get(i % clinics.size());
                PhoneNumber patient = PhoneNumber.ofE164(String.format(Locale.ROOT, "+1581500%04d", i));
                Conversation conversation = first.conversations()
                        .openConversation(
                                clinic.tenant(),
                                first.contacts().findOrCreate(clinic.tenant(), patient),
                                clinic.phone(),
                                Instant.now());
                String sid = "SM" + InboundRig.hex();
                sids.add(sid);
                first.conversations()
                        .insertMessage(SmsMessage.builder()
                                .id(UUID.randomUUID().toString())
                                .tenantId(clinic.tenant())
                                .conversationId(conversation.id())
                                .direction(MessageDirection.OUTBOUND)
                                .twilioSid(sid)
                                .from(clinic.phone())
                                .to(patient)
                                .body("Rappel " + i)
                                .status(MessageStatus.QUEUED)
                                .createdAt(Instant.now())
                                .updatedAt(Instant.now())
                                .build());
                for (String status : statuses) {
                    for (int copy = 0; copy < 2; copy++) {
                        callbacks.add(statusCallback(clinic, patient, sid, status));
                    }
                }
            }
            Collections.shuffle(callbacks, new java.util.Random(20261130L));
            try (TenantTwilio one = InboundRig.sdk(first);
                    TenantTwilio two = InboundRig.sdk(JdbcStores.of(second, Databases.cipher()))) {
                ExecutorService pool = Executors.newFixedThreadPool(64);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < callbacks.size(); i++) {
                    WebhookRequest callback = callbacks.get(i);
                    TenantTwilio instance = i % 2 == 0 ? one : two;
                    answers.add(pool.submit(() -> {
                        start.await();
                        return instance.webhooks().handle(callback).status();
                    }));
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                }
                pool.shutdown();
            }
            for (int i = 0; i < sids.size(); i++) {
                Clinic clinic = clinics.get(i % clinics.size());
                assertThat(first.conversations().findByTwilioSid(clinic.tenant(), sids.get(i)))
                        .as("message %d ends at its most advanced status", i)
                        .hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(MessageStatus.DELIVERED));
            }
        }
    }

    /** A status callback as Twilio sends it, signed with the clinic's token. */
    private static WebhookRequest statusCallback(Clinic clinic, PhoneNumber patient, String sid, String status) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("MessageSid", List.of(sid));
        params.put("SmsSid", List.of(sid));
        params.put("MessageStatus", List.of(status));
        params.put("SmsStatus", List.of(status));
        params.put("AccountSid", List.of(clinic.accountSid()));
        params.put("From", List.of(clinic.phone().e164()));
        params.put("To", List.of(patient.e164()));
        params.put("ApiVersion", List.of("2010-04-01"));
        String signature =
                WebhookVerifier.create().sign(clinic.token(), clinic.number().statusCallbackUrl(), params);
        return WebhookRequest.of(
                "POST",
                "/status/" + clinic.number().webhookKey(),
                null,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature),
                InboundRig.form(params));
    }

    private static int countMessages(DataSource admin) throws Exception {
        return single(admin, "SELECT count(*) FROM tt_messages");
    }

    private static int countDistinctSids(DataSource admin) throws Exception {
        return single(admin, "SELECT count(DISTINCT twilio_sid) FROM tt_messages");
    }

    private static int single(DataSource dataSource, String query) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(query);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
