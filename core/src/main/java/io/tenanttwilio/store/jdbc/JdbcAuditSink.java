package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.internal.support.Paging;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.AuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditLog} in {@code tt_audit_events}, queryable per tenant. A failure to record is
 * logged, never thrown: the audit trail must not stop the action it describes. Thread-safe.
 */
public final class JdbcAuditSink implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditSink.class);

    private final Sql sql;

    JdbcAuditSink(Sql sql) {
        this.sql = sql;
    }

    /**
     * Records the event: a tenant's in its trail; one that names no tenant (a webhook for a key no
     * number has) in the platform's, which no tenant and no ordinary query reads
     * ({@link #platformEvents}).
     */
    @Override
    public void record(AuditEvent event) {
        TenantId tenant = event.tenantId().orElse(null);
        try {
            sql.inTransaction(tenant, connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        tenant == null
                                ? "INSERT INTO tt_platform_audit_events (at, actor, action, phone_e164, outcome, error_code,"
                                        + " twilio_request_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                                : "INSERT INTO tt_audit_events (at, actor, action, phone_e164, outcome, error_code,"
                                        + " twilio_request_id, details, tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Sql.setInstant(insert, 1, event.at());
                    insert.setString(2, truncate(event.actor().orElse(null), 200));
                    insert.setString(3, event.action().name());
                    insert.setString(
                            4, event.phoneNumber().map(PhoneNumber::e164).orElse(null));
                    insert.setString(5, event.outcome().name());
                    insert.setString(6, event.errorCode().map(Enum::name).orElse(null));
                    insert.setString(7, event.twilioRequestId().orElse(null));
                    insert.setString(8, truncate(encode(event.details()), 4000));
                    if (tenant != null) {
                        insert.setString(9, tenant.value());
                    }
                    insert.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("Audit event {} could not be recorded: {}", event.action(), e.getMessage());
        }
    }

    /**
     * One page of the tenant's trail, backwards along {@code tt_audit_events_trail} (tenant_id,
     * at, id): the cursor is an event's time and its id in the table.
     */
    @Override
    public Page<AuditEvent> events(TenantId tenant, AuditQuery query) {
        Cursor after = query.after().orElse(null);
        long afterId = after == null ? 0 : id(after);
        return sql.inTransaction(tenant, connection -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, at, actor, action, phone_e164, outcome, error_code, twilio_request_id, details"
                            + " FROM tt_audit_events WHERE tenant_id = ?"
                            + (after == null ? "" : " AND (at, id) < (?, ?)")
                            + " ORDER BY at DESC, id DESC LIMIT ?")) {
                int i = 1;
                select.setString(i++, tenant.value());
                if (after != null) {
                    Sql.setInstant(select, i++, after.time());
                    select.setLong(i++, afterId);
                }
                select.setInt(i, query.limit() + 1);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        AuditEvent event = read(result, tenant);
                        rows.add(new Row(event, Cursor.of(event.at(), Long.toString(result.getLong("id")))));
                    }
                }
            }
            return Paging.page(rows, query.limit(), Row::event, Row::cursor);
        });
    }

    /** An event read for a page, with the cursor that points after it. */
    private record Row(AuditEvent event, Cursor cursor) {}

    /** The table id a cursor of this trail carries. */
    private static long id(Cursor cursor) {
        try {
            return Long.parseLong(cursor.id());
        } catch (NumberFormatException e) {
            throw Paging.invalidCursor();
        }
    }

    /**
     * The platform's own events (those that name no tenant: webhooks for a key no number has),
     * newest first — the operator's deliberate path to them; no tenant's trail and, on
     * PostgreSQL, no ordinary query shows them (only the schema's read-only function does).
     *
     * @param limit the most events returned
     * @return up to {@code limit} events; empty when none, or when {@code limit} is not positive
     * @throws RuntimeException when the database fails (its SQL state in the message)
     */
    public List<AuditEvent> platformEvents(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return sql.inTransaction(null, connection -> {
            List<AuditEvent> events = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    sql.isPostgreSql()
                            ? "SELECT at, actor, action, phone_e164, outcome, error_code, twilio_request_id, details"
                                    + " FROM tt_platform_audit_events_before(NULL, ?)"
                            : "SELECT at, actor, action, phone_e164, outcome, error_code, twilio_request_id, details"
                                    + " FROM tt_platform_audit_events ORDER BY id DESC LIMIT ?")) {
                select.setInt(1, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        events.add(read(rows, null));
                    }
                }
            }
            return events;
        });
    }

    private static AuditEvent read(ResultSet rows, @Nullable TenantId tenant) throws SQLException {
        AuditEvent.Builder event = AuditEvent.builder(
                        AuditAction.valueOf(rows.getString("action")), Sql.requiredInstant(rows, "at"))
                .actor(rows.getString("actor"))
                .twilioRequestId(rows.getString("twilio_request_id"));
        if (tenant != null) {
            event.tenant(tenant);
        }
        String phone = rows.getString("phone_e164");
        if (phone != null) {
            event.phoneNumber(PhoneNumber.ofE164(phone));
        }
        String error = rows.getString("error_code");
        if ("FAILURE".equals(rows.getString("outcome"))) {
            event.failure(error == null ? ErrorCode.TWILIO_ERROR : ErrorCode.valueOf(error));
        }
        decode(rows.getString("details")).forEach(event::detail);
        return event.build();
    }

    private static String encode(Map<String, String> details) {
        StringBuilder text = new StringBuilder();
        details.forEach((name, value) ->
                text.append(escape(name)).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    private static Map<String, String> decode(String text) {
        Map<String, String> details = new java.util.LinkedHashMap<>();
        if (text == null) {
            return details;
        }
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                details.put(unescape(line.substring(0, eq)), unescape(line.substring(eq + 1)));
            }
        }
        return details;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\e");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'e' ? '=' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public String toString() {
        return "JdbcAuditSink[" + sql.dialect() + "]";
    }
}
