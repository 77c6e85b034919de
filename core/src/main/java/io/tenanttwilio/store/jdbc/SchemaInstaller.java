package io.tenanttwilio.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Installs tenant-twilio's schema for applications that use neither Flyway nor Liquibase: it
 * applies the versioned scripts of {@code db/tenant-twilio/<database>/} that the database does
 * not have yet, recording them in {@code tt_schema_version}. With Flyway, point a location at
 * {@code classpath:db/tenant-twilio/postgresql} (or {@code h2}) instead.
 *
 * <pre>{@code
 * SchemaInstaller.install(dataSource);
 * }</pre>
 *
 * <p>Run it as a role allowed to create tables (the application itself may then connect as an
 * ordinary role). Safe to run at every start: a version is applied once.
 *
 * <p>Stateless and thread-safe; still, run it from one instance at a time, such as a migration step
 * at deployment.
 */
public final class SchemaInstaller {

    /** The scripts, in order. */
    static final List<String> VERSIONS = List.of(
            "V1__init.sql",
            "V2__guardrails.sql",
            "V3__isolation.sql",
            "V4__keyset.sql",
            "V5__registration.sql",
            "V6__outbox.sql");

    private SchemaInstaller() {}

    /**
     * Applies the missing versions of the schema, all in one transaction.
     *
     * @param dataSource the database, PostgreSQL or H2, as a role allowed to create tables
     * @return how many versions were applied; 0 when the schema was up to date
     */
    public static int install(DataSource dataSource) {
        Sql sql = new Sql(dataSource);
        String folder = sql.isPostgreSql() ? "postgresql" : "h2";
        return sql.inTransaction(null, connection -> {
            ensureVersionTable(connection);
            int applied = 0;
            for (int i = 0; i < VERSIONS.size(); i++) {
                int version = i + 1;
                if (isApplied(connection, version)) {
                    continue;
                }
                for (String statement : statements(read("/db/tenant-twilio/" + folder + "/" + VERSIONS.get(i)))) {
                    try (Statement run = connection.createStatement()) {
                        run.execute(statement);
                    }
                }
                try (PreparedStatement record =
                        connection.prepareStatement("INSERT INTO tt_schema_version (version, script) VALUES (?, ?)")) {
                    record.setInt(1, version);
                    record.setString(2, VERSIONS.get(i));
                    record.executeUpdate();
                }
                applied++;
            }
            return applied;
        });
    }

    private static void ensureVersionTable(Connection connection) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        for (String name : new String[] {"tt_schema_version", "TT_SCHEMA_VERSION"}) {
            try (ResultSet tables = metadata.getTables(null, null, name, null)) {
                if (tables.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE TABLE tt_schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL)");
        }
    }

    private static boolean isApplied(Connection connection, int version) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT 1 FROM tt_schema_version WHERE version = ?")) {
            select.setInt(1, version);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String read(String resource) {
        try (InputStream in = SchemaInstaller.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read schema script " + resource, e);
        }
    }

    /**
     * The statements of a script: split on semicolons at line ends, comments dropped, except
     * inside a dollar-quoted body ({@code $$ … $$}, a function's), which is kept whole.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inBody = false;
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (!inBody && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
                continue;
            }
            current.append(line).append('\n');
            if (dollarQuotes(line) % 2 == 1) {
                inBody = !inBody;
            }
            if (!inBody && trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static int dollarQuotes(String line) {
        int count = 0;
        for (int at = line.indexOf("$$"); at >= 0; at = line.indexOf("$$", at + 2)) {
            count++;
        }
        return count;
    }

    @Override
    public String toString() {
        return "SchemaInstaller" + VERSIONS.toString().toLowerCase(Locale.ROOT);
    }
}
