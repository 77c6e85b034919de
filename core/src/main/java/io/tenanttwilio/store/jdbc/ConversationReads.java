package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Paging;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.spi.MessageUsage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads of many conversations or messages: the pages of the listings, each a range of an index
 * from the cursor on (never an offset, never a sort of the tenant's rows), and the counts of
 * usage reports and reconciliation.
 *
 * <p>A page is read with a limit of one more row than it shows: that row tells whether another
 * page follows. The keyset condition compares (time, id) as a row, which PostgreSQL reads as a
 * bound of the index scan.
 */
final class ConversationReads {

    private final Sql sql;

    ConversationReads(Sql sql) {
        this.sql = sql;
    }

    /**
     * As {@link io.tenanttwilio.spi.ConversationStore#conversations(TenantId, ConversationQuery)}:
     * backwards along {@code tt_conversations_state_activity}, or, for unread ones of both states
     * on PostgreSQL, along {@code tt_conversations_unread}. Both states together are a page of each
     * state, read along the state index, then put in order (at most twice a page's rows sorted),
     * rather than an index of their own: every inbound message moves its conversation in each of the table's
     * indexes, so each index costs on the busiest path of all.
     */
    Page<Conversation> conversations(TenantId tenant, ConversationQuery query) {
        Cursor after = query.after().orElse(null);
        if (after != null && !Sql.isId(after.id())) {
            throw Paging.invalidCursor();
        }
        // The states read, one branch each; none: one branch without a state (PostgreSQL's unread index).
        List<Conversation.State> states = query.state().isPresent() || (query.isUnreadOnly() && sql.isPostgreSql())
                ? query.state().map(List::of).orElse(List.of())
                : List.of(Conversation.State.OPEN, Conversation.State.ARCHIVED);
        StringBuilder select = new StringBuilder();
        if (states.size() > 1) {
            // Each state's page read along the index, then at most two pages' rows put in order.
            select.append("SELECT * FROM (");
            for (int branch = 0; branch < states.size(); branch++) {
                select.append(branch == 0 ? "(" : " UNION ALL (");
                appendConversationSelect(select, query, after, true);
                select.append(" ORDER BY c.activity_at DESC, c.id DESC LIMIT ?)");
            }
            select.append(") u ORDER BY u.activity_at DESC, u.id DESC LIMIT ?");
        } else {
            appendConversationSelect(select, query, after, states.size() == 1);
            select.append(" ORDER BY c.activity_at DESC, c.id DESC LIMIT ?");
        }
        return sql.inTransaction(tenant, connection -> {
            List<Row<Conversation>> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(select.toString())) {
                int i = 1;
                for (int branch = 0; branch < Math.max(1, states.size()); branch++) {
                    i = bindConversationSelect(
                            statement, i, tenant, states.isEmpty() ? null : states.get(branch), query, after);
                    if (states.size() > 1) {
                        statement.setInt(i++, query.limit() + 1);
                    }
                }
                statement.setInt(i, query.limit() + 1);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        Conversation conversation = ConversationRows.read(result, tenant);
                        rows.add(new Row<>(
                                conversation,
                                Cursor.of(Sql.requiredInstant(result, "activity_at"), conversation.id())));
                    }
                }
            }
            return Paging.page(rows, query.limit(), Row::item, Row::cursor);
        });
    }

    /**
     * Binds the values of {@link #appendConversationSelect}'s statement from {@code index} on;
     * returns the next index.
     */
    private static int bindConversationSelect(
            PreparedStatement statement,
            int index,
            TenantId tenant,
            Conversation.@Nullable State state,
            ConversationQuery query,
            @Nullable Cursor after)
            throws SQLException {
        int i = index;
        statement.setString(i++, tenant.value());
        if (state != null) {
            statement.setString(i++, state.name());
        }
        if (query.ourNumber().isPresent()) {
            statement.setString(i++, query.ourNumber().get().e164());
        }
        if (query.contact().isPresent()) {
            statement.setString(i++, query.contact().get().e164());
        }
        if (after != null) {
            Sql.setInstant(statement, i++, after.time());
            Sql.setId(statement, i++, after.id());
        }
        return i;
    }

    /** One state's (or, without {@code oneState}, every state's) rows of {@code query}, unordered. */
    private static void appendConversationSelect(
            StringBuilder select, ConversationQuery query, @Nullable Cursor after, boolean oneState) {
        select.append("SELECT ")
                .append(ConversationRows.COLUMNS)
                .append(", c.activity_at")
                .append(ConversationRows.FROM)
                .append(" WHERE c.tenant_id = ?");
        if (oneState) {
            select.append(" AND c.state = ?");
        }
        if (query.isUnreadOnly()) {
            select.append(" AND c.unread_count > 0");
        }
        query.ourNumber().ifPresent(number -> select.append(" AND c.our_e164 = ?"));
        query.contact().ifPresent(number -> select.append(" AND k.phone_e164 = ?"));
        if (after != null) {
            select.append(" AND (c.activity_at, c.id) < (?, ?)");
        }
    }

    /**
     * As {@link io.tenanttwilio.spi.ConversationStore#messages(TenantId, MessageQuery)}: backwards
     * along {@code tt_messages_thread} (a conversation's) or {@code tt_messages_period} (a window).
     */
    Page<SmsMessage> messages(TenantId tenant, MessageQuery query) {
        Cursor after = query.after().orElse(null);
        if (after != null && !Sql.isId(after.id())) {
            throw Paging.invalidCursor();
        }
        Instant afterTime = after == null ? null : after.time();
        String conversationId = query.conversationId().orElse(null);
        if (conversationId != null && !Sql.isId(conversationId)) {
            return Page.of(List.of(), null); // an id from outside that names no row
        }
        StringBuilder select = new StringBuilder("SELECT ")
                .append(MessageRows.COLUMNS)
                .append(" FROM tt_messages WHERE tenant_id = ?");
        if (conversationId != null) {
            select.append(" AND conversation_id = ?");
        }
        query.from().ifPresent(from -> select.append(" AND created_at >= ?"));
        query.to().ifPresent(to -> select.append(" AND created_at < ?"));
        if (after != null) {
            select.append(" AND (created_at, id) < (?, ?)");
        }
        select.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        return sql.inTransaction(tenant, connection -> {
            List<SmsMessage> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(select.toString())) {
                int i = 1;
                statement.setString(i++, tenant.value());
                if (conversationId != null) {
                    Sql.setId(statement, i++, conversationId);
                }
                if (query.from().isPresent()) {
                    Sql.setInstant(statement, i++, query.from().get());
                }
                if (query.to().isPresent()) {
                    Sql.setInstant(statement, i++, query.to().get());
                }
                if (after != null) {
                    Sql.setInstant(statement, i++, afterTime);
                    Sql.setId(statement, i++, after.id());
                }
                statement.setInt(i, query.limit() + 1);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(MessageRows.read(result, tenant));
                    }
                }
            }
            return Paging.page(rows, query.limit(), message -> Cursor.of(message.createdAt(), message.id()));
        });
    }

    /** A row read for a page, with the cursor that points after it. */
    private record Row<T>(T item, Cursor cursor) {}

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
