package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.NumberState;
import io.tenanttwilio.PhoneNumber;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.spi.NumberRecord;
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
 * transaction. Thread-safe.
 */
public final class JdbcNumberRegistry implements NumberRegistry {

    private static final String COLUMNS = "id, tenant_id, purchase_key, requested, phone_e164, twilio_sid, account_sid,"
            + " webhook_key, sms_url, status_callback_url, friendly_name, state, problem, created_at, updated_at, version";

    /** A route: which tenant a record belongs to. */
    private record Route(String recordId, TenantId tenant) {}

    private final Sql sql;

    JdbcNumberRegistry(Sql sql) {
        this.sql = sql;
    }

    @Override
    public NumberRecord insertIfAbsent(NumberRecord record) {
        TenantId tenant = record.tenantId();
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tt_numbers (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, record, record.version());
                if (!Sql.insertUnlessDuplicate(connection, insert)) {
                    return select(
                                    connection,
                                    "tenant_id = ? AND purchase_key = ?",
                                    tenant.value(),
                                    record.purchaseKey())
                            .orElseThrow(() -> new SQLException("Duplicate webhook key or id", "23505"));
                }
            }
            try (PreparedStatement route = connection.prepareStatement(
                    "INSERT INTO tt_number_routes (record_id, webhook_key, phone_e164, account_sid, tenant_id, state,"
                            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                route.setString(1, record.id());
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
                update.setString(16, current.id());
                update.setString(17, current.tenantId().value());
                update.setLong(18, current.version());
                if (update.executeUpdate() != 1) {
                    return Optional.<NumberRecord>empty();
                }
            }
            try (PreparedStatement route = connection.prepareStatement(
                    "UPDATE tt_number_routes SET webhook_key = ?, phone_e164 = ?, account_sid = ?, state = ?,"
                            + " updated_at = ? WHERE record_id = ?")) {
                route.setString(1, updated.webhookKey());
                route.setString(2, updated.phoneNumber().map(PhoneNumber::e164).orElse(null));
                route.setString(3, updated.accountSid());
                route.setString(4, updated.state().name());
                Sql.setInstant(route, 5, updated.updatedAt());
                route.setString(6, updated.id());
                route.executeUpdate();
            }
            return Optional.of(updated);
        });
    }

    @Override
    public Optional<NumberRecord> findById(String id) {
        return routed("record_id = ?", id);
    }

    @Override
    public Optional<NumberRecord> findByWebhookKey(String webhookKey) {
        return routed("webhook_key = ?", webhookKey);
    }

    @Override
    public Optional<NumberRecord> findOwned(PhoneNumber number) {
        List<Route> routes = routes(
                "SELECT record_id, tenant_id FROM tt_number_routes WHERE phone_e164 = ? AND state IN ('PURCHASED',"
                        + " 'CONFIGURED', 'ACTIVE', 'NEEDS_ATTENTION', 'RELEASING') ORDER BY created_at DESC",
                number.e164());
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
        return sql.inTransaction(
                tenant,
                connection -> select(connection, "tenant_id = ? AND purchase_key = ?", tenant.value(), purchaseKey));
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
        return byStates(states, " AND record_id > ? ORDER BY record_id", afterId == null ? "" : afterId, limit);
    }

    @Override
    public List<NumberRecord> findByStates(Set<NumberState> states, int limit) {
        return byStates(states, " ORDER BY updated_at, record_id", null, limit);
    }

    /** Records in {@code states}, found by their routes (no tenant needed), then read as their tenant. */
    private List<NumberRecord> byStates(Set<NumberState> states, String rest, @Nullable String after, int limit) {
        if (states.isEmpty() || limit <= 0) {
            return List.of();
        }
        StringBuilder placeholders = new StringBuilder();
        for (int i = 0; i < states.size(); i++) {
            placeholders.append(i == 0 ? "?" : ", ?");
        }
        List<Route> routes = sql.inTransaction(null, connection -> {
            List<Route> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT record_id, tenant_id FROM tt_number_routes WHERE state IN (" + placeholders + ")" + rest)) {
                int i = 1;
                for (NumberState state : states) {
                    select.setString(i++, state.name());
                }
                if (after != null) {
                    select.setString(i, after);
                }
                select.setMaxRows(limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Route(rows.getString(1), TenantId.of(rows.getString(2))));
                    }
                }
            }
            return found;
        });
        List<NumberRecord> records = new ArrayList<>();
        for (Route route : routes) {
            record(route).filter(r -> states.contains(r.state())).ifPresent(records::add);
        }
        return records;
    }

    @Override
    public void linkMessagingService(TenantId tenant, String accountSid, String messagingServiceSid) {
        sql.inTransaction(null, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tt_messaging_services SET tenant_id = ? WHERE account_sid = ? AND service_sid = ?")) {
                update.setString(1, tenant.value());
                update.setString(2, accountSid);
                update.setString(3, messagingServiceSid);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO tt_messaging_services (tenant_id, account_sid, service_sid) VALUES (?, ?, ?)")) {
                        insert.setString(1, tenant.value());
                        insert.setString(2, accountSid);
                        insert.setString(3, messagingServiceSid);
                        if (!Sql.insertUnlessDuplicate(connection, insert)) {
                            update.executeUpdate();
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
                    "SELECT tenant_id FROM tt_messaging_services WHERE account_sid = ? AND service_sid = ?")) {
                select.setString(1, accountSid);
                select.setString(2, messagingServiceSid);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(TenantId.of(rows.getString(1))) : Optional.<TenantId>empty();
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------------

    private List<Route> routes(String query, String value) {
        return sql.inTransaction(null, connection -> {
            List<Route> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(query)) {
                select.setString(1, value);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Route(rows.getString(1), TenantId.of(rows.getString(2))));
                    }
                }
            }
            return found;
        });
    }

    /** The record of the route found by {@code condition}, in one transaction: the route, then the record as its tenant. */
    private Optional<NumberRecord> routed(String condition, String value) {
        return sql.inTransaction(null, connection -> {
            Route route;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT record_id, tenant_id FROM tt_number_routes WHERE " + condition)) {
                select.setString(1, value);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    route = new Route(rows.getString(1), TenantId.of(rows.getString(2)));
                }
            }
            sql.scope(connection, route.tenant());
            return select(
                    connection,
                    "id = ? AND tenant_id = ?",
                    route.recordId(),
                    route.tenant().value());
        });
    }

    /** The full record of a route, read as its tenant. */
    private Optional<NumberRecord> record(Route route) {
        return sql.inTransaction(
                route.tenant(),
                connection -> select(
                        connection,
                        "id = ? AND tenant_id = ?",
                        route.recordId(),
                        route.tenant().value()));
    }

    private static Optional<NumberRecord> select(Connection connection, String condition, String... values)
            throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM tt_numbers WHERE " + condition)) {
            for (int i = 0; i < values.length; i++) {
                select.setString(i + 1, values[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static void bind(PreparedStatement insert, NumberRecord record, long version) throws SQLException {
        insert.setString(1, record.id());
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
