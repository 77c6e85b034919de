package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.crypto.AesGcmSecretCipher;
import io.tenanttwilio.crypto.KeyRing;
import io.tenanttwilio.guardrails.CanadianLongCodes;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UnregisteredTraffic;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.SecretCipher;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Secrets at rest, keys, and row-level security. */
class JdbcStoresIT {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "f1e2d3c4b5a6978877665544332211ff";
    private static final String SECOND = "0a0b0c0d0e0f10111213141516171819";
    private static final String KEY_SID = "SKfedcba9876543210fedcba9876543210";
    private static final String API_SECRET = "Zq8pW2mN4xR7tY1uI3oP5aS6dF9gH0jK";
    private static final String OTHER_KEY = Base64.getEncoder()
            .encodeToString("another-tenant-twilio-test-key!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private static List<String> dump(DataSource dataSource) throws Exception {
        List<String> cells = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    String table = rows.getString("TABLE_NAME");
                    if (table.toLowerCase(Locale.ROOT).startsWith("tt_")) {
                        tables.add(table);
                    }
                }
            }
            assertThat(tables).hasSizeGreaterThan(8);
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            cells.add(String.valueOf(rows.getObject(i)));
                        }
                    }
                }
            }
        }
        return cells;
    }

    private static void secretsNeverInClear(DataSource stores, DataSource admin) throws Exception {
        JdbcStores jdbc = JdbcStores.of(stores, Databases.cipher());
        jdbc.credentials()
                .save(
                        TenantId.of("clinique-a"),
                        TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN).withSecondarySigningToken(SECOND));
        jdbc.credentials()
                .save(
                        TenantId.of("clinique-b"),
                        TwilioCredentials.apiKey()
                                .accountSid(ACCOUNT)
                                .apiKeySid(KEY_SID)
                                .apiKeySecret(API_SECRET)
                                .signingToken(TOKEN)
                                .build());

        List<String> cells = dump(admin);

        assertThat(cells)
                .isNotEmpty()
                .noneMatch(cell -> cell.contains(TOKEN)
                        || cell.contains(SECOND)
                        || cell.contains(API_SECRET)
                        || cell.contains(Databases.TEST_KEY));
        assertThat(cells).anyMatch(cell -> cell.startsWith("v1:test-1:"));
        assertThat(jdbc.credentials()
                        .find(TenantId.of("clinique-b"))
                        .orElseThrow()
                        .restPassword())
                .isEqualTo(API_SECRET);
    }

    @Test
    void secretsAreStoredOnlyEncryptedOnH2() throws Exception {
        DataSource h2 = Databases.h2();
        secretsNeverInClear(h2, h2);
    }

    @Test
    void secretsAreStoredOnlyEncryptedOnPostgreSql() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(4)) {
            secretsNeverInClear(database.app(), database.admin());
        }
    }

    @Test
    void aWrongKeyIsAClearErrorAtStartUpNeverGarbage() {
        DataSource h2 = Databases.h2();
        JdbcStores.of(h2, Databases.cipher())
                .credentials()
                .save(TenantId.of("a"), TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN));
        SecretCipher wrong =
                AesGcmSecretCipher.of(KeyRing.builder().key("test-1", OTHER_KEY).build());
        SecretCipher absent =
                AesGcmSecretCipher.of(KeyRing.builder().key("test-2", OTHER_KEY).build());

        TenantTwilioException wrongKey =
                catchThrowableOfType(TenantTwilioException.class, () -> JdbcStores.of(h2, wrong));
        TenantTwilioException absentKey =
                catchThrowableOfType(TenantTwilioException.class, () -> JdbcStores.of(h2, absent));

        assertThat(wrongKey.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
        assertThat(wrongKey.userMessage(Locale.ENGLISH)).contains("does not decrypt the stored secrets");
        assertThat(absentKey.userMessage(Locale.FRENCH)).contains("« test-1 »", "n’est pas configurée");
        assertThat(wrongKey.getMessage() + absentKey.getMessage()).doesNotContain(OTHER_KEY, Databases.TEST_KEY);
    }

    @Test
    void aMissingOrMalformedKeyIsRefusedBeforeAnyUse() {
        assertThat(catchThrowableOfType(
                                TenantTwilioException.class,
                                () -> KeyRing.builder().key("k", null))
                        .userMessage(Locale.ENGLISH))
                .contains("No value is configured for encryption key \"k\"");
        assertThat(catchThrowableOfType(
                                TenantTwilioException.class,
                                () -> KeyRing.builder().key("k", "c2hvcnQ="))
                        .userMessage(Locale.ENGLISH))
                .contains("must be 32 bytes");
    }

    @Test
    void reencryptionMovesEverySecretToTheCurrentKeySoTheOldOneCanGo() {
        DataSource h2 = Databases.h2();
        JdbcStores old = JdbcStores.of(h2, Databases.cipher());
        for (int i = 0; i < 5; i++) {
            old.credentials().save(TenantId.of("clinic-" + i), TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN));
        }
        SecretCipher rotating = AesGcmSecretCipher.of(KeyRing.builder()
                .key("test-2", OTHER_KEY)
                .key("test-1", Databases.TEST_KEY)
                .current("test-2")
                .build());

        int moved = JdbcStores.of(h2, rotating).credentials().reencryptAll();
        JdbcStores onlyNew = JdbcStores.of(
                h2,
                AesGcmSecretCipher.of(KeyRing.builder().key("test-2", OTHER_KEY).build()));

        assertThat(moved).isEqualTo(5);
        assertThat(onlyNew.credentials().find(TenantId.of("clinic-3")))
                .contains(TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN));
    }

    @Test
    void aCiphertextCopiedToAnotherTenantDoesNotDecrypt() throws Exception {
        DataSource h2 = Databases.h2();
        JdbcStores stores = JdbcStores.of(h2, Databases.cipher());
        stores.credentials().save(TenantId.of("a"), TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN));
        stores.credentials().save(TenantId.of("b"), TwilioCredentials.ofAuthToken(ACCOUNT, SECOND));
        try (Connection connection = h2.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE tt_credentials SET rest_secret = (SELECT rest_secret FROM tt_credentials"
                    + " WHERE tenant_id = 'a') WHERE tenant_id = 'b'");
        }

        TenantTwilioException e = catchThrowableOfType(
                TenantTwilioException.class, () -> stores.credentials().find(TenantId.of("b")));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
    }

    @Test
    void rowLevelSecurityHidesOtherTenantsFromADeliberatelyUnscopedQuery() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(4)) {
            JdbcStores stores = JdbcStores.of(database.app(), Databases.cipher());
            TenantId a = TenantId.of("clinique-a");
            TenantId b = TenantId.of("clinique-b");
            PhoneNumber patient = PhoneNumber.ofE164("+15815006712");
            for (TenantId tenant : List.of(a, b)) {
                Contact contact = stores.contacts().findOrCreate(tenant, patient);
                Conversation conversation = stores.conversations()
                        .openConversation(tenant, contact, PhoneNumber.ofE164("+14185550142"), Instant.now());
                for (int i = 0; i < 3; i++) {
                    stores.conversations().insertMessage(message(conversation, "message de " + tenant));
                }
                stores.credentials().save(tenant, TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN));
                stores.usage().reserve(tenant, "sms:month:2026-11", 7, 100, false);
                stores.usage().tryRecordPurchase(tenant, Instant.now(), java.time.Duration.ofHours(24), 5);
                stores.policies()
                        .save(
                                tenant,
                                io.tenanttwilio.guardrails.TenantPolicy.builder()
                                        .dailySmsLimit(9)
                                        .build());
            }

            List<String> seenByA =
                    stores.inTenantScope(a, connection -> bodies(connection, "SELECT * FROM tt_messages"));
            List<String> seenByNobody =
                    stores.inTenantScope(null, connection -> bodies(connection, "SELECT * FROM tt_messages"));
            int credentialsSeenByA =
                    stores.inTenantScope(a, connection -> count(connection, "SELECT * FROM tt_credentials"));
            int contactsSeenByA = stores.inTenantScope(a, connection -> count(connection, "SELECT * FROM tt_contacts"));
            int guardrailRowsSeenByA = stores.inTenantScope(
                    a,
                    connection -> count(connection, "SELECT tenant_id FROM tt_usage_counters")
                            + count(connection, "SELECT tenant_id FROM tt_purchase_events")
                            + count(connection, "SELECT tenant_id FROM tt_tenant_policies"));
            int guardrailRowsSeenByNobody = stores.inTenantScope(
                    null,
                    connection -> count(connection, "SELECT tenant_id FROM tt_usage_counters")
                            + count(connection, "SELECT tenant_id FROM tt_purchase_events")
                            + count(connection, "SELECT tenant_id FROM tt_tenant_policies"));
            List<String> seenByOwner;
            try (Connection admin = database.admin().getConnection()) {
                seenByOwner = bodies(admin, "SELECT * FROM tt_messages");
            }

            assertThat(seenByA).hasSize(3).allMatch(body -> body.equals("message de clinique-a"));
            assertThat(seenByNobody).isEmpty();
            assertThat(credentialsSeenByA).isEqualTo(1);
            assertThat(contactsSeenByA).isEqualTo(1);
            assertThat(guardrailRowsSeenByA)
                    .as("A's counters (the quota and the purchase lock), purchase and policy")
                    .isEqualTo(4);
            assertThat(guardrailRowsSeenByNobody).isZero();
            assertThat(seenByOwner)
                    .as("a superuser bypasses RLS: the application must not connect as one")
                    .hasSize(6);
            Throwable blocked =
                    org.assertj.core.api.Assertions.catchThrowable(() -> stores.inTenantScope(a, connection -> {
                        try (PreparedStatement insert = connection.prepareStatement(
                                "INSERT INTO tt_opt_outs (tenant_id, contact_e164, sender, opted_out_at) VALUES (?, ?, ?, now())")) {
                            insert.setString(1, b.value());
                            insert.setString(2, patient.e164());
                            insert.setString(3, "+14185550142");
                            return insert.executeUpdate();
                        }
                    }));
            assertThat(blocked)
                    .as("writing another tenant's row is refused by the policy's WITH CHECK")
                    .isNotNull()
                    .hasMessageContaining("42501");
        }
    }

    /**
     * A policy row written before schema version 5 has no registration rules (NULL), and one a
     * later version wrote may name a rule this version does not know: both read as TenantPolicy's
     * defaults, as a policy built without the rules has, and the rest of the policy is kept.
     */
    private static void policyRowsWithoutKnownRegistrationRulesReadWithTheDefaults(JdbcStores stores) {
        TenantId before = TenantId.of("clinique-avant-v5");
        TenantId after = TenantId.of("clinique-apres");
        TenantPolicy rules = TenantPolicy.builder()
                .dailySmsLimit(7)
                .unregisteredTraffic(UnregisteredTraffic.WARN)
                .canadianLongCodes(CanadianLongCodes.REGISTRATION_FOR_NUMBERS_FROM_2025_03_26)
                .build();
        stores.policies().save(before, rules);
        stores.policies().save(after, rules);
        rewriteRules(stores, before, null);
        rewriteRules(stores, after, "A_LATER_RULE");

        for (TenantId tenant : List.of(before, after)) {
            TenantPolicy read = stores.policies().policyOf(tenant).orElseThrow();
            assertThat(read.unregisteredTraffic()).as("%s", tenant).isEqualTo(UnregisteredTraffic.REFUSE);
            assertThat(read.canadianLongCodes()).as("%s", tenant).isEqualTo(CanadianLongCodes.NO_REGISTRATION);
            assertThat(read.dailySmsLimit()).hasValue(7L);
        }
    }

    private static void rewriteRules(JdbcStores stores, TenantId tenant, @Nullable String value) {
        stores.inTenantScope(tenant, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE tt_tenant_policies"
                    + " SET unregistered_traffic = ?, canadian_long_codes = ? WHERE tenant_id = ?")) {
                update.setString(1, value);
                update.setString(2, value);
                update.setString(3, tenant.value());
                return update.executeUpdate();
            }
        });
    }

    @Test
    void policiesWithoutKnownRegistrationRulesReadWithTheDefaultsOnH2() {
        policyRowsWithoutKnownRegistrationRulesReadWithTheDefaults(JdbcStores.of(Databases.h2(), Databases.cipher()));
    }

    @Test
    void policiesWithoutKnownRegistrationRulesReadWithTheDefaultsOnPostgreSql() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(2)) {
            policyRowsWithoutKnownRegistrationRulesReadWithTheDefaults(
                    JdbcStores.of(database.app(), Databases.cipher()));
        }
    }

    private static SmsMessage message(Conversation conversation, String body) {
        Instant now = Instant.now();
        return SmsMessage.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(conversation.tenantId())
                .conversationId(conversation.id())
                .direction(MessageDirection.INBOUND)
                .twilioSid("SM" + UUID.randomUUID().toString().replace("-", ""))
                .from(conversation.contact().phoneNumber())
                .to(conversation.ourNumber())
                .body(body)
                .status(MessageStatus.RECEIVED)
                .createdAt(now)
                .updatedAt(now)
                .build();
    }

    private static List<String> bodies(Connection connection, String query) throws java.sql.SQLException {
        List<String> bodies = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                bodies.add(rows.getString("body"));
            }
        }
        return bodies;
    }

    private static int count(Connection connection, String query) throws java.sql.SQLException {
        int count = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                count++;
            }
        }
        return count;
    }
}
