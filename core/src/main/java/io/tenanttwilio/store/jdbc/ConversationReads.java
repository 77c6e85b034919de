package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.spi.MessageUsage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of many conversations or messages: the listings, and the counts of usage reports and
 * reconciliation.
 */
final class ConversationReads {

    private final Sql sql;

    ConversationReads(Sql sql) {
        this.sql = sql;
    }

    /** As {@link io.tenanttwilio.spi.ConversationStore#conversations}. */
    List<Conversation> conversations(TenantId tenant, boolean includeArchived, int offset, int limit) {
        return sql.inTransaction(tenant, connection -> {
            List<Conversation> result = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + ConversationRows.COLUMNS
                    + ConversationRows.FROM + " WHERE c.tenant_id = ?"
                    + (includeArchived ? "" : " AND c.state = 'OPEN'")
                    + " ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id LIMIT ? OFFSET ?")) {
                select.setString(1, tenant.value());
                select.setInt(2, limit);
                select.setInt(3, offset);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        result.add(ConversationRows.read(rows, tenant));
                    }
                }
            }
            return result;
        });
    }

    /** As {@link io.tenanttwilio.spi.ConversationStore#messages}. */
    List<SmsMessage> messages(TenantId tenant, String conversationId, int offset, int limit) {
        if (!Sql.isId(conversationId)) {
            return List.of();
        }
        return sql.inTransaction(tenant, connection -> {
            List<SmsMessage> result = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MessageRows.COLUMNS
                    + " FROM tt_messages WHERE tenant_id = ? AND conversation_id = ?"
                    + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
                select.setString(1, tenant.value());
                Sql.setId(select, 2, conversationId);
                select.setInt(3, limit);
                select.setInt(4, offset);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        result.add(MessageRows.read(rows, tenant));
                    }
                }
            }
            return result;
        });
    }

    /** As {@link io.tenanttwilio.spi.ConversationStore#usage}. */
    MessageUsage usage(TenantId tenant, Instant from, Instant to) {
        return sql.inTransaction(tenant, connection -> {
            MessageUsage.Tally tally = MessageUsage.tally();
            String accepted = "CASE WHEN twilio_sid IS NULL THEN 0 ELSE 1 END";
            String priced = "CASE WHEN price IS NULL THEN 0 ELSE 1 END";
            try (PreparedStatement select = connection.prepareStatement("SELECT direction, status, error_code, "
                    + accepted + " AS accepted, " + priced + " AS priced, COUNT(*) AS n,"
                    + " COALESCE(SUM(segments), 0) AS segments, SUM(price) AS price"
                    + " FROM tt_messages WHERE tenant_id = ? AND created_at >= ? AND created_at < ?"
                    + " GROUP BY direction, status, error_code, " + accepted + ", " + priced)) {
                select.setString(1, tenant.value());
                Sql.setInstant(select, 2, from);
                Sql.setInstant(select, 3, to);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        tally.add(
                                MessageDirection.valueOf(rows.getString("direction")),
                                MessageStatus.valueOf(rows.getString("status")),
                                Sql.nullableInt(rows, "error_code"),
                                rows.getInt("accepted") == 1,
                                rows.getInt("priced") == 1 ? rows.getBigDecimal("price") : null,
                                rows.getLong("segments"),
                                rows.getLong("n"));
                    }
                }
            }
            return tally.build();
        });
    }

    /** As {@link io.tenanttwilio.spi.ConversationStore#unsettled}. */
    List<SmsMessage> unsettled(TenantId tenant, Instant from, Instant to, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return sql.inTransaction(tenant, connection -> {
            List<SmsMessage> result = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MessageRows.COLUMNS
                    + " FROM tt_messages WHERE tenant_id = ? AND created_at >= ? AND created_at < ?"
                    + " AND direction = ? AND twilio_sid IS NOT NULL AND (status_rank < ? OR price IS NULL)"
                    + " ORDER BY created_at, id LIMIT ?")) {
                select.setString(1, tenant.value());
                Sql.setInstant(select, 2, from);
                Sql.setInstant(select, 3, to);
                select.setString(4, MessageDirection.OUTBOUND.name());
                select.setInt(5, MessageStatus.FAILED.rank());
                select.setInt(6, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        result.add(MessageRows.read(rows, tenant));
                    }
                }
            }
            return result;
        });
    }
}
