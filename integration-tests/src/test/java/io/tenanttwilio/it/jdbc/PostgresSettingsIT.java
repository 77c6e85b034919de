package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What the JDBC stores say at start about the PostgreSQL server's settings and the role they connect as. */
class PostgresSettingsIT {

    private static final String AUTOVACUUM_WARNING = "PostgreSQL runs with autovacuum off";
    private static final String RLS_WARNING = "which row-level security does not apply to";

    @Test
    void warnsAtStartWhenAutovacuumIsOffAndOnlyThen() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(2)) {
            boolean off;
            try (Connection connection = database.admin().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SHOW autovacuum")) {
                rows.next();
                off = rows.getString(1).equals("off");
            }

            String logged = loggedWhileCreatingStores(database.app());

            if (off) {
                assertThat(logged).contains(AUTOVACUUM_WARNING).contains("ANALYZE the tt_ tables");
            } else {
                assertThat(logged).doesNotContain(AUTOVACUUM_WARNING);
            }
        }
    }

    @Test
    void saysNothingOfAutovacuumOnH2() {
        assertThat(loggedWhileCreatingStores(Databases.h2())).doesNotContain(AUTOVACUUM_WARNING);
    }

    @Test
    void warnsLoudlyAtStartWhenConnectedAsASuperuser() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(2)) {
            JdbcStores[] stores = new JdbcStores[1];
            String logged = loggedWhileCreatingStores(database.admin(), stores);

            assertThat(stores[0].connectedRole()).isEqualTo(JdbcStores.ConnectedRole.SUPERUSER);
            assertThat(stores[0].connectedRole().bypassesRowLevelSecurity()).isTrue();
            assertThat(logged).contains(RLS_WARNING).contains("superuser").contains("ordinary role");
        }
    }

    @Test
    void warnsAtStartWhenConnectedAsABypassRlsRoleOrAsTheTablesOwner() throws Exception {
        String suffix = Long.toHexString(System.nanoTime());
        String bypass = "tt_bypass_" + suffix;
        String owner = "tt_owner_" + suffix;
        try (Databases.Postgres database = Databases.Postgres.start(2)) {
            try (Connection connection = database.admin().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE " + bypass + " LOGIN BYPASSRLS PASSWORD 'x'");
                statement.execute("CREATE ROLE " + owner + " LOGIN PASSWORD 'x'");
                statement.execute("GRANT CONNECT ON DATABASE " + database.name + " TO " + bypass + ", " + owner);
                statement.execute("GRANT USAGE ON SCHEMA public TO " + bypass + ", " + owner);
                statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + bypass);
                statement.execute("DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables"
                        + " WHERE schemaname = 'public' AND tablename LIKE 'tt\\_%' LOOP"
                        + " EXECUTE format('ALTER TABLE %I OWNER TO " + owner + "', t); END LOOP; END $$");
            }
            try (HikariDataSource asBypass = database.pool(bypass, "x");
                    HikariDataSource asOwner = database.pool(owner, "x")) {
                JdbcStores[] stores = new JdbcStores[1];
                String logged = loggedWhileCreatingStores(asBypass, stores);
                assertThat(stores[0].connectedRole()).isEqualTo(JdbcStores.ConnectedRole.BYPASSES_ROW_LEVEL_SECURITY);
                assertThat(logged).contains(RLS_WARNING).contains("BYPASSRLS");

                logged = loggedWhileCreatingStores(asOwner, stores);
                assertThat(stores[0].connectedRole()).isEqualTo(JdbcStores.ConnectedRole.TABLE_OWNER);
                assertThat(stores[0].connectedRole().bypassesRowLevelSecurity()).isFalse();
                assertThat(logged).contains("as the owner of the tt_ tables");
            } finally {
                try (Connection connection = database.admin().getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.execute("REASSIGN OWNED BY " + owner + " TO CURRENT_USER");
                    statement.execute("DROP OWNED BY " + bypass + ", " + owner);
                }
            }
        } finally {
            Databases.dropRoles(bypass, owner);
        }
    }

    @Test
    void saysNothingOfRowLevelSecurityAsAnOrdinaryRole() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(2)) {
            JdbcStores[] stores = new JdbcStores[1];
            String logged = loggedWhileCreatingStores(database.app(), stores);

            assertThat(stores[0].connectedRole()).isEqualTo(JdbcStores.ConnectedRole.ORDINARY);
            assertThat(logged).doesNotContain(RLS_WARNING).doesNotContain("owner of the tt_ tables");
        }
    }

    @Test
    void h2HasNoRowLevelSecurityAndSaysSo() {
        JdbcStores[] stores = new JdbcStores[1];
        loggedWhileCreatingStores(Databases.h2(), stores);

        assertThat(stores[0].connectedRole()).isEqualTo(JdbcStores.ConnectedRole.NO_ROW_LEVEL_SECURITY);
    }

    private static String loggedWhileCreatingStores(DataSource dataSource) {
        return loggedWhileCreatingStores(dataSource, new JdbcStores[1]);
    }

    /** The log output (slf4j-simple writes to the standard error) while the stores are created. */
    private static String loggedWhileCreatingStores(DataSource dataSource, JdbcStores[] created) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            created[0] = JdbcStores.of(dataSource, Databases.cipher());
        } finally {
            System.setErr(original);
        }
        String logged = captured.toString(StandardCharsets.UTF_8);
        original.print(logged);
        return logged;
    }
}
