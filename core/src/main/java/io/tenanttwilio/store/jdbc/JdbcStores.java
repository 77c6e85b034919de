package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.spi.SecretCipher;
import io.tenanttwilio.spi.StoreFamily;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC stores on one {@link DataSource} (PostgreSQL or H2, detected): credentials (secrets
 * encrypted by the given {@link SecretCipher}), numbers and their routes, contacts,
 * conversations and messages, the audit trail, usage counters, tenant policies, carrier
 * registrations with toll-free verifications, and the outbox's scheduled messages with the
 * contacts' consents.
 *
 * <pre>{@code
 * SchemaInstaller.install(adminDataSource);             // or Flyway: classpath:db/tenant-twilio/postgresql
 * JdbcStores stores = JdbcStores.of(appDataSource, AesGcmSecretCipher.of(keys));
 * TenantTwilio twilio = TenantTwilio.builder()
 *         .stores(stores)
 *         …
 *         .build();
 * }</pre>
 *
 * <p>On PostgreSQL, connect as an ordinary role, not as the tables' owner or a superuser: the
 * row-level-security policies, forced on every table that holds a tenant's data, then guarantee
 * that a transaction sees and changes one tenant's rows only, and a transaction with no tenant
 * none. Lookups made before the tenant is known (a webhook's route, the scheduled jobs' tenant
 * list) go through the schema's read-only routing functions; audit events that name no tenant are
 * read only through {@link JdbcAuditSink#platformEvents(int)}. The role is checked at start
 * ({@link #connectedRole()}): a superuser, a {@code BYPASSRLS} role or the tables' owner is
 * warned about. H2 has no row-level security: it is for development and tests.
 * Keep the server's autovacuum on (PostgreSQL's default), or {@code ANALYZE} the {@code tt_}
 * tables regularly: the stores' statements are prepared once per connection, and a plan made while
 * the tables had no statistics may look a message up through a tenant-wide index, reading every
 * row of the tenant for each webhook, until statistics exist. A warning is logged when autovacuum
 * is off. Thread-safe.
 */
public final class JdbcStores implements StoreFamily {

    /**
     * Work on the stores' tables as one tenant (for an application's own queries and reports). It
     * runs on the thread that calls {@link JdbcStores#inTenantScope}, so it need not be
     * thread-safe.
     *
     * @param <T> the type of the work's result
     */
    @FunctionalInterface
    public interface TenantWork<T> {
        /**
         * Runs the work's statements on {@code connection}.
         *
         * @param connection the connection, in a transaction scoped to the tenant; do not close or
         *     commit it
         * @return what the work produced
         * @throws SQLException to roll the transaction back; {@link JdbcStores#inTenantScope} then
         *     throws an unchecked exception whose message has no phone number in full
         */
        T apply(Connection connection) throws SQLException;
    }

    /**
     * What the role the stores connect as is to PostgreSQL's row-level security, checked once at
     * start ({@link #connectedRole()}). Immutable and thread-safe.
     */
    public enum ConnectedRole {
        /** An ordinary role: every table's policies apply. The production setup. */
        ORDINARY,
        /**
         * The owner of the tables: the policies apply to it too (they are forced), but it reads
         * the routing directory across tenants and could turn the policies off. Let the
         * application connect as an ordinary role.
         */
        TABLE_OWNER,
        /** A role with {@code BYPASSRLS}: no policy applies, every tenant's rows are visible. */
        BYPASSES_ROW_LEVEL_SECURITY,
        /** A superuser: no policy applies, every tenant's rows are visible. */
        SUPERUSER,
        /** H2, which has no row-level security: for development and tests only. */
        NO_ROW_LEVEL_SECURITY;

        /**
         * {@return whether the database's row-level security does not confine this role to one
         * tenant at all}
         */
        public boolean bypassesRowLevelSecurity() {
            return this == BYPASSES_ROW_LEVEL_SECURITY || this == SUPERUSER;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStores.class);

    private final Sql sql;
    private final JdbcCredentialStore credentials;
    private final JdbcNumberRegistry numbers;
    private final JdbcContactDirectory contacts;
    private final JdbcConversationStore conversations;
    private final JdbcAuditSink audit;
    private final JdbcUsageStore usage;
    private final JdbcTenantPolicies policies;
    private final JdbcRegistrationStore registrations;
    private final JdbcOutboxStore outbox;

    private JdbcStores(DataSource dataSource, SecretCipher cipher, Clock clock) {
        this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource"));
        this.credentials = new JdbcCredentialStore(sql, Objects.requireNonNull(cipher, "cipher"), clock);
        this.numbers = new JdbcNumberRegistry(sql);
        this.contacts = new JdbcContactDirectory(sql, clock);
        this.conversations = new JdbcConversationStore(sql);
        this.audit = new JdbcAuditSink(sql);
        this.usage = new JdbcUsageStore(sql, clock);
        this.policies = new JdbcTenantPolicies(sql, clock);
        this.registrations = new JdbcRegistrationStore(sql);
        this.outbox = new JdbcOutboxStore(sql, clock);
        if (sql.autovacuumOff()) {
            LOG.warn("PostgreSQL runs with autovacuum off: the tenant-twilio tables get no planner statistics, and"
                    + " a statement planned without them may read all of a tenant's conversations or messages for"
                    + " each webhook. Turn autovacuum on, or ANALYZE the tt_ tables regularly.");
        }
        ConnectedRole role = sql.role();
        if (role.bypassesRowLevelSecurity()) {
            LOG.warn(
                    "tenant-twilio's JDBC stores connect to PostgreSQL as a {} role, which row-level security"
                            + " does not apply to: a query that forgot its tenant would see and change every tenant's"
                            + " rows. Connect the application as an ordinary role (see the README's production"
                            + " steps); keep this role for installing the schema.",
                    role == ConnectedRole.SUPERUSER ? "superuser" : "BYPASSRLS");
        } else if (role == ConnectedRole.TABLE_OWNER) {
            LOG.warn("tenant-twilio's JDBC stores connect to PostgreSQL as the owner of the tt_ tables: their"
                    + " policies still apply, but this role reads the routing directory across tenants and"
                    + " could turn row-level security off. Connect the application as an ordinary role (see"
                    + " the README's production steps).");
        }
    }

    /**
     * The stores on {@code dataSource}, whose schema must be installed.
     *
     * @param dataSource the application's database, with the schema of {@link SchemaInstaller}
     * @param cipher the cipher of the stored secrets, such as {@link
     *     io.tenanttwilio.crypto.AesGcmSecretCipher}
     * @return the stores, sharing the data source
     * @throws io.tenanttwilio.TenantTwilioException {@link io.tenanttwilio.ErrorCode#CONFIGURATION_ERROR}
     *     when the cipher's keys do not decrypt the stored secrets
     */
    public static JdbcStores of(DataSource dataSource, SecretCipher cipher) {
        return new JdbcStores(dataSource, cipher, Clock.systemUTC());
    }

    /**
     * As {@link #of(DataSource, SecretCipher)}, with the clock of created rows.
     *
     * @param dataSource the application's database, with the schema of {@link SchemaInstaller}
     * @param cipher the cipher of the stored secrets
     * @param clock the clock of the rows' creation and update times
     * @return the stores, sharing the data source
     * @throws io.tenanttwilio.TenantTwilioException {@link
     *     io.tenanttwilio.ErrorCode#CONFIGURATION_ERROR} when the cipher's keys do not decrypt the
     *     stored secrets
     */
    public static JdbcStores of(DataSource dataSource, SecretCipher cipher, Clock clock) {
        return new JdbcStores(dataSource, cipher, Objects.requireNonNull(clock, "clock"));
    }

    /** {@return the tenants' Twilio credentials, their secrets encrypted} */
    @Override
    public JdbcCredentialStore credentials() {
        return credentials;
    }

    /** {@return the numbers bought through the SDK and their webhook routing} */
    @Override
    public JdbcNumberRegistry numbers() {
        return numbers;
    }

    /** {@return the tenants' contacts} */
    @Override
    public JdbcContactDirectory contacts() {
        return contacts;
    }

    /** {@return the tenants' conversations, messages and opt-outs} */
    @Override
    public JdbcConversationStore conversations() {
        return conversations;
    }

    /** {@return the tenants' carrier registrations and toll-free verifications} */
    @Override
    public JdbcRegistrationStore registrations() {
        return registrations;
    }

    /** {@return the outbox's scheduled messages, the senders' pace and the contacts' consents} */
    @Override
    public JdbcOutboxStore outbox() {
        return outbox;
    }

    /** {@return the audit trail} */
    @Override
    public JdbcAuditSink audit() {
        return audit;
    }

    /**
     * {@return the quota counters, purchase windows, job leases and alert flags, shared by every
     * instance}
     */
    @Override
    public JdbcUsageStore usage() {
        return usage;
    }

    /** {@return the per-tenant policies (quotas, purchase limits) set through the SDK} */
    @Override
    public JdbcTenantPolicies policies() {
        return policies;
    }

    /**
     * {@return what the connected role is to row-level security, as checked at start: a superuser
     * or a {@code BYPASSRLS} role sees every tenant's rows (a warning is logged; the Spring Boot
     * starter refuses it under production profiles)}
     */
    public ConnectedRole connectedRole() {
        return sql.role();
    }

    /** {@return whether the database is PostgreSQL (else H2)} */
    public boolean isPostgreSql() {
        return sql.isPostgreSql();
    }

    /**
     * Runs {@code work} in a transaction scoped to {@code tenant}: on PostgreSQL, the tables'
     * row-level security shows it that tenant's rows only, whatever its queries say.
     *
     * @param <T> the type of the work's result
     * @param tenant the tenant whose rows the work sees, or {@code null} for the platform's own
     *     rows
     * @param work what to do on the connection
     * @return what the work produced, once the transaction is committed
     * @throws RuntimeException when the database fails or the work throws an {@link SQLException};
     *     the transaction is rolled back, unless the failure came while committing
     */
    public <T> T inTenantScope(@Nullable TenantId tenant, TenantWork<T> work) {
        return sql.inTransaction(tenant, work::apply);
    }

    /** {@return whether the database answers (for health checks)} */
    public boolean isReachable() {
        try {
            return sql.inTransaction(null, connection -> connection.isValid(2));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "JdbcStores[" + sql.dialect() + "]";
    }
}
