package io.tenanttwilio.it.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.crypto.AesGcmSecretCipher;
import io.tenanttwilio.crypto.KeyRing;
import io.tenanttwilio.spi.SecretCipher;
import io.tenanttwilio.store.jdbc.JdbcStores;
import io.tenanttwilio.store.jdbc.SchemaInstaller;
import io.tenanttwilio.test.leaks.LeakCanaries;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Test databases: an H2 in memory, or a fresh PostgreSQL database on 127.0.0.1:5432 whose schema
 * is installed by the administrator and used by an ordinary role (so that row-level security
 * applies). Without a PostgreSQL server the PostgreSQL tests are skipped with a message — except
 * in CI, where they are required.
 */
final class Databases {

    static final String ADMIN_URL =
            System.getProperty("tenant-twilio.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String ADMIN_USER = System.getProperty("tenant-twilio.pg.user", "postgres");
    static final String ADMIN_PASSWORD = System.getProperty("tenant-twilio.pg.password", "");
    static final String APP_ROLE = "tenant_twilio_app";
    static final String APP_PASSWORD = "tenant-twilio-app";

    /** A 256-bit key for tests only. */
    static final String TEST_KEY = Base64.getEncoder()
            .encodeToString("tenant-twilio-test-key-32-bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private Databases() {}

    static SecretCipher cipher() {
        LeakCanaries.register(TEST_KEY);
        return AesGcmSecretCipher.of(KeyRing.builder().key("test-1", TEST_KEY).build());
    }

    /** A builder of the SDK with every store on {@code stores}; the caller adds the rest. */
    static TenantTwilio.Builder sdkOn(JdbcStores stores) {
        return TenantTwilio.builder().stores(stores);
    }

    /** A fresh H2 database in memory with the schema installed. */
    static DataSource h2() {
        DataSource dataSource = h2Pool(newH2Url());
        SchemaInstaller.install(dataSource);
        return dataSource;
    }

    /** The URL of a fresh H2 database in memory (empty). */
    static String newH2Url() {
        return "jdbc:h2:mem:tt-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** A pool on the H2 database at {@code url}: two pools on one URL are two application instances. */
    static DataSource h2Pool(String url) {
        return JdbcConnectionPool.create(url, "sa", "");
    }

    /** Drops roles a test created (roles belong to the server, not to a test's database). */
    static void dropRoles(String... roles) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD);
                Statement statement = connection.createStatement()) {
            for (String role : roles) {
                statement.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    /** A fresh PostgreSQL database, its schema installed by the administrator. */
    static final class Postgres implements AutoCloseable {
        final String name =
                "tt_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        private final HikariDataSource admin;
        private final HikariDataSource app;
        private final @Nullable String owner;

        private Postgres(int poolSize, boolean ordinaryOwner) throws SQLException {
            this.owner = ordinaryOwner ? name + "_owner" : null;
            try (Connection connection = DriverManager.getConnection(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
                statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE
                        + "') THEN CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "'; END IF; END $$");
                if (owner != null) {
                    statement.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
                    statement.execute("GRANT CONNECT ON DATABASE " + name + " TO " + owner);
                }
            }
            String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
            this.admin = pool(url, ADMIN_USER, ADMIN_PASSWORD, 2);
            if (owner == null) {
                SchemaInstaller.install(admin);
            } else {
                try (Connection connection = admin.getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + owner);
                }
                try (HikariDataSource asOwner = pool(url, owner, APP_PASSWORD, 1)) {
                    SchemaInstaller.install(asOwner);
                }
            }
            try (Connection connection = admin.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("GRANT CONNECT ON DATABASE " + name + " TO " + APP_ROLE);
                statement.execute("GRANT USAGE ON SCHEMA public TO " + APP_ROLE);
                if (owner != null) {
                    statement.execute("SET ROLE " + owner); // the tables are granted by their owner
                }
                statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + APP_ROLE);
                statement.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + APP_ROLE);
                statement.execute("RESET ROLE");
            }
            this.app = pool(url, APP_ROLE, APP_PASSWORD, poolSize);
        }

        /** A fresh database, or the test is skipped (outside CI) when PostgreSQL does not answer. */
        static Postgres start(int poolSize) {
            return start(poolSize, false);
        }

        /**
         * A fresh database whose schema an ordinary role installed and owns (no superuser, no
         * {@code BYPASSRLS}), as a production database may be set up: the forced policies then
         * apply to the owner too, and so to the schema's {@code SECURITY DEFINER} functions.
         */
        static Postgres startOwnedByAnOrdinaryRole(int poolSize) {
            return start(poolSize, true);
        }

        private static Postgres start(int poolSize, boolean ordinaryOwner) {
            try {
                return new Postgres(poolSize, ordinaryOwner);
            } catch (SQLException e) {
                boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
                if (ci) {
                    throw new IllegalStateException(
                            "PostgreSQL is required in CI and did not answer at " + ADMIN_URL, e);
                }
                System.err.println("[tenant-twilio] SKIPPING PostgreSQL tests: no server at " + ADMIN_URL + " ("
                        + e.getMessage() + ")");
                Assumptions.abort("PostgreSQL is not available at " + ADMIN_URL);
                throw new AssertionError(e);
            }
        }

        /** A pool of another role on this database (the caller closes it). */
        HikariDataSource pool(String user, String password) {
            String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
            return pool(url, user, password, 2);
        }

        private static HikariDataSource pool(String url, String user, String password, int size) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(0);
            config.setConnectionTimeout(5_000);
            config.setPoolName("tt-" + user.toLowerCase(Locale.ROOT));
            return new HikariDataSource(config);
        }

        /**
         * Every {@code tt_} table of this database's schema, in name order, with whether it has a
         * {@code tenant_id} column (as {@code information_schema} lists them, so that a table a
         * later version adds is included).
         */
        Map<String, Boolean> tables() throws SQLException {
            Map<String, Boolean> tables = new TreeMap<>();
            try (Connection connection = admin.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT t.table_name, EXISTS (SELECT 1 FROM"
                            + " information_schema.columns c WHERE c.table_schema = t.table_schema"
                            + " AND c.table_name = t.table_name AND c.column_name = 'tenant_id')"
                            + " FROM information_schema.tables t WHERE t.table_schema = current_schema()"
                            + " AND t.table_type = 'BASE TABLE' AND t.table_name LIKE 'tt\\_%'")) {
                while (rows.next()) {
                    tables.put(rows.getString(1), rows.getBoolean(2));
                }
            }
            return tables;
        }

        /** The {@code tt_} tables that have a {@code tenant_id} column, in name order. */
        Set<String> tenantTables() throws SQLException {
            Set<String> tenantTables = new TreeSet<>();
            tables().forEach((table, hasTenant) -> {
                if (hasTenant) {
                    tenantTables.add(table);
                }
            });
            return tenantTables;
        }

        /** The application's data source: an ordinary role, subject to row-level security. */
        DataSource app() {
            return app;
        }

        /** The administrator's data source (owner of the tables, superuser). */
        DataSource admin() {
            return admin;
        }

        /** A second pool of the application role, as a second application instance has. */
        HikariDataSource newAppPool(int size) {
            String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
            return pool(url, APP_ROLE, APP_PASSWORD, size);
        }

        @Override
        public void close() throws SQLException {
            app.close();
            admin.close();
            try (Connection connection = DriverManager.getConnection(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                if (owner != null) {
                    statement.execute("DROP ROLE IF EXISTS " + owner);
                }
            }
        }
    }
}
