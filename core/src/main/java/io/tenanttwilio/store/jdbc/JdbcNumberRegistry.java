package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.NumberRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link NumberRegistry} in {@code tt_numbers} (the records, tenant-scoped) and {@code
 * tt_number_routes} (what routing needs before the tenant is known). Both change in the same
 * transaction, as the record's tenant. Lookups that come before the tenant is known (a webhook's
 * key, a number, a Messaging Service, the scheduled jobs' lists) read the routing directory; on
 * PostgreSQL only through the schema's read-only routing functions, since row-level security
 * confines every direct read or write to the transaction's tenant. Thread-safe.
 */
public final class JdbcNumberRegistry implements NumberRegistry {

    private static final String COLUMNS = "id, tenant_id, purchase_key, requested, phone_e164, twilio_sid, account_sid,"
            + " webhook_key, sms_url, status_callback_url, friendly_name, state, problem, created_at, updated_at, version";

    /** A route: which tenant a record belongs to. */
    private record Route(String recordId, TenantId tenant) {}

    /** The states in which a number is owned (routed by {@link #findOwned}). */
    private static final String[] OWNED_STATES = {"PURCHASED", "CONFIGURED", "ACTIVE", "NEEDS_ATTENTION", "RELEASING"};

    private final Sql sql;
    private final boolean postgres;

    JdbcNumberRegistry(Sql sql) {
        this.sql = sql;
        this.postgres = sql.isPostgreSql();
    }

    @Override
    public NumberRecord insertIfAbsent(NumberRecord record) {
        TenantId tenant = record.tenantId();
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tt_numbers (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, record, record.version());
                if (!Sql.insertUnlessDuplicate(connection, insert)) {
                    return byPurchaseKey(connection, tenant, record.purchaseKey())
                            .orElseThrow(() -> new SQLException("Duplicate webhook key or id", "23505"));
                }
            }
            try (PreparedStatement route = connection.prepareStatement(
                    "INSERT INTO tt_number_routes (record_id, webhook_key, phone_e164, account_sid, tenant_id, state,"
                            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                Sql.setId(route, 1, record.id());
                route.setString(2, record.webhookKey());
                route.setString(3, record.phoneNumber().map(PhoneNumber::e164).orElse(null));
                route.setString(4, record.accountSid());
                route.setString(5, tenant.value());
                route.setString(6, record.state().name());
                Sql.setInstant(route, 7, record.createdAt());
                Sql.setInstant(route, 8, record.updatedAt());
                route.executeUpdate();
            }
            return record;
        });
    }

    @Override
    public Optional<NumberRecord> update(NumberRecord current, NumberRecord next) {
        if (!next.id().equals(current.id())) {
            return Optional.empty();
        }
        NumberRecord updated = next.toBuilder().version(current.version() + 1).build();
        return sql.inTransaction(current.tenantId(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tt_numbers SET tenant_id = ?, purchase_key = ?, requested = ?, phone_e164 = ?, twilio_sid = ?,"
                            + " account_sid = ?, webhook_key = ?, sms_url = ?, status_callback_url = ?, friendly_name = ?,"
                            + " state = ?, problem = ?, created_at = ?, updated_at = ?, version = ?"
                            + " WHERE id = ? AND tenant_id = ? AND version = ?")) {
                update.setString(1, updated.tenantId().value());
                update.setString(2, updated.purchaseKey());
                update.setString(3, updated.requested());
                update.setString(4, updated.phoneNumber().map(PhoneNumber::e164).orElse(null));
                update.setString(5, updated.twilioSid().orElse(null));
                update.setString(6, updated.accountSid());
                update.setString(7, updated.webhookKey());
                update.setString(8, updated.smsUrl());
                update.setString(9, updated.statusCallbackUrl());
                update.setString(10, updated.friendlyName());
                update.setString(11, updated.state().name());
                update.setString(12, updated.problem().map(Enum::name).orElse(null));
                Sql.setInstant(update, 13, updated.createdAt());
                Sql.setInstant(update, 14, updated.updatedAt());
                update.setLong(15, updated.version());
                Sql.setId(update, 16, current.id());
                update.setString(17, current.tenantId().value());
                update.setLong(18, current.version());
                if (update.executeUpdate() != 1) {
                    return Optional.<NumberRecord>empty();
                }
            }
            try (PreparedStatement route = connection.prepareStatement(
                    "UPDATE tt_number_routes SET webhook_key = ?, phone_e164 = ?, account_sid = ?, state = ?,"
                            + " updated_at = ? WHERE tenant_id = ? AND record_id = ?")) {
                route.setString(1, updated.webhookKey());
                route.setString(2, updated.phoneNumber().map(PhoneNumber::e164).orElse(null));
                route.setString(3, updated.accountSid());
                route.setString(4, updated.state().name());
                Sql.setInstant(route, 5, updated.updatedAt());
                route.setString(6, current.tenantId().value());
                Sql.setId(route, 7, updated.id());
                route.executeUpdate();
            }
            return Optional.of(updated);
        });
    }

    @Override
    public Optional<NumberRecord> findById(String id) {
        if (!Sql.isId(id)) {
            return Optional.empty();
        }
        return routed(
                postgres
                        ? "SELECT record_id, tenant_id FROM tt_route_by_record(?)"
                        : "SELECT record_id, tenant_id FROM tt_number_routes WHERE record_id = ?",
                select -> Sql.setId(select, 1, id));
    }

    @Override
    public Optional<NumberRecord> findByWebhookKey(String webhookKey) {
        return routed(
                postgres
                        ? "SELECT record_id, tenant_id FROM tt_route_by_webhook_key(?)"
                        : "SELECT record_id, tenant_id FROM tt_number_routes WHERE webhook_key = ?",
                select -> select.setString(1, webhookKey));
    }

    @Override
    public Optional<NumberRecord> findOwned(PhoneNumber number) {
        List<Route> routes = routes(
                postgres
                        ? "SELECT record_id, tenant_id FROM tt_routes_by_phone(?, ?)"
                        : "SELECT record_id, tenant_id FROM tt_number_routes WHERE phone_e164 = ? AND state IN ("
                                + placeholders(OWNED_STATES.length) + ") ORDER BY created_at DESC",
                (connection, select) -> {
                    select.setString(1, number.e164());
                    bindStates(connection, select, 2, List.of(OWNED_STATES));
                });
        for (Route route : routes) {
            Optional<NumberRecord> record = record(route);
            if (record.isPresent() && record.get().state().isOwned()) {
                return record;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<NumberRecord> findByPurchaseKey(TenantId tenant, String purchaseKey) {
        return sql.inTransaction(tenant, connection -> byPurchaseKey(connection, tenant, purchaseKey));
    }

    private static Optional<NumberRecord> byPurchaseKey(Connection connection, TenantId tenant, String purchaseKey)
            throws SQLException {
        return select(connection, "tenant_id = ? AND purchase_key = ?", select -> {
            select.setString(1, tenant.value());
            select.setString(2, purchaseKey);
        });
    }

    @Override
    public List<NumberRecord> findByTenant(TenantId tenant) {
        return sql.inTransaction(tenant, connection -> {
            List<NumberRecord> records = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM tt_numbers WHERE tenant_id = ? ORDER BY created_at, id")) {
                select.setString(1, tenant.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        records.add(read(rows));
                    }
                }
            }
            return records;
        });
    }

    @Override
    public List<NumberRecord> findByStates(Set<NumberState> states, @Nullable String afterId, int limit) {
        if (afterId != null && !Sql.isId(afterId)) {
            return List.of();
        }
        return byStates(
                states,
                postgres
                        ? "SELECT record_id, tenant_id FROM tt_routes_in_states_after(?, ?, ?)"
                        : "SELECT record_id, tenant_id FROM tt_number_routes WHERE state IN ("
                                + placeholders(states.size()) + ")" + (afterId == null ? "" : " AND record_id > ?")
                                + " ORDER BY record_id LIMIT ?",
                (connection, select) -> {
                    int next = bindStates(connection, select, 1, names(states));
                    if (postgres) {
                        select.setObject(next++, afterId == null ? null : Sql.id(afterId), java.sql.Types.OTHER);
                    } else if (afterId != null) {
                        Sql.setId(select, next++, afterId);
                    }
                    select.setInt(next, limit);
                },
                limit);
    }

    @Override
    public List<NumberRecord> findByStates(Set<NumberState> states, int limit) {
        return byStates(
                states,
                postgres
                        ? "SELECT record_id, tenant_id FROM tt_routes_in_states_oldest(?, ?)"
                        : "SELECT record_id, tenant_id FROM tt_number_routes WHERE state IN ("
                                + placeholders(states.size()) + ") ORDER BY updated_at, record_id LIMIT ?",
                (connection, select) -> select.setInt(bindStates(connection, select, 1, names(states)), limit),
                limit);
    }

    /** Records in {@code states}, found by their routes (no tenant needed), then read as their tenant. */
    private List<NumberRecord> byStates(Set<NumberState> states, String query, RouteQuery binder, int limit) {
        if (states.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<NumberRecord> records = new ArrayList<>();
        for (Route route : routes(query, binder)) {
            record(route).filter(r -> states.contains(r.state())).ifPresent(records::add);
        }
        return records;
    }

    private static List<String> names(Set<NumberState> states) {
        List<String> names = new ArrayList<>();
        for (NumberState state : states) {
            names.add(state.name());
        }
        return names;
    }

    private static String placeholders(int count) {
        StringBuilder placeholders = new StringBuilder();
        for (int i = 0; i < count; i++) {
            placeholders.append(i == 0 ? "?" : ", ?");
        }
        return placeholders.toString();
    }

    /**
     * Binds the states from parameter {@code first} on: one array on PostgreSQL (the routing
     * functions' parameter), one parameter each on H2. Returns the next parameter's index.
     */
    private int bindStates(Connection connection, PreparedStatement select, int first, List<String> states)
            throws SQLException {
        if (postgres) {
            select.setArray(first, connection.createArrayOf("varchar", states.toArray()));
            return first + 1;
        }
        int i = first;
        for (String state : states) {
            select.setString(i++, state);
        }
        return i;
    }

    /**
     * Links the service to {@code tenant}, as that tenant: a service another tenant linked first
     * stays theirs (row-level security would not let this tenant change their row anyway), and
     * the call fails.
     */
    @Override
    public void linkMessagingService(TenantId tenant, String accountSid, String messagingServiceSid) {
        sql.inTransaction(tenant, connection -> {
            boolean inserted = sql.insertUnlessDuplicate(
                    connection,
                    "INSERT INTO tt_messaging_services (tenant_id, account_sid, service_sid) VALUES (?, ?, ?)",
                    insert -> {
                        insert.setString(1, tenant.value());
                        insert.setString(2, accountSid);
                        insert.setString(3, messagingServiceSid);
                    });
            if (!inserted) {
                try (PreparedStatement own = connection.prepareStatement("SELECT 1 FROM tt_messaging_services"
                        + " WHERE tenant_id = ? AND account_sid = ? AND service_sid = ?")) {
                    own.setString(1, tenant.value());
                    own.setString(2, accountSid);
                    own.setString(3, messagingServiceSid);
                    try (ResultSet rows = own.executeQuery()) {
                        if (!rows.next()) {
                            throw new IllegalStateException("The Messaging Service is linked to another tenant");
                        }
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Optional<TenantId> findTenantByMessagingService(String accountSid, String messagingServiceSid) {
        return sql.inTransaction(null, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    postgres
                            ? "SELECT tenant_id FROM tt_tenant_by_messaging_service(?, ?)"
                            : "SELECT tenant_id FROM tt_messaging_services WHERE account_sid = ? AND service_sid = ?")) {
                select.setString(1, accountSid);
                select.setString(2, messagingServiceSid);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(TenantId.of(rows.getString(1))) : Optional.<TenantId>empty();
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------------

    /** Binds a routing query's parameters. */
    @FunctionalInterface
    private interface RouteQuery {
        void bind(Connection connection, PreparedStatement select) throws SQLException;
    }

    /** Routes read from the directory, before any tenant is known. */
    private List<Route> routes(String query, RouteQuery binder) {
        return sql.inTransaction(null, connection -> {
            List<Route> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(query)) {
                binder.bind(connection, select);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Route(rows.getString(1), TenantId.of(rows.getString(2))));
                    }
                }
            }
            return found;
        });
    }

    /** The record of the route {@code query} finds, in one transaction: the route, then the record as its tenant. */
    private Optional<NumberRecord> routed(String query, Sql.Binder binder) {
        return sql.inTransaction(null, connection -> {
            Route route;
            try (PreparedStatement select = connection.prepareStatement(query)) {
                binder.bind(select);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    route = new Route(rows.getString(1), TenantId.of(rows.getString(2)));
                }
            }
            sql.scope(connection, route.tenant());
            return byId(connection, route);
        });
    }

    /** The full record of a route, read as its tenant. */
    private Optional<NumberRecord> record(Route route) {
        return sql.inTransaction(route.tenant(), connection -> byId(connection, route));
    }

    private static Optional<NumberRecord> byId(Connection connection, Route route) throws SQLException {
        return select(connection, "tenant_id = ? AND id = ?", select -> {
            select.setString(1, route.tenant().value());
            Sql.setId(select, 2, route.recordId());
        });
    }

    private static Optional<NumberRecord> select(Connection connection, String condition, Sql.Binder binder)
            throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM tt_numbers WHERE " + condition)) {
            binder.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static void bind(PreparedStatement insert, NumberRecord record, long version) throws SQLException {
        Sql.setId(insert, 1, record.id());
        insert.setString(2, record.tenantId().value());
        insert.setString(3, record.purchaseKey());
        insert.setString(4, record.requested());
        insert.setString(5, record.phoneNumber().map(PhoneNumber::e164).orElse(null));
        insert.setString(6, record.twilioSid().orElse(null));
        insert.setString(7, record.accountSid());
        insert.setString(8, record.webhookKey());
        insert.setString(9, record.smsUrl());
        insert.setString(10, record.statusCallbackUrl());
        insert.setString(11, record.friendlyName());
        insert.setString(12, record.state().name());
        insert.setString(13, record.problem().map(Enum::name).orElse(null));
        Sql.setInstant(insert, 14, record.createdAt());
        Sql.setInstant(insert, 15, record.updatedAt());
        insert.setLong(16, version);
    }

    private static NumberRecord read(ResultSet rows) throws SQLException {
        String phone = rows.getString("phone_e164");
        String problem = rows.getString("problem");
        return NumberRecord.builder()
                .id(rows.getString("id"))
                .tenantId(TenantId.of(rows.getString("tenant_id")))
                .purchaseKey(rows.getString("purchase_key"))
                .requested(rows.getString("requested"))
                .phoneNumber(phone == null ? null : PhoneNumber.ofE164(phone))
                .twilioSid(rows.getString("twilio_sid"))
                .accountSid(rows.getString("account_sid"))
                .webhookKey(rows.getString("webhook_key"))
                .smsUrl(rows.getString("sms_url"))
                .statusCallbackUrl(rows.getString("status_callback_url"))
                .friendlyName(rows.getString("friendly_name"))
                .state(NumberState.valueOf(rows.getString("state")))
                .problem(problem == null ? null : errorCode(problem))
                .createdAt(Sql.requiredInstant(rows, "created_at"))
                .updatedAt(Sql.requiredInstant(rows, "updated_at"))
                .version(rows.getLong("version"))
                .build();
    }

    private static @Nullable ErrorCode errorCode(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.TWILIO_ERROR;
        }
    }

    @Override
    public String toString() {
        return "JdbcNumberRegistry[" + sql.dialect() + "]";
    }
}
