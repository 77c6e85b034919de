package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.store.jdbc.JdbcStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What the JDBC stores say at start about the PostgreSQL server's settings. */
class PostgresSettingsIT {

    private static final String AUTOVACUUM_WARNING = "PostgreSQL runs with autovacuum off";

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

    /** The log output (slf4j-simple writes to the standard error) while the stores are created. */
    private static String loggedWhileCreatingStores(DataSource dataSource) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JdbcStores.create(dataSource, Databases.cipher());
        } finally {
            System.setErr(original);
        }
        String logged = captured.toString(StandardCharsets.UTF_8);
        original.print(logged);
        return logged;
    }
}
