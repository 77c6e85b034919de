package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The installed PostgreSQL schema, read from {@code information_schema} for every {@code tt_}
 * table, is ready to be distributed by {@code tenant_id} (Citus): the README's list of
 * distributed and reference tables holds only while these do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardingReadinessIT {

    /** Looked up before the tenant is known: reference tables, keyed by what routing looks up. */
    static final Set<String> ROUTING_DIRECTORY = Set.of("tt_number_routes", "tt_messaging_services");

    private Databases.Postgres database;

    @BeforeAll
    void install() {
        database = Databases.Postgres.start(2);
    }

    @AfterAll
    void stop() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyTenantTablesPrimaryKeyLeadsWithTenantId() throws SQLException {
        List<String> tenantTables = distributedTables();

        assertThat(tenantTables)
                .contains(
                        "tt_messages",
                        "tt_conversations",
                        "tt_contacts",
                        "tt_numbers",
                        "tt_registrations",
                        "tt_toll_free_verifications",
                        "tt_outbox",
                        "tt_outbox_tenants",
                        "tt_outbox_senders",
                        "tt_consents");
        for (String table : tenantTables) {
            assertThat(keys(table, "PRIMARY KEY"))
                    .as("primary key of %s", table)
                    .hasSize(1);
            keys(table, "PRIMARY KEY")
                    .forEach((name, columns) ->
                            assertThat(columns).as("%s of %s", name, table).startsWith("tenant_id"));
            assertThat(nullable(table, "tenant_id"))
                    .as("%s.tenant_id nullable", table)
                    .isFalse();
        }
    }

    @Test
    void everyTenantTablesUniqueKeysLeadWithTenantId() throws SQLException {
        int checked = 0;
        for (String table : distributedTables()) {
            for (Map.Entry<String, List<String>> key : keys(table, "UNIQUE").entrySet()) {
                assertThat(key.getValue()).as("%s of %s", key.getKey(), table).startsWith("tenant_id");
                checked++;
            }
        }
        assertThat(checked).as("unique keys checked").isGreaterThanOrEqualTo(4);
    }

    @Test
    void everyForeignKeyCarriesTheTenantOnBothSides() throws SQLException {
        try (Connection connection = database.admin().getConnection()) {
            assertThat(foreignKeysWithoutTheTenant(connection)).isEmpty();
        }
    }

    @Test
    void theForeignKeyCheckFindsAKeyThatLeavesTheTenantOut() throws SQLException {
        try (Connection connection = database.admin().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE tt_probe_parent (id UUID PRIMARY KEY)");
                statement.execute("CREATE TABLE tt_probe (tenant_id VARCHAR(128) NOT NULL, contact_id UUID NOT NULL,"
                        + " parent_id UUID, PRIMARY KEY (tenant_id, contact_id),"
                        + " CONSTRAINT tt_probe_bad FOREIGN KEY (parent_id) REFERENCES tt_probe_parent (id),"
                        + " CONSTRAINT tt_probe_good FOREIGN KEY (tenant_id, contact_id)"
                        + " REFERENCES tt_contacts (tenant_id, id))");

                assertThat(foreignKeysWithoutTheTenant(connection))
                        .singleElement()
                        .asString()
                        .startsWith("tt_probe_bad");
            } finally {
                connection.rollback(); // the probe tables go with the transaction
            }
        }
    }

    @Test
    void rowIdentifiersAreNativeUuidsNotText() throws SQLException {
        List<String[]> columns = query(
                "SELECT table_name, column_name, data_type, COALESCE(character_maximum_length, 0), is_identity"
                        + " FROM information_schema.columns WHERE table_schema = current_schema()"
                        + " AND table_name LIKE 'tt\\_%'",
                5);
        Set<String> tenantTables = Set.copyOf(distributedTables());

        assertThat(columns).isNotEmpty();
        for (String[] column : columns) {
            String name = column[0] + "." + column[1];
            assertThat(column[2].equals("character varying") && column[3].equals("36"))
                    .as("%s holds UUIDs as text", name)
                    .isFalse();
            if (!tenantTables.contains(column[0]) && !ROUTING_DIRECTORY.contains(column[0])) {
                continue; // a platform table's own keys (the key check's single row, a job's name)
            }
            if (column[1].equals("id")
                    || column[1].endsWith("record_id")
                    || column[1].equals("contact_id")
                    || column[1].equals("conversation_id")) {
                assertThat(column[2].equals("uuid") || (column[2].equals("bigint") && column[4].equals("YES")))
                        .as("%s is %s", name, column[2])
                        .isTrue();
            }
        }
    }

    @Test
    void theReadmesCitusCommandsNameEveryTableOnceAndDistributeExactlyTheTenantTables() throws Exception {
        String readme = Files.readString(
                Path.of(System.getProperty("user.dir")).getParent().resolve("README.md"));
        List<String> distributed = new ArrayList<>();
        List<String> reference = new ArrayList<>();
        Matcher command = Pattern.compile("SELECT create_(distributed|reference)_table\\('(tt_[a-z_]+)'")
                .matcher(readme);
        while (command.find()) {
            (command.group(1).equals("distributed") ? distributed : reference).add(command.group(2));
        }
        List<String> all = new ArrayList<>(database.tables().keySet());

        assertThat(distributed).containsExactlyInAnyOrderElementsOf(distributedTables());
        assertThat(reference).doesNotContainAnyElementsOf(distributed).containsAll(ROUTING_DIRECTORY);
        assertThat(concat(distributed, reference)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        assertThat(distributed.indexOf("tt_contacts"))
                .isLessThan(distributed.indexOf("tt_conversations"))
                .isLessThan(distributed.indexOf("tt_messages"));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    // ---------------------------------------------------------------------------------------------

    /** The foreign keys of tt_ tables that leave tenant_id out of their columns or of the referenced ones. */
    private static List<String> foreignKeysWithoutTheTenant(Connection connection) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT con.conname, src.relname,"
                        + " (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(con.conkey) WITH ORDINALITY"
                        + " k(attnum, n) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),"
                        + " (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(con.confkey) WITH ORDINALITY"
                        + " k(attnum, n) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum)"
                        + " FROM pg_constraint con JOIN pg_class src ON src.oid = con.conrelid"
                        + " WHERE con.contype = 'f' AND src.relname LIKE 'tt\\_%'"
                        + " AND src.relnamespace = current_schema()::regnamespace");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                List<String> columns = List.of(rows.getString(3).split(","));
                List<String> referenced = List.of(rows.getString(4).split(","));
                if (!columns.contains("tenant_id") || !referenced.contains("tenant_id")) {
                    missing.add(rows.getString(1) + " on " + rows.getString(2) + ": (" + rows.getString(3) + ") -> ("
                            + rows.getString(4) + ")");
                }
            }
        }
        return missing;
    }

    /** The tables distributed by tenant_id: every table with a tenant_id but the routing directory. */
    private List<String> distributedTables() throws SQLException {
        List<String> tables = new ArrayList<>(database.tenantTables());
        tables.removeAll(ROUTING_DIRECTORY);
        return tables;
    }

    /** The table's constraints of {@code type}, each with its columns in key order. */
    private Map<String, List<String>> keys(String table, String type) throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (Connection connection = database.admin().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT tc.constraint_name, k.column_name"
                        + " FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k"
                        + " ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name"
                        + " AND k.table_name = tc.table_name WHERE tc.table_schema = current_schema()"
                        + " AND tc.table_name = ? AND tc.constraint_type = ? ORDER BY tc.constraint_name,"
                        + " k.ordinal_position")) {
            select.setString(1, table);
            select.setString(2, type);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.computeIfAbsent(rows.getString(1), name -> new ArrayList<>())
                            .add(rows.getString(2));
                }
            }
        }
        return keys;
    }

    private boolean nullable(String table, String column) throws SQLException {
        try (Connection connection = database.admin().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT is_nullable FROM"
                        + " information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
                        + " AND column_name = ?")) {
            select.setString(1, table);
            select.setString(2, column);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("%s.%s exists", table, column).isTrue();
                return rows.getString(1).equals("YES");
            }
        }
    }

    private List<String[]> query(String query, int columns) throws SQLException {
        List<String[]> result = new ArrayList<>();
        try (Connection connection = database.admin().getConnection();
                PreparedStatement select = connection.prepareStatement(query);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rows.getString(i + 1);
                }
                result.add(row);
            }
        }
        return result;
    }
}
