package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Backoff;
import io.tenanttwilio.internal.support.Redaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Transactions of the JDBC stores: one connection, one transaction, the tenant set for
 * PostgreSQL's row-level security, and failures turned into exceptions without data in their
 * messages (a unique-key violation message would quote the values).
 */
final class Sql {

    /** The databases the stores know. */
    enum Dialect {
        POSTGRESQL,
        H2
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Sets the tenant of the transaction for PostgreSQL's row-level security (its parameter). */
    private static final String SCOPE = "SELECT set_config('tenant_twilio.tenant_id', ?, true)";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final boolean autovacuumOff;
    private final JdbcStores.ConnectedRole role;

    /**
     * Learns the database's kind, and on PostgreSQL its autovacuum setting and what the connected
     * role is to row-level security, on one connection.
     */
    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection()) {
            this.dialect = detect(connection);
            boolean postgres = isPostgreSql();
            this.autovacuumOff = postgres && autovacuumOff(connection);
            this.role = postgres ? role(connection) : JdbcStores.ConnectedRole.NO_ROW_LEVEL_SECURITY;
        } catch (SQLException e) {
            throw failure("connect", e);
        }
    }

    /** What the connected role is to row-level security (H2: it has none). */
    JdbcStores.ConnectedRole role() {
        return role;
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Whether the database is PostgreSQL: where the stores use what only it has (row-level
     * security and the schema's routing functions, statements that insert several rows).
     */
    boolean isPostgreSql() {
        return dialect == Dialect.POSTGRESQL;
    }

    /** Whether PostgreSQL's autovacuum was off when this was made (false on H2, or when unreadable). */
    boolean autovacuumOff() {
        return autovacuumOff;
    }

    DataSource dataSource() {
        return dataSource;
    }

    private static Dialect detect(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return Dialect.POSTGRESQL;
        }
        if (product.contains("h2")) {
            return Dialect.H2;
        }
        throw new IllegalArgumentException("tenant-twilio's JDBC stores support PostgreSQL and H2, not " + product);
    }

    private static boolean autovacuumOff(Connection connection) {
        try {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT current_setting('autovacuum')")) {
                return rows.next() && "off".equals(rows.getString(1));
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        } catch (SQLException e) {
            return false; // only a warning depends on it
        }
    }

    /**
     * The connected role on PostgreSQL: a superuser or a {@code BYPASSRLS} role is not subject to
     * row-level security at all; the owner of the tables is (they are {@code FORCE}d), but may
     * read the routing directory and could turn the policies off.
     */
    private static JdbcStores.ConnectedRole role(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT r.rolsuper, r.rolbypassrls,"
                        + " COALESCE(pg_has_role(current_user, (SELECT c.relowner FROM pg_class c"
                        + " WHERE c.oid = to_regclass('tt_messages')), 'USAGE'), false)"
                        + " FROM pg_roles r WHERE r.rolname = current_user")) {
            if (!rows.next()) {
                return JdbcStores.ConnectedRole.ORDINARY;
            }
            if (rows.getBoolean(1)) {
                return JdbcStores.ConnectedRole.SUPERUSER;
            }
            if (rows.getBoolean(2)) {
                return JdbcStores.ConnectedRole.BYPASSES_ROW_LEVEL_SECURITY;
            }
            return rows.getBoolean(3) ? JdbcStores.ConnectedRole.TABLE_OWNER : JdbcStores.ConnectedRole.ORDINARY;
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        }
    }

    /**
     * Runs {@code work} in one transaction, as {@code tenant} (or as no tenant). A failure raised
     * once the commit was sent is {@linkplain JdbcStoreException#mayHaveApplied() marked}: the
     * database may have committed it (the connection was lost before its answer came back).
     */
    <T> T inTransaction(@Nullable TenantId tenant, Work<T> work) {
        return transaction(connection -> {
            scope(connection, tenant);
            return work.apply(connection);
        });
    }

    /**
     * Like {@link #inTransaction}, with {@code query} (a SELECT) as the transaction's first
     * statement, its parameters bound by {@code parameters} from the index it is given, its rows
     * handed to {@code work}. On PostgreSQL the tenant scope travels with the query: one round trip
     * less than a scope of its own (the pipeline receiving an SMS is four round trips, not five).
     */
    <T> T inTransactionFrom(@Nullable TenantId tenant, String query, Parameters parameters, Rows<T> work) {
        return transaction(connection -> {
            boolean scoped = isPostgreSql();
            try (PreparedStatement statement = connection.prepareStatement(scoped ? SCOPE + "; " + query : query)) {
                if (scoped) {
                    bindScope(statement, tenant);
                }
                parameters.bind(statement, scoped ? 2 : 1);
                ResultSet rows;
                if (scoped) {
                    statement.execute(); // the scope's own row
                    if (!statement.getMoreResults()) {
                        throw new SQLException("The query after the tenant scope returned no rows", "02000");
                    }
                    rows = statement.getResultSet();
                } else {
                    rows = statement.executeQuery();
                }
                try (rows) {
                    return work.apply(connection, rows);
                }
            }
        });
    }

    /** Parameters of a statement, from index {@code first} on. */
    @FunctionalInterface
    interface Parameters {
        void bind(PreparedStatement statement, int first) throws SQLException;
    }

    /** Work on a transaction's first rows, and on. */
    @FunctionalInterface
    interface Rows<T> {
        T apply(Connection connection, ResultSet rows) throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        boolean committing = false;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                committing = true;
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the pool will discard it
                }
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // as above
                }
            }
        } catch (SQLException e) {
            throw committing ? failure("commit", e, true) : failure("transaction", e);
        }
    }

    /**
     * {@link #inTransaction} tried again, after pauses of {@code firstPause} then twice as long, up
     * to {@code attempts} times in all, while it fails before its commit was sent: such a
     * transaction was rolled back, so another try cannot apply it twice. A failure that {@linkplain
     * JdbcStoreException#mayHaveApplied() may have applied} is thrown at once, as is the last one.
     * For changes that are not idempotent, such as taking units off a counter.
     */
    <T> T inTransactionRetrying(@Nullable TenantId tenant, int attempts, Duration firstPause, Work<T> work) {
        return Backoff.retry(
                attempts,
                firstPause,
                e -> e instanceof JdbcStoreException failure && !failure.mayHaveApplied(),
                () -> inTransaction(tenant, work));
    }

    /**
     * Sets the tenant whose rows the rest of the current transaction sees and writes on PostgreSQL
     * (its row-level security), or none.
     */
    void scope(Connection connection, @Nullable TenantId tenant) throws SQLException {
        if (isPostgreSql()) {
            try (PreparedStatement scope = connection.prepareStatement(SCOPE)) {
                bindScope(scope, tenant);
                scope.execute();
            }
        }
    }

    /** Binds {@link #SCOPE}'s parameter: the tenant, or none (empty). */
    private static void bindScope(PreparedStatement scope, @Nullable TenantId tenant) throws SQLException {
        scope.setString(1, tenant == null ? "" : tenant.value());
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs {@code insert} (an INSERT statement), bound by {@code binder}, unless it would hit a
     * unique key; returns whether it inserted. On PostgreSQL the row is skipped with {@code ON
     * CONFLICT DO NOTHING}, in one round trip; on H2 the violation is caught without a savepoint:
     * H2 undoes a failed statement by itself and the transaction goes on.
     */
    boolean insertUnlessDuplicate(Connection connection, String insert, Binder binder) throws SQLException {
        if (isPostgreSql()) {
            try (PreparedStatement statement = connection.prepareStatement(insert + " ON CONFLICT DO NOTHING")) {
                binder.bind(statement);
                return statement.executeUpdate() > 0;
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            binder.bind(statement);
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Runs an insert that may hit a unique key; returns whether it inserted. Inside a transaction,
     * through a savepoint, so that PostgreSQL's transaction survives the violation.
     */
    static boolean insertUnlessDuplicate(Connection connection, PreparedStatement insert) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            insert.executeUpdate();
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                connection.rollback(savepoint);
                return false;
            }
            throw e;
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if ("23505".equals(current.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant) throws SQLException {
        if (instant == null) {
            statement.setTimestamp(index, null);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    static @Nullable Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Instant requiredInstant(ResultSet rows, String column) throws SQLException {
        Instant value = instant(rows, column);
        if (value == null) {
            Timestamp fallback = rows.getTimestamp(column);
            if (fallback == null) {
                throw new SQLException("Column " + column + " is null");
            }
            return fallback.toInstant();
        }
        return value;
    }

    /**
     * Binds a row identifier made by the SDK (a UUID in text) as the database's native {@code
     * uuid}.
     *
     * @throws SQLException when {@code id} is not a UUID (a caller that takes ids from outside
     *     checks them first with {@link #isId})
     */
    static void setId(PreparedStatement statement, int index, String id) throws SQLException {
        statement.setObject(index, id(id));
    }

    /** {@code id} as a UUID, or an {@link SQLException} (SQL state 22P02, invalid text) when it is not one. */
    static UUID id(String id) throws SQLException {
        UUID uuid = uuidOrNull(id);
        if (uuid == null) {
            throw new SQLException("Not a row identifier", "22P02");
        }
        return uuid;
    }

    /**
     * Whether {@code id} can name a row: ids from outside (a URL, a form) that are not UUIDs name
     * no row, so a lookup answers "none" rather than fail.
     */
    static boolean isId(@Nullable String id) {
        return uuidOrNull(id) != null;
    }

    private static @Nullable UUID uuidOrNull(@Nullable String id) {
        if (id == null || id.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static void setNullableInt(PreparedStatement statement, int index, @Nullable Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    static void setNullableLong(PreparedStatement statement, int index, @Nullable Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    static @Nullable Integer nullableInt(ResultSet rows, String column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    /** A store failure described by its SQL state, with any phone number in the driver's text masked. */
    static JdbcStoreException failure(String operation, SQLException e) {
        return failure(operation, e, false);
    }

    private static JdbcStoreException failure(String operation, SQLException e, boolean mayHaveApplied) {
        String detail = e.getMessage() == null ? "" : Redaction.maskPhonesIn(e.getMessage());
        int cut = detail.indexOf("Detail:");
        if (cut >= 0) {
            detail = detail.substring(0, cut).trim(); // PostgreSQL quotes the row's values after "Detail:"
        }
        return new JdbcStoreException(
                "Database " + operation + " failed (SQL state " + e.getSQLState() + "): " + detail, e, mayHaveApplied);
    }

    /** A failure of the database; callers report it as {@code STORAGE_UNAVAILABLE}. */
    static final class JdbcStoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final boolean mayHaveApplied;

        JdbcStoreException(String message, SQLException cause, boolean mayHaveApplied) {
            super(message, null);
            this.mayHaveApplied = mayHaveApplied;
            setStackTrace(cause.getStackTrace());
        }

        /**
         * Whether the transaction may have been committed all the same: the failure came once its
         * commit was sent. Otherwise it was rolled back.
         */
        boolean mayHaveApplied() {
            return mayHaveApplied;
        }
    }
}
