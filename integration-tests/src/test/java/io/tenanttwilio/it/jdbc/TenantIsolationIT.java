package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.it.jdbc.InboundRig.Clinic;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.outbox.Consent;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.BusinessProfile;
import io.tenanttwilio.registration.CampaignDetails;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.TollFreeRequest;
import io.tenanttwilio.registration.TollFreeVerification;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Row-level security on PostgreSQL, tried from the application's ordinary role on every {@code
 * tt_} table the database has (found in {@code information_schema}, so that a table added later
 * is covered without editing this test): while scoped to clinic A, and while scoped to no tenant,
 * none of clinic B's rows can be read, changed, deleted or written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT {

    /** Tables that hold no tenant's data: no tenant_id column, no other tenant to reach. */
    static final Set<String> PLATFORM_TABLES =
            Set.of("tt_key_check", "tt_job_leases", "tt_schema_version", "tt_platform_audit_events");

    /** Platform tables that no application session may read (only the operator's function does). */
    static final Set<String> UNREADABLE_PLATFORM_TABLES = Set.of("tt_platform_audit_events");

    private Databases.Postgres database;
    private JdbcStores stores;
    private TenantTwilio sdk;
    private Clinic a;
    private Clinic b;

    @BeforeAll
    void seedTwoClinicsInEveryTable() throws Exception {
        database = Databases.Postgres.start(4);
        stores = JdbcStores.of(database.app(), Databases.cipher());
        sdk = InboundRig.sdk(stores);
        List<Clinic> clinics = InboundRig.clinics(stores, 2); // credentials, keys, numbers, routes
        a = clinics.get(0);
        b = clinics.get(1);
        Instant now = Instant.now();
        for (Clinic clinic : clinics) {
            TenantId tenant = clinic.tenant();
            stores.numbers().linkMessagingService(tenant, clinic.accountSid(), "MG" + InboundRig.hex());
            WebhookRequest inbound = InboundRig.inbound(clinic, "+15815006712", "Bonjour", "SM" + InboundRig.hex());
            assertThat(sdk.webhooks().handle(inbound).status()).isEqualTo(200); // contact, conversation, message
            stores.conversations()
                    .setOptedOut(
                            tenant,
                            PhoneNumber.ofE164("+15815006713"),
                            clinic.phone().e164(),
                            true,
                            now);
            stores.conversations()
                    .updateStatus(tenant, "SM" + InboundRig.hex(), MessageStatus.DELIVERED, null, null, 1, now);
            stores.audit()
                    .record(AuditEvent.builder(AuditAction.POLICY_CHANGED, now)
                            .tenant(tenant)
                            .build());
            stores.usage().reserve(tenant, "sms:month:2026-12", 1, 100, false);
            assertThat(stores.usage().tryRecordPurchase(tenant, now, Duration.ofHours(24), 5))
                    .isPresent();
            stores.policies()
                    .save(tenant, TenantPolicy.builder().dailySmsLimit(9).build());
            stores.usage().raiseFlag(tenant, "quota:80", now);
            stores.registrations().insertIfAbsent(registration(tenant, clinic.accountSid(), now.minusSeconds(60)));
            stores.registrations()
                    .insertIfAbsent(tollFree(tenant, clinic.accountSid(), TOLL_FREE, now.minusSeconds(60)));
            stores.outbox().insertIfAbsent(scheduled(tenant, clinic.phone(), now.minusSeconds(60))); // and its pace
            stores.outbox()
                    .saveConsent(Consent.builder(tenant, PhoneNumber.ofE164("+15815006712"))
                            .givenAt(now.minusSeconds(3_600))
                            .build());
        }
        stores.usage().raiseFlag(null, "platform:balance", now);
        // A webhook for a key no number has: audited for the platform, with no tenant.
        WebhookRequest unknown = WebhookRequest.of(
                "POST", "/sms/" + InboundRig.hex(), null, Map.of("X-Twilio-Signature", "x"), new byte[0]);
        assertThat(sdk.webhooks().handle(unknown).status()).isEqualTo(403);
    }

    @AfterAll
    void stop() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyTableIsATenantTableOrANamedPlatformTable() throws SQLException {
        Map<String, Boolean> tables = tables();

        assertThat(tables).isNotEmpty();
        tables.forEach((table, hasTenant) -> {
            if (!hasTenant) {
                assertThat(PLATFORM_TABLES)
                        .as("%s has no tenant_id: name it a platform table here, or give it a tenant_id", table)
                        .contains(table);
            }
        });
    }

    @Test
    void everyTenantTableHasRowsOfBothClinicsSoThatTheSweepBelowProvesSomething() throws SQLException {
        for (String table : tenantTables()) {
            assertThat(adminCount(table, b.tenant()))
                    .as("clinic B's rows in %s (seed the new table above)", table)
                    .isPositive();
            assertThat(adminCount(table, a.tenant()))
                    .as("clinic A's rows in %s", table)
                    .isPositive();
        }
    }

    @Test
    void noTenantTableShowsAnotherClinicsRowsScopedOrNot() throws SQLException {
        for (String table : tenantTables()) {
            for (TenantId scope : scopes()) {
                String who = scope == null ? "unscoped" : "scoped to A";
                assertThat(appCount(scope, "SELECT count(*) FROM " + table + " WHERE tenant_id = ?", b.tenant()))
                        .as("B's rows of %s seen %s", table, who)
                        .isZero();
                long all = appCount(scope, "SELECT count(*) FROM " + table, null);
                assertThat(all)
                        .as("rows of %s seen %s", table, who)
                        .isEqualTo(scope == null ? ownRowsOfNoTenant(table) : adminCount(table, a.tenant()));
            }
        }
    }

    @Test
    void noTenantTableLetsAnotherClinicsRowsBeChangedOrDeletedScopedOrNot() throws SQLException {
        for (String table : tenantTables()) {
            long before = adminCount(table, b.tenant());
            for (TenantId scope : scopes()) {
                String who = scope == null ? "unscoped" : "scoped to A";
                assertThat(appUpdate(scope, "UPDATE " + table + " SET tenant_id = tenant_id WHERE tenant_id = ?"))
                        .as("B's rows of %s updated %s", table, who)
                        .isZero();
                assertThat(appUpdate(scope, "DELETE FROM " + table + " WHERE tenant_id = ?"))
                        .as("B's rows of %s deleted %s", table, who)
                        .isZero();
            }
            assertThat(adminCount(table, b.tenant()))
                    .as("B's rows of %s", table)
                    .isEqualTo(before);
        }
    }

    @Test
    void noTenantTableAcceptsARowForAnotherClinicScopedOrNot() throws SQLException {
        for (String table : tenantTables()) {
            Map<String, Object> row = oneRowOf(table, b.tenant());
            for (TenantId scope : scopes()) {
                Throwable refused = catchThrowable(() -> stores.inTenantScope(scope, connection -> {
                    StringBuilder columns = new StringBuilder();
                    StringBuilder values = new StringBuilder();
                    for (String column : row.keySet()) {
                        columns.append(columns.length() == 0 ? "" : ", ").append(column);
                        values.append(values.length() == 0 ? "?" : ", ?");
                    }
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")")) {
                        int i = 1;
                        for (Object value : row.values()) {
                            insert.setObject(i++, value);
                        }
                        return insert.executeUpdate();
                    }
                }));
                assertThat(refused)
                        .as("a row for B inserted into %s %s", table, scope == null ? "unscoped" : "scoped to A")
                        .isNotNull()
                        .hasMessageContaining("42501"); // the policy's WITH CHECK, before any unique key
            }
        }
    }

    @Test
    void thePlatformsAuditIsWrittenByAnyoneButReadOnlyThroughTheOperatorsPath() throws SQLException {
        for (String table : UNREADABLE_PLATFORM_TABLES) {
            long stored = admin("SELECT count(*) FROM " + table);
            assertThat(stored).as("rows of %s", table).isPositive();
            for (TenantId scope : scopes()) {
                assertThat(appCount(scope, "SELECT count(*) FROM " + table, null))
                        .as("rows of %s seen by the application", table)
                        .isZero();
                assertThat(appUpdate(scope, "DELETE FROM " + table + " WHERE ? IS NOT NULL"))
                        .isZero();
            }
        }
        assertThat(stores.audit().platformEvents(10))
                .extracting(AuditEvent::action)
                .contains(AuditAction.WEBHOOK_REJECTED);
        assertThat(stores.audit().events(a.tenant(), AuditQuery.newestFirst()).items())
                .extracting(AuditEvent::action)
                .doesNotContain(AuditAction.WEBHOOK_REJECTED);
    }

    @Test
    void scopedToOneClinicAnotherClinicsRouteCannotBeRemovedAndItsNextTextIsStored() throws Exception {
        String key = b.number().webhookKey();
        for (TenantId scope : scopes()) {
            int changed = stores.inTenantScope(scope, connection -> {
                int n = 0;
                try (PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM tt_number_routes WHERE webhook_key = ?")) {
                    delete.setString(1, key);
                    n += delete.executeUpdate();
                }
                try (PreparedStatement steal = connection.prepareStatement(
                        "UPDATE tt_number_routes SET webhook_key = 'x' || webhook_key WHERE webhook_key = ?")) {
                    steal.setString(1, key);
                    n += steal.executeUpdate();
                }
                return n;
            });
            assertThat(changed).as("B's route changed or removed").isZero();
        }

        // A new application instance, with no routes cached: B's patient's next text.
        TenantTwilio fresh = InboundRig.sdk(JdbcStores.of(database.app(), Databases.cipher()));
        String sid = "SM" + InboundRig.hex();
        assertThat(fresh.webhooks()
                        .handle(InboundRig.inbound(b, "+15815006799", "Rendez-vous?", sid))
                        .status())
                .isEqualTo(200);
        assertThat(stores.conversations().findByTwilioSid(b.tenant(), sid)).isPresent();
    }

    @Test
    void theScheduledJobListsEveryClinicsDueRegistrationsThroughTheSchemasFunctionsOnly() throws SQLException {
        Instant now = Instant.now();

        assertThat(stores.registrations().registrationsDue(now, 100))
                .extracting(Registration::tenantId)
                .containsExactlyInAnyOrder(a.tenant(), b.tenant());
        assertThat(stores.registrations().tollFreeDue(now, 100))
                .extracting(TollFreeVerification::tenantId)
                .containsExactlyInAnyOrder(a.tenant(), b.tenant());
        // What the functions give an application session, scoped or not: the keys, nothing else.
        for (TenantId scope : scopes()) {
            List<String> columns = stores.inTenantScope(scope, connection -> {
                List<String> names = new ArrayList<>();
                for (String function : List.of("tt_registrations_due", "tt_toll_free_due")) {
                    try (PreparedStatement select =
                            connection.prepareStatement("SELECT * FROM " + function + "(now(), 100)")) {
                        try (ResultSet rows = select.executeQuery()) {
                            ResultSetMetaData meta = rows.getMetaData();
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                names.add(function + "." + meta.getColumnName(i));
                            }
                            int count = 0;
                            while (rows.next()) {
                                count++;
                            }
                            assertThat(count).as("rows of %s", function).isEqualTo(2);
                        }
                    }
                }
                return names;
            });
            assertThat(columns)
                    .containsExactly(
                            "tt_registrations_due.tenant_id",
                            "tt_toll_free_due.tenant_id",
                            "tt_toll_free_due.phone_e164");
        }
    }

    @Test
    void theDispatchersListEveryClinicWithMessagesDueThroughTheSchemasFunctionOnly() {
        Instant now = Instant.now();

        assertThat(stores.outbox().tenantsDue(now, 100)).containsExactlyInAnyOrder(a.tenant(), b.tenant());
        // What the function gives an application session, scoped or not: the keys, nothing else.
        for (TenantId scope : scopes()) {
            List<String> seen = stores.inTenantScope(scope, connection -> {
                List<String> values = new ArrayList<>();
                try (PreparedStatement select =
                        connection.prepareStatement("SELECT * FROM tt_outbox_tenants_due(now(), 100)")) {
                    try (ResultSet rows = select.executeQuery()) {
                        ResultSetMetaData meta = rows.getMetaData();
                        assertThat(meta.getColumnCount()).isEqualTo(1);
                        assertThat(meta.getColumnName(1)).isEqualTo("tenant_id");
                        while (rows.next()) {
                            values.add(rows.getString(1));
                        }
                    }
                }
                return values;
            });
            assertThat(seen)
                    .containsExactlyInAnyOrder(a.tenant().value(), b.tenant().value());
        }
    }

    @Test
    void theDueListingsWorkWhenTheSchemasOwnerIsAnOrdinaryRoleThatTheForcedPoliciesApplyTo() throws Exception {
        try (Databases.Postgres owned = Databases.Postgres.startOwnedByAnOrdinaryRole(4)) {
            JdbcStores app = JdbcStores.of(owned.app(), Databases.cipher());
            Instant now = Instant.now();
            List<TenantId> tenants = List.of(TenantId.of("clinique-a"), TenantId.of("clinique-b"));
            for (TenantId tenant : tenants) {
                app.registrations().insertIfAbsent(registration(tenant, ACCOUNT, now.minusSeconds(1)));
                app.registrations().insertIfAbsent(tollFree(tenant, ACCOUNT, TOLL_FREE, now.minusSeconds(1)));
                app.outbox().insertIfAbsent(scheduled(tenant, TOLL_FREE, now.minusSeconds(1)));
            }

            assertThat(app.connectedRole()).isEqualTo(JdbcStores.ConnectedRole.ORDINARY);
            assertThat(app.registrations().registrationsDue(now, 10))
                    .extracting(Registration::tenantId)
                    .containsExactlyInAnyOrderElementsOf(tenants);
            assertThat(app.registrations().tollFreeDue(now, 10))
                    .extracting(TollFreeVerification::tenantId)
                    .containsExactlyInAnyOrderElementsOf(tenants);
            assertThat(app.outbox().tenantsDue(now, 10)).containsExactlyInAnyOrderElementsOf(tenants);
            long unscoped = app.inTenantScope(null, connection -> {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT count(*) FROM tt_registrations")) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
            assertThat(unscoped)
                    .as("registrations an unscoped application session sees")
                    .isZero();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final PhoneNumber TOLL_FREE = PhoneNumber.ofE164("+18005550100");

    /** A tenant's registration in review, due for a check at {@code due}. */
    static Registration registration(TenantId tenant, String accountSid, Instant due) {
        Instant now = Instant.now();
        return Registration.builder()
                .id(java.util.UUID.randomUUID().toString())
                .tenantId(tenant)
                .accountSid(accountSid)
                .state(Registration.State.IN_REVIEW)
                .profile(profile())
                .campaign(CampaignDetails.builder()
                        .useCase(CampaignDetails.UseCase.ACCOUNT_NOTIFICATION)
                        .description("Appointment reminders and answers to patients' questions about them.")
                        .messageFlow("Patients give their mobile number at the front desk and agree to the texts.")
                        .sample("Clinique: your appointment is tomorrow at 10:00. Reply STOP to opt out.")
                        .sample("Clinique: votre rendez-vous est demain à 10 h. Répondez ARRÊT pour arrêter.")
                        .build())
                .sid(Registration.Resource.CUSTOMER_PROFILE, "BU0123456789abcdef0123456789abcdef")
                .mark(Registration.Mark.PROFILE_SUBMITTED, true)
                .nextCheckAt(due)
                .createdAt(now)
                .updatedAt(now)
                .build();
    }

    /** A message of the tenant's {@code from}, scheduled for {@code due}. */
    static ScheduledMessage scheduled(TenantId tenant, PhoneNumber from, Instant due) {
        return ScheduledMessage.builder()
                .id(java.util.UUID.randomUUID().toString())
                .tenantId(tenant)
                .clientKey("rdv-" + due.toEpochMilli())
                .to(PhoneNumber.ofE164("+15815006712"))
                .from(from)
                .sender(from.e164())
                .body("Rappel : rendez-vous demain à 9 h.")
                .sendAt(due)
                .dueAt(due)
                .createdAt(due)
                .updatedAt(due)
                .build();
    }

    /** A verification of the tenant's toll-free {@code number}, in review, due at {@code due}. */
    static TollFreeVerification tollFree(TenantId tenant, String accountSid, PhoneNumber number, Instant due) {
        Instant now = Instant.now();
        return TollFreeVerification.builder()
                .id(java.util.UUID.randomUUID().toString())
                .tenantId(tenant)
                .phoneNumber(number)
                .accountSid(accountSid)
                .status(TollFreeVerification.Status.IN_REVIEW)
                .request(TollFreeRequest.builder()
                        .tenant(tenant)
                        .number(number)
                        .business(profile())
                        .useCaseCategories(TollFreeRequest.UseCaseCategory.ACCOUNT_NOTIFICATIONS)
                        .useCaseSummary("Appointment reminders for the clinic's patients.")
                        .productionMessageSample(
                                "Clinique: your appointment is tomorrow at 10:00. Reply STOP to opt out.")
                        .optInType(TollFreeRequest.OptInType.VERBAL)
                        .optInImageUrl("https://clinique.example/consent.png")
                        .messageVolume("1,000")
                        .build())
                .nextCheckAt(due)
                .createdAt(now)
                .updatedAt(now)
                .build();
    }

    private static BusinessProfile profile() {
        return BusinessProfile.builder()
                .legalName("Clinique Santé Plus inc.")
                .businessType(BusinessProfile.BusinessType.CORPORATION)
                .industry(BusinessProfile.Industry.HEALTHCARE)
                .registrationAuthority(BusinessProfile.RegistrationAuthority.NEQ)
                .registrationNumber("1171234567")
                .website("cliniquesante.example")
                .street("1 rue Saint-Jean")
                .city("Québec")
                .region("QC")
                .postalCode("G1R 4P5")
                .country("CA")
                .contactFirstName("Marie")
                .contactLastName("Tremblay")
                .contactEmail("marie@clinique-a.example")
                .contactPhone("+14185550100")
                .contactTitle("Directrice")
                .build();
    }

    /** The two scopes every check runs in: no tenant, and clinic A. */
    private List<@Nullable TenantId> scopes() {
        List<@Nullable TenantId> scopes = new ArrayList<>();
        scopes.add(null);
        scopes.add(a.tenant());
        return scopes;
    }

    private Map<String, Boolean> tables() throws SQLException {
        return database.tables();
    }

    private Set<String> tenantTables() throws SQLException {
        Set<String> tenantTables = database.tenantTables();
        assertThat(tenantTables)
                .hasSizeGreaterThan(10)
                .contains(
                        "tt_registrations",
                        "tt_toll_free_verifications",
                        "tt_outbox",
                        "tt_outbox_tenants",
                        "tt_outbox_senders",
                        "tt_consents");
        return tenantTables;
    }

    /** Rows an unscoped session may see of a tenant table: the platform's own (tenant id ''), if any. */
    private long ownRowsOfNoTenant(String table) throws SQLException {
        return admin("SELECT count(*) FROM " + table + " WHERE tenant_id = ''");
    }

    private long adminCount(String table, TenantId tenant) throws SQLException {
        try (Connection connection = database.admin().getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE tenant_id = ?")) {
            select.setString(1, tenant.value());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long admin(String query) throws SQLException {
        try (Connection connection = database.admin().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * One of {@code tenant}'s rows of {@code table}, column by column, as the administrator reads
     * it; without its generated columns, which the database computes and no insert may set.
     */
    private Map<String, Object> oneRowOf(String table, TenantId tenant) throws SQLException {
        DataSource admin = database.admin();
        try (Connection connection = admin.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT * FROM " + table + " WHERE tenant_id = ? LIMIT 1");
                PreparedStatement generated = connection.prepareStatement("SELECT column_name FROM"
                        + " information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
                        + " AND is_generated = 'ALWAYS'")) {
            generated.setString(1, table);
            Set<String> computed = new java.util.HashSet<>();
            try (ResultSet rows = generated.executeQuery()) {
                while (rows.next()) {
                    computed.add(rows.getString(1));
                }
            }
            select.setString(1, tenant.value());
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("a row of %s for %s", table, tenant).isTrue();
                ResultSetMetaData meta = rows.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!computed.contains(meta.getColumnName(i))) {
                        row.put(meta.getColumnName(i), rows.getObject(i));
                    }
                }
                return row;
            }
        }
    }

    private long appCount(@Nullable TenantId scope, String query, @Nullable TenantId parameter) {
        return stores.inTenantScope(scope, connection -> {
            try (PreparedStatement select = connection.prepareStatement(query)) {
                if (parameter != null) {
                    select.setString(1, parameter.value());
                }
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** Runs {@code statement} with B's tenant id as its one parameter; returns the rows it affected. */
    private int appUpdate(@Nullable TenantId scope, String statement) {
        return stores.inTenantScope(scope, connection -> {
            try (PreparedStatement update = connection.prepareStatement(statement)) {
                update.setString(1, b.tenant().value());
                return update.executeUpdate();
            }
        });
    }
}
