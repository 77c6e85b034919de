package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.TollFreeVerification;
import io.tenanttwilio.spi.RegistrationStore;
import io.tenanttwilio.store.jdbc.RegistrationCodec.Column;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RegistrationStore} in {@code tt_registrations} (one row per tenant) and {@code
 * tt_toll_free_verifications} (one row per tenant and number), laid out by {@link
 * RegistrationCodec}. Every operation is one transaction as the record's tenant; a change is an
 * {@code UPDATE} conditioned on the version read, so that of two instances changing the same
 * version exactly one wins. The scheduled job's listings of what is due find the keys across
 * tenants (on PostgreSQL only through the schema's read-only functions, since row-level security
 * confines every direct read to the transaction's tenant), then read each record as its tenant.
 * Thread-safe.
 */
public final class JdbcRegistrationStore implements RegistrationStore {

    private static final int INSERT_ATTEMPTS = 5;

    private static final String REGISTRATIONS = "tt_registrations";
    private static final String TOLL_FREE = "tt_toll_free_verifications";

    private final Sql sql;
    private final boolean postgres;

    JdbcRegistrationStore(Sql sql) {
        this.sql = sql;
        this.postgres = sql.isPostgreSql();
    }

    // ---------------------------------------------------------------------------------------------
    // Registrations

    @Override
    public Optional<Registration> find(TenantId tenant) {
        return sql.inTransaction(tenant, connection -> registration(connection, tenant));
    }

    @Override
    public Registration insertIfAbsent(Registration registration) {
        TenantId tenant = registration.tenantId();
        Map<String, @Nullable Object> row = RegistrationCodec.row(registration, registration.version());
        return sql.inTransaction(tenant, connection -> {
            for (int attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
                if (insert(connection, REGISTRATIONS, RegistrationCodec.REGISTRATION_COLUMNS, row)) {
                    return registration;
                }
                Optional<Registration> existing = registration(connection, tenant);
                if (existing.isPresent()) {
                    return existing.get();
                }
                // the row that was in the way is gone again (rolled back or deleted): insert anew
            }
            throw new SQLException("The tenant's registration kept changing under concurrent writes", "40001");
        });
    }

    @Override
    public Optional<Registration> update(Registration current, Registration next) {
        if (!next.id().equals(current.id()) || !next.tenantId().equals(current.tenantId())) {
            return Optional.empty();
        }
        Registration updated = next.toBuilder().version(current.version() + 1).build();
        Map<String, @Nullable Object> row = RegistrationCodec.row(updated, updated.version());
        TenantId tenant = current.tenantId();
        return sql.inTransaction(tenant, connection -> {
            boolean changed = update(
                    connection,
                    REGISTRATIONS,
                    RegistrationCodec.REGISTRATION_COLUMNS,
                    row,
                    "tenant_id = ? AND id = ?",
                    (statement, first) -> {
                        statement.setString(first, tenant.value());
                        Sql.setId(statement, first + 1, current.id());
                    },
                    current.version());
            return changed ? Optional.of(updated) : Optional.<Registration>empty();
        });
    }

    @Override
    public List<Registration> registrationsDue(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<TenantId> tenants = sql.inTransaction(null, connection -> {
            List<TenantId> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    postgres
                            ? "SELECT tenant_id FROM tt_registrations_due(?, ?)"
                            : "SELECT tenant_id FROM tt_registrations WHERE next_check_at IS NOT NULL"
                                    + " AND next_check_at <= ? ORDER BY next_check_at, id LIMIT ?")) {
                Sql.setInstant(select, 1, now);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(TenantId.of(rows.getString(1)));
                    }
                }
            }
            return found;
        });
        List<Registration> due = new ArrayList<>();
        for (TenantId tenant : tenants) {
            // Read as its tenant; it may have changed since it was listed.
            find(tenant).filter(r -> isDue(r.nextCheckAt(), now)).ifPresent(due::add);
        }
        due.sort(Comparator.comparing((Registration r) -> r.nextCheckAt().orElseThrow())
                .thenComparing(Registration::id));
        return due;
    }

    private static Optional<Registration> registration(Connection connection, TenantId tenant) throws SQLException {
        return select(
                        connection,
                        REGISTRATIONS,
                        RegistrationCodec.REGISTRATION_COLUMNS,
                        "tenant_id = ?",
                        statement -> statement.setString(1, tenant.value()))
                .map(RegistrationCodec::registration);
    }

    // ---------------------------------------------------------------------------------------------
    // Toll-free verifications

    @Override
    public Optional<TollFreeVerification> findTollFree(TenantId tenant, PhoneNumber number) {
        return sql.inTransaction(tenant, connection -> tollFree(connection, tenant, number));
    }

    @Override
    public List<TollFreeVerification> tollFree(TenantId tenant) {
        return sql.inTransaction(tenant, connection -> {
            List<TollFreeVerification> verifications = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT "
                    + names(RegistrationCodec.TOLL_FREE_COLUMNS)
                    + " FROM tt_toll_free_verifications WHERE tenant_id = ?")) {
                select.setString(1, tenant.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        verifications.add(RegistrationCodec.tollFree(read(rows, RegistrationCodec.TOLL_FREE_COLUMNS)));
                    }
                }
            }
            // By number as PhoneNumber orders them, whatever the database's collation.
            verifications.sort(Comparator.comparing(TollFreeVerification::phoneNumber));
            return verifications;
        });
    }

    @Override
    public TollFreeVerification insertIfAbsent(TollFreeVerification verification) {
        TenantId tenant = verification.tenantId();
        Map<String, @Nullable Object> row = RegistrationCodec.row(verification, verification.version());
        return sql.inTransaction(tenant, connection -> {
            for (int attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
                if (insert(connection, TOLL_FREE, RegistrationCodec.TOLL_FREE_COLUMNS, row)) {
                    return verification;
                }
                Optional<TollFreeVerification> existing = tollFree(connection, tenant, verification.phoneNumber());
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            throw new SQLException("The number's verification kept changing under concurrent writes", "40001");
        });
    }

    @Override
    public Optional<TollFreeVerification> update(TollFreeVerification current, TollFreeVerification next) {
        if (!next.id().equals(current.id())
                || !next.tenantId().equals(current.tenantId())
                || !next.phoneNumber().equals(current.phoneNumber())) {
            return Optional.empty();
        }
        TollFreeVerification updated =
                next.toBuilder().version(current.version() + 1).build();
        Map<String, @Nullable Object> row = RegistrationCodec.row(updated, updated.version());
        TenantId tenant = current.tenantId();
        return sql.inTransaction(tenant, connection -> {
            boolean changed = update(
                    connection,
                    TOLL_FREE,
                    RegistrationCodec.TOLL_FREE_COLUMNS,
                    row,
                    "tenant_id = ? AND phone_e164 = ? AND id = ?",
                    (statement, first) -> {
                        statement.setString(first, tenant.value());
                        statement.setString(first + 1, current.phoneNumber().e164());
                        Sql.setId(statement, first + 2, current.id());
                    },
                    current.version());
            return changed ? Optional.of(updated) : Optional.<TollFreeVerification>empty();
        });
    }

    @Override
    public List<TollFreeVerification> tollFreeDue(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        record Key(TenantId tenant, PhoneNumber number) {}
        List<Key> keys = sql.inTransaction(null, connection -> {
            List<Key> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    postgres
                            ? "SELECT tenant_id, phone_e164 FROM tt_toll_free_due(?, ?)"
                            : "SELECT tenant_id, phone_e164 FROM tt_toll_free_verifications WHERE next_check_at IS NOT NULL"
                                    + " AND next_check_at <= ? ORDER BY next_check_at, id LIMIT ?")) {
                Sql.setInstant(select, 1, now);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Key(TenantId.of(rows.getString(1)), PhoneNumber.ofE164(rows.getString(2))));
                    }
                }
            }
            return found;
        });
        List<TollFreeVerification> due = new ArrayList<>();
        for (Key key : keys) {
            findTollFree(key.tenant(), key.number())
                    .filter(v -> isDue(v.nextCheckAt(), now))
                    .ifPresent(due::add);
        }
        due.sort(
                Comparator.comparing((TollFreeVerification v) -> v.nextCheckAt().orElseThrow())
                        .thenComparing(TollFreeVerification::id));
        return due;
    }

    private static Optional<TollFreeVerification> tollFree(Connection connection, TenantId tenant, PhoneNumber number)
            throws SQLException {
        return select(
                        connection,
                        TOLL_FREE,
                        RegistrationCodec.TOLL_FREE_COLUMNS,
                        "tenant_id = ? AND phone_e164 = ?",
                        statement -> {
                            statement.setString(1, tenant.value());
                            statement.setString(2, number.e164());
                        })
                .map(RegistrationCodec::tollFree);
    }

    // ---------------------------------------------------------------------------------------------
    // Rows

    private static boolean isDue(Optional<Instant> nextCheckAt, Instant now) {
        return nextCheckAt.filter(at -> !at.isAfter(now)).isPresent();
    }

    /** Inserts {@code row} unless its key is taken; returns whether it did. */
    private static boolean insert(
            Connection connection, String table, List<Column> columns, Map<String, @Nullable Object> row)
            throws SQLException {
        StringJoiner values = new StringJoiner(", ");
        columns.forEach(column -> values.add("?"));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (" + names(columns) + ") VALUES (" + values + ")")) {
            bind(insert, 1, columns, row);
            return Sql.insertUnlessDuplicate(connection, insert);
        }
    }

    /**
     * Sets every column of the row found by {@code key} (its tenant first) to {@code row}'s, if its
     * version is still {@code expectedVersion}; returns whether it did. PostgreSQL re-checks the
     * condition on the row as committed by a concurrent update it waited for.
     */
    private static boolean update(
            Connection connection,
            String table,
            List<Column> columns,
            Map<String, @Nullable Object> row,
            String key,
            Sql.Parameters keyParameters,
            long expectedVersion)
            throws SQLException {
        StringJoiner assignments = new StringJoiner(", ");
        for (Column column : columns) {
            assignments.add(column.name() + " = ?");
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET " + assignments + " WHERE version = ? AND " + key)) {
            int next = bind(update, 1, columns, row);
            update.setLong(next, expectedVersion);
            keyParameters.bind(update, next + 1);
            return update.executeUpdate() == 1;
        }
    }

    private static Optional<Map<String, @Nullable Object>> select(
            Connection connection, String table, List<Column> columns, String condition, Sql.Binder binder)
            throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + names(columns) + " FROM " + table + " WHERE " + condition)) {
            binder.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows, columns)) : Optional.empty();
            }
        }
    }

    private static String names(List<Column> columns) {
        StringJoiner names = new StringJoiner(", ");
        for (Column column : columns) {
            names.add(column.name());
        }
        return names.toString();
    }

    /** Binds {@code row}'s values from parameter {@code first} on; returns the next parameter's index. */
    private static int bind(
            PreparedStatement statement, int first, List<Column> columns, Map<String, @Nullable Object> row)
            throws SQLException {
        int index = first;
        for (Column column : columns) {
            Object value = row.get(column.name());
            switch (column.type()) {
                case ID -> Sql.setId(statement, index, (String) Objects.requireNonNull(value, column.name()));
                case INT -> Sql.setNullableInt(statement, index, (Integer) value);
                case LONG -> Sql.setNullableLong(statement, index, (Long) value);
                case BOOLEAN -> {
                    if (value == null) {
                        statement.setNull(index, Types.BOOLEAN);
                    } else {
                        statement.setBoolean(index, (Boolean) value);
                    }
                }
                case TIME -> Sql.setInstant(statement, index, (Instant) value);
                default -> statement.setString(index, (String) value);
            }
            index++;
        }
        return index;
    }

    private static Map<String, @Nullable Object> read(ResultSet rows, List<Column> columns) throws SQLException {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        for (Column column : columns) {
            String name = column.name();
            Object value = switch (column.type()) {
                case INT -> Sql.nullableInt(rows, name);
                case LONG -> {
                    long number = rows.getLong(name);
                    yield rows.wasNull() ? null : number;
                }
                case BOOLEAN -> {
                    boolean flag = rows.getBoolean(name);
                    yield rows.wasNull() ? null : flag;
                }
                case TIME -> Sql.instant(rows, name);
                default -> rows.getString(name);
            };
            row.put(name, value);
        }
        return row;
    }

    @Override
    public String toString() {
        return "JdbcRegistrationStore[" + sql.dialect() + "]";
    }
}
