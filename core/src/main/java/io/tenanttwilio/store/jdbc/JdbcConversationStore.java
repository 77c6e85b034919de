package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Ids;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.MediaItem;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.MessageUsage;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConversationStore} in {@code tt_conversations}, {@code tt_messages}, {@code
 * tt_early_statuses} and {@code tt_opt_outs}. A Twilio SID is stored once (a unique key); a
 * status moves forward only (the rank is in the update's condition). Thread-safe.
 */
public final class JdbcConversationStore implements ConversationStore {

    /** The sender's contact, and its conversation with our number if there is one. */
    private static final String SENDER_AND_CONVERSATION = "SELECT k.id AS contact_id,"
            + " k.phone_e164 AS contact_e164, k.display_name AS contact_name,"
            + " k.created_at AS contact_created_at, c.id, c.our_e164, c.state, c.unread_count,"
            + " c.last_message_at, c.last_preview, c.created_at FROM tt_contacts k LEFT JOIN tt_conversations c"
            + " ON c.tenant_id = k.tenant_id AND c.contact_id = k.id AND c.our_e164 = ?"
            + " WHERE k.tenant_id = ? AND k.phone_e164 = ?";

    private static final int PREVIEW = 80;
    private static final String CONVERSATION_COLUMNS = "c.id, c.contact_id, c.our_e164, c.state, c.unread_count,"
            + " c.last_message_at, c.last_preview, c.created_at, k.phone_e164 AS contact_e164,"
            + " k.display_name AS contact_name, k.created_at AS contact_created_at";
    private static final String CONVERSATION_FROM =
            " FROM tt_conversations c JOIN tt_contacts k ON k.id = c.contact_id AND k.tenant_id = c.tenant_id";
    private static final String MESSAGE_COLUMNS =
            "id, conversation_id, direction, twilio_sid, from_e164, to_e164, body,"
                    + " media, status, error_code, segments, price, price_unit, sent_by, created_at, updated_at";

    private final Sql sql;

    JdbcConversationStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Conversation openConversation(TenantId tenant, Contact contact, PhoneNumber ourNumber, Instant now) {
        return sql.inTransaction(tenant, connection -> open(connection, tenant, contact, ourNumber, now, false));
    }

    /** Finds or creates the conversation ({@code newContact}: the contact was just created, it has none yet). */
    private Conversation open(
            Connection connection,
            TenantId tenant,
            Contact contact,
            PhoneNumber ourNumber,
            Instant now,
            boolean newContact)
            throws SQLException {
        Optional<Conversation> existing = newContact
                ? Optional.empty()
                : conversation(
                        connection,
                        tenant,
                        "c.contact_id = ? AND c.our_e164 = ?",
                        Sql.id(contact.id()),
                        ourNumber.e164());
        if (existing.isPresent()) {
            return reopened(connection, tenant, existing.get());
        }
        String id = Ids.next();
        boolean created = sql.insertUnlessDuplicate(
                connection,
                "INSERT INTO tt_conversations (id, tenant_id, contact_id, our_e164, state, unread_count, created_at)"
                        + " VALUES (?, ?, ?, ?, 'OPEN', 0, ?)",
                insert -> {
                    Sql.setId(insert, 1, id);
                    insert.setString(2, tenant.value());
                    Sql.setId(insert, 3, contact.id());
                    insert.setString(4, ourNumber.e164());
                    Sql.setInstant(insert, 5, now);
                });
        if (created) {
            return new Conversation(id, tenant, contact, ourNumber, Conversation.State.OPEN, 0, null, null, now);
        }
        return conversation(
                        connection,
                        tenant,
                        "c.contact_id = ? AND c.our_e164 = ?",
                        Sql.id(contact.id()),
                        ourNumber.e164())
                .orElseThrow(() -> new SQLException("Conversation vanished"));
    }

    /**
     * Contact, conversation and message in one transaction when {@code contacts} is the JDBC
     * directory on this store's database; otherwise as the interface's default.
     */
    @Override
    public Received receive(
            ContactDirectory contacts,
            TenantId tenant,
            PhoneNumber from,
            PhoneNumber ourNumber,
            Instant now,
            Function<Conversation, SmsMessage> message) {
        if (!(contacts instanceof JdbcContactDirectory directory) || !directory.sharesDatabaseWith(sql)) {
            return ConversationStore.super.receive(contacts, tenant, from, ourNumber, now, message);
        }
        // Usually the sender and the conversation exist: the transaction's first statement finds both.
        return sql.inTransactionFrom(
                tenant,
                SENDER_AND_CONVERSATION,
                (select, first) -> {
                    select.setString(first, ourNumber.e164());
                    select.setString(first + 1, tenant.value());
                    select.setString(first + 2, from.e164());
                },
                (connection, rows) -> {
                    Contact contact = null;
                    Conversation conversation = null;
                    if (rows.next()) {
                        if (rows.getString("id") != null) {
                            conversation = readConversation(rows, tenant);
                            contact = conversation.contact();
                        } else {
                            contact = new Contact(
                                    rows.getString("contact_id"),
                                    tenant,
                                    from,
                                    rows.getString("contact_name"),
                                    Sql.requiredInstant(rows, "contact_created_at"));
                        }
                    }
                    boolean newContact = contact == null;
                    if (newContact && sql.isPostgreSql()) {
                        Optional<Received> fresh =
                                receiveFromNewSender(connection, directory, tenant, from, ourNumber, now, message);
                        if (fresh.isPresent()) {
                            return fresh.get();
                        }
                    }
                    if (newContact) {
                        contact = directory.createOrFind(connection, tenant, from);
                    }
                    conversation = conversation == null
                            ? open(connection, tenant, contact, ourNumber, now, newContact)
                            : reopened(connection, tenant, conversation);
                    SmsMessage made = madeFor(message, conversation);
                    return new Received(contact, conversation, made, insert(connection, made));
                });
    }

    private static SmsMessage madeFor(Function<Conversation, SmsMessage> message, Conversation conversation) {
        SmsMessage made = message.apply(conversation);
        if (!made.tenantId().equals(conversation.tenantId())
                || !made.conversationId().equals(conversation.id())) {
            throw new IllegalArgumentException("The message must belong to the tenant's conversation");
        }
        return made;
    }

    private static final String INSERT_NEW_SENDER = "WITH k AS (" + JdbcContactDirectory.INSERT
            + " ON CONFLICT DO NOTHING RETURNING 1), c AS (INSERT INTO tt_conversations (id, tenant_id, contact_id,"
            + " our_e164, state, unread_count, last_message_at, last_preview, created_at)"
            + " SELECT ?, ?, ?, ?, 'OPEN', ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM k) ON CONFLICT DO NOTHING RETURNING 1),"
            + " m AS (INSERT INTO tt_messages (" + MESSAGE_COLUMNS + ", tenant_id, status_rank)"
            + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM c)"
            + " ON CONFLICT DO NOTHING RETURNING 1) SELECT (SELECT COUNT(*) FROM k), (SELECT COUNT(*) FROM c),"
            + " (SELECT COUNT(*) FROM m)";

    /**
     * A sender that is not a contact yet (PostgreSQL): contact, conversation (already bumped by its
     * first message) and message inserted by one statement, in one round trip instead of three.
     * Empty, having changed nothing, when another transaction created the contact meanwhile; the
     * caller then goes the usual way (and calls {@code message} again).
     */
    private Optional<Received> receiveFromNewSender(
            Connection connection,
            JdbcContactDirectory directory,
            TenantId tenant,
            PhoneNumber from,
            PhoneNumber ourNumber,
            Instant now,
            Function<Conversation, SmsMessage> message)
            throws SQLException {
        Contact contact = directory.newContact(tenant, from);
        Conversation conversation =
                new Conversation(Ids.next(), tenant, contact, ourNumber, Conversation.State.OPEN, 0, null, null, now);
        SmsMessage made = madeFor(message, conversation);
        try (PreparedStatement all = connection.prepareStatement(INSERT_NEW_SENDER)) {
            JdbcContactDirectory.bindNew(all, 0, contact);
            Sql.setId(all, 6, conversation.id());
            all.setString(7, tenant.value());
            Sql.setId(all, 8, contact.id());
            all.setString(9, ourNumber.e164());
            all.setInt(10, made.direction() == MessageDirection.INBOUND ? 1 : 0);
            Sql.setInstant(all, 11, made.createdAt());
            all.setString(12, preview(made));
            Sql.setInstant(all, 13, now);
            bindInsert(all, made, 13);
            try (ResultSet rows = all.executeQuery()) {
                rows.next();
                if (rows.getLong(1) == 0) {
                    return Optional.empty();
                }
                if (rows.getLong(2) != 1) {
                    throw new SQLException("The new contact's conversation was not created");
                }
                boolean stored = rows.getLong(3) > 0;
                if (!stored) {
                    // The SID is stored already (never seen in practice with a new sender): the
                    // conversation is left as opening it without a message leaves it.
                    try (PreparedStatement undo = connection.prepareStatement(
                            "UPDATE tt_conversations SET"
                                    + " unread_count = 0, last_message_at = NULL, last_preview = NULL WHERE tenant_id = ? AND id = ?")) {
                        undo.setString(1, tenant.value());
                        Sql.setId(undo, 2, conversation.id());
                        undo.executeUpdate();
                    }
                }
                return Optional.of(new Received(contact, conversation, made, stored));
            }
        }
    }

    @Override
    public Optional<Conversation> conversation(TenantId tenant, String conversationId) {
        if (!Sql.isId(conversationId)) {
            return Optional.empty();
        }
        return sql.inTransaction(
                tenant, connection -> conversation(connection, tenant, "c.id = ?", Sql.id(conversationId)));
    }

    @Override
    public boolean insertMessage(SmsMessage message) {
        return sql.inTransaction(message.tenantId(), connection -> insert(connection, message));
    }

    private static final String INSERT_MESSAGE = "INSERT INTO tt_messages (" + MESSAGE_COLUMNS
            + ", tenant_id, status_rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BUMP_CONVERSATION =
            "UPDATE tt_conversations SET state = 'OPEN', unread_count = unread_count + ?, last_message_at = ?,"
                    + " last_preview = ? WHERE tenant_id = ? AND id = ?";

    /** Inserts the message unless its SID is stored, and bumps its conversation. */
    private boolean insert(Connection connection, SmsMessage message) throws SQLException {
        if (sql.isPostgreSql()) {
            // Both in one statement: one round trip instead of two.
            try (PreparedStatement both = connection.prepareStatement("WITH m AS (" + INSERT_MESSAGE
                    + " ON CONFLICT DO NOTHING RETURNING 1), u AS (" + BUMP_CONVERSATION
                    + " AND EXISTS (SELECT 1 FROM m) RETURNING 1) SELECT (SELECT COUNT(*) FROM m),"
                    + " (SELECT COUNT(*) FROM u)")) {
                bindInsert(both, message, 0);
                bindBump(both, message, 18);
                try (ResultSet rows = both.executeQuery()) {
                    rows.next();
                    boolean inserted = rows.getLong(1) > 0;
                    if (inserted && rows.getLong(2) != 1) {
                        throw new SQLException("Unknown conversation " + message.conversationId());
                    }
                    return inserted;
                }
            }
        }
        if (!sql.insertUnlessDuplicate(connection, INSERT_MESSAGE, insert -> bindInsert(insert, message, 0))) {
            return false;
        }
        try (PreparedStatement bump = connection.prepareStatement(BUMP_CONVERSATION)) {
            bindBump(bump, message, 0);
            if (bump.executeUpdate() != 1) {
                throw new SQLException("Unknown conversation " + message.conversationId());
            }
        }
        return true;
    }

    /** Binds {@link #INSERT_MESSAGE}'s eighteen parameters after the first {@code offset}. */
    private static void bindInsert(PreparedStatement insert, SmsMessage message, int offset) throws SQLException {
        Sql.setId(insert, offset + 1, message.id());
        bindMessage(insert, message, offset + 2);
        insert.setString(offset + 17, message.tenantId().value());
        insert.setInt(offset + 18, message.status().rank());
    }

    private static String preview(SmsMessage message) {
        return message.body().length() > PREVIEW ? message.body().substring(0, PREVIEW) : message.body();
    }

    /** Binds {@link #BUMP_CONVERSATION}'s parameters after the first {@code offset}. */
    private static void bindBump(PreparedStatement bump, SmsMessage message, int offset) throws SQLException {
        boolean inbound = message.direction() == MessageDirection.INBOUND;
        bump.setInt(offset + 1, inbound ? 1 : 0);
        Sql.setInstant(bump, offset + 2, message.createdAt());
        bump.setString(offset + 3, preview(message));
        bump.setString(offset + 4, message.tenantId().value());
        Sql.setId(bump, offset + 5, message.conversationId());
    }

    @Override
    public Optional<SmsMessage> replaceMessage(SmsMessage message) {
        TenantId tenant = message.tenantId();
        return sql.inTransaction(tenant, connection -> {
            SmsMessage merged = message;
            if (message.twilioSid().isPresent()) {
                Optional<SmsMessage> early =
                        takeEarly(connection, tenant, message.twilioSid().get());
                if (early.isPresent()
                        && early.get().status().rank() > message.status().rank()) {
                    merged = message.toBuilder()
                            .status(early.get().status())
                            .errorCode(early.get()
                                    .errorCode()
                                    .orElse(message.errorCode().orElse(null)))
                            .price(early.get().price().orElse(message.price().orElse(null)))
                            .segments(early.get()
                                    .segments()
                                    .orElse(message.segments().orElse(null)))
                            .build();
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tt_messages SET conversation_id = ?, direction = ?, twilio_sid = ?, from_e164 = ?, to_e164 = ?,"
                            + " body = ?, media = ?, status = ?, error_code = ?, segments = ?, price = ?, price_unit = ?,"
                            + " sent_by = ?, created_at = ?, updated_at = ?, status_rank = ? WHERE id = ? AND tenant_id = ?")) {
                bindMessage(update, merged, 1);
                update.setInt(16, merged.status().rank());
                Sql.setId(update, 17, merged.id());
                update.setString(18, tenant.value());
                return update.executeUpdate() == 1 ? Optional.of(merged) : Optional.<SmsMessage>empty();
            }
        });
    }

    /** Removes and returns the status that arrived for {@code sid} before its message knew it. */
    private static Optional<SmsMessage> takeEarly(Connection connection, TenantId tenant, String sid)
            throws SQLException {
        Optional<SmsMessage> early = Optional.empty();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status, error_code, price, segments, received_at FROM tt_early_statuses"
                        + " WHERE tenant_id = ? AND twilio_sid = ?")) {
            select.setString(1, tenant.value());
            select.setString(2, sid);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    PhoneNumber placeholder = PhoneNumber.ofE164("+15005550006");
                    Instant at = Sql.requiredInstant(rows, "received_at");
                    early = Optional.of(SmsMessage.builder()
                            .id(sid)
                            .tenantId(tenant)
                            .conversationId("")
                            .direction(MessageDirection.OUTBOUND)
                            .from(placeholder)
                            .to(placeholder)
                            .status(MessageStatus.valueOf(rows.getString("status")))
                            .errorCode(Sql.nullableInt(rows, "error_code"))
                            .price(rows.getBigDecimal("price"))
                            .segments(Sql.nullableInt(rows, "segments"))
                            .createdAt(at)
                            .updatedAt(at)
                            .build());
                }
            }
        }
        if (early.isPresent()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM tt_early_statuses WHERE tenant_id = ? AND twilio_sid = ?")) {
                delete.setString(1, tenant.value());
                delete.setString(2, sid);
                delete.executeUpdate();
            }
        }
        return early;
    }

    @Override
    public Optional<SmsMessage> updateStatus(
            TenantId tenant,
            String twilioSid,
            MessageStatus status,
            @Nullable Integer errorCode,
            @Nullable BigDecimal price,
            @Nullable Integer segments,
            Instant now) {
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement forward = connection.prepareStatement(
                    "UPDATE tt_messages SET status = ?, status_rank = ?, error_code = COALESCE(?, error_code),"
                            + " price = COALESCE(?, price), price_unit = COALESCE(price_unit, 'USD'),"
                            + " segments = COALESCE(?, segments), updated_at = ?"
                            + " WHERE tenant_id = ? AND twilio_sid = ? AND status_rank < ?")) {
                forward.setString(1, status.name());
                forward.setInt(2, status.rank());
                Sql.setNullableInt(forward, 3, errorCode);
                forward.setBigDecimal(4, price);
                Sql.setNullableInt(forward, 5, segments);
                Sql.setInstant(forward, 6, now);
                forward.setString(7, tenant.value());
                forward.setString(8, twilioSid);
                forward.setInt(9, status.rank());
                if (forward.executeUpdate() == 1) {
                    return bySid(connection, tenant, twilioSid);
                }
            }
            if (price != null) {
                try (PreparedStatement priced = connection.prepareStatement(
                        "UPDATE tt_messages SET price = ?, price_unit = COALESCE(price_unit, 'USD'),"
                                + " segments = COALESCE(?, segments), updated_at = ?"
                                + " WHERE tenant_id = ? AND twilio_sid = ? AND price IS NULL")) {
                    priced.setBigDecimal(1, price);
                    Sql.setNullableInt(priced, 2, segments);
                    Sql.setInstant(priced, 3, now);
                    priced.setString(4, tenant.value());
                    priced.setString(5, twilioSid);
                    if (priced.executeUpdate() == 1) {
                        return bySid(connection, tenant, twilioSid);
                    }
                }
            }
            if (bySid(connection, tenant, twilioSid).isEmpty()) {
                rememberEarly(connection, tenant, twilioSid, status, errorCode, price, segments, now);
            }
            return Optional.<SmsMessage>empty();
        });
    }

    private static void rememberEarly(
            Connection connection,
            TenantId tenant,
            String sid,
            MessageStatus status,
            @Nullable Integer errorCode,
            @Nullable BigDecimal price,
            @Nullable Integer segments,
            Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE tt_early_statuses SET status = ?, status_rank = ?, error_code = COALESCE(?, error_code),"
                        + " price = COALESCE(?, price), segments = COALESCE(?, segments), received_at = ?"
                        + " WHERE tenant_id = ? AND twilio_sid = ? AND status_rank < ?")) {
            update.setString(1, status.name());
            update.setInt(2, status.rank());
            Sql.setNullableInt(update, 3, errorCode);
            update.setBigDecimal(4, price);
            Sql.setNullableInt(update, 5, segments);
            Sql.setInstant(update, 6, now);
            update.setString(7, tenant.value());
            update.setString(8, sid);
            update.setInt(9, status.rank());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO tt_early_statuses (tenant_id, twilio_sid, status, status_rank, error_code, price, segments,"
                        + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, tenant.value());
            insert.setString(2, sid);
            insert.setString(3, status.name());
            insert.setInt(4, status.rank());
            Sql.setNullableInt(insert, 5, errorCode);
            insert.setBigDecimal(6, price);
            Sql.setNullableInt(insert, 7, segments);
            Sql.setInstant(insert, 8, now);
            Sql.insertUnlessDuplicate(connection, insert);
        }
    }

    @Override
    public Optional<SmsMessage> findByTwilioSid(TenantId tenant, String twilioSid) {
        return sql.inTransaction(tenant, connection -> bySid(connection, tenant, twilioSid));
    }

    @Override
    public List<Conversation> conversations(TenantId tenant, boolean includeArchived, int offset, int limit) {
        return sql.inTransaction(tenant, connection -> {
            List<Conversation> result = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CONVERSATION_COLUMNS
                    + CONVERSATION_FROM + " WHERE c.tenant_id = ?" + (includeArchived ? "" : " AND c.state = 'OPEN'")
                    + " ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id LIMIT ? OFFSET ?")) {
                select.setString(1, tenant.value());
                select.setInt(2, limit);
                select.setInt(3, offset);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        result.add(readConversation(rows, tenant));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public List<SmsMessage> messages(TenantId tenant, String conversationId, int offset, int limit) {
        if (!Sql.isId(conversationId)) {
            return List.of();
        }
        return sql.inTransaction(tenant, connection -> {
            List<SmsMessage> result = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS
                    + " FROM tt_messages WHERE tenant_id = ? AND conversation_id = ?"
                    + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
                select.setString(1, tenant.value());
                Sql.setId(select, 2, conversationId);
                select.setInt(3, limit);
                select.setInt(4, offset);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        result.add(readMessage(rows, tenant));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public void markRead(TenantId tenant, String conversationId) {
        if (!Sql.isId(conversationId)) {
            return;
        }
        sql.inTransaction(tenant, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tt_conversations SET unread_count = 0 WHERE tenant_id = ? AND id = ?")) {
                update.setString(1, tenant.value());
                Sql.setId(update, 2, conversationId);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void archive(TenantId tenant, String conversationId) {
        if (!Sql.isId(conversationId)) {
            return;
        }
        sql.inTransaction(tenant, connection -> {
            setState(connection, tenant, conversationId, Conversation.State.ARCHIVED);
            return null;
        });
    }

    @Override
    public int archiveAll(TenantId tenant, PhoneNumber ourNumber) {
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tt_conversations SET state = 'ARCHIVED' WHERE tenant_id = ? AND our_e164 = ? AND state = 'OPEN'")) {
                update.setString(1, tenant.value());
                update.setString(2, ourNumber.e164());
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void setOptedOut(TenantId tenant, PhoneNumber contact, String sender, boolean optedOut, Instant at) {
        sql.inTransaction(tenant, connection -> {
            if (!optedOut) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM tt_opt_outs WHERE tenant_id = ? AND contact_e164 = ? AND sender = ?")) {
                    delete.setString(1, tenant.value());
                    delete.setString(2, contact.e164());
                    delete.setString(3, sender);
                    delete.executeUpdate();
                }
                return null;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tt_opt_outs (tenant_id, contact_e164, sender, opted_out_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, tenant.value());
                insert.setString(2, contact.e164());
                insert.setString(3, sender);
                Sql.setInstant(insert, 4, at);
                Sql.insertUnlessDuplicate(connection, insert);
            }
            return null;
        });
    }

    @Override
    public boolean isOptedOut(TenantId tenant, PhoneNumber contact, String sender) {
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM tt_opt_outs WHERE tenant_id = ? AND contact_e164 = ? AND sender = ?")) {
                select.setString(1, tenant.value());
                select.setString(2, contact.e164());
                select.setString(3, sender);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------------

    /** The conversation, opened again first if it was archived. */
    private static Conversation reopened(Connection connection, TenantId tenant, Conversation conversation)
            throws SQLException {
        if (conversation.state() != Conversation.State.ARCHIVED) {
            return conversation;
        }
        setState(connection, tenant, conversation.id(), Conversation.State.OPEN);
        return conversation(connection, tenant, "c.id = ?", Sql.id(conversation.id()))
                .orElseThrow();
    }

    private static void setState(Connection connection, TenantId tenant, String id, Conversation.State state)
            throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE tt_conversations SET state = ? WHERE tenant_id = ? AND id = ?")) {
            update.setString(1, state.name());
            update.setString(2, tenant.value());
            Sql.setId(update, 3, id);
            update.executeUpdate();
        }
    }

    private static Optional<Conversation> conversation(
            Connection connection, TenantId tenant, String condition, Object... values) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + CONVERSATION_COLUMNS + CONVERSATION_FROM + " WHERE c.tenant_id = ? AND " + condition)) {
            select.setString(1, tenant.value());
            for (int i = 0; i < values.length; i++) {
                select.setObject(i + 2, values[i]); // a UUID binds as the id columns' native type
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(readConversation(rows, tenant)) : Optional.empty();
            }
        }
    }

    @Override
    public MessageUsage usage(TenantId tenant, Instant from, Instant to) {
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

    @Override
    public List<SmsMessage> unsettled(TenantId tenant, Instant from, Instant to, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return sql.inTransaction(tenant, connection -> {
            List<SmsMessage> result = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS
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
                        result.add(readMessage(rows, tenant));
                    }
                }
            }
            return result;
        });
    }

    private static Conversation readConversation(ResultSet rows, TenantId tenant) throws SQLException {
        Contact contact = new Contact(
                rows.getString("contact_id"),
                tenant,
                PhoneNumber.ofE164(rows.getString("contact_e164")),
                rows.getString("contact_name"),
                Sql.requiredInstant(rows, "contact_created_at"));
        return new Conversation(
                rows.getString("id"),
                tenant,
                contact,
                PhoneNumber.ofE164(rows.getString("our_e164")),
                Conversation.State.valueOf(rows.getString("state")),
                rows.getInt("unread_count"),
                Sql.instant(rows, "last_message_at"),
                rows.getString("last_preview"),
                Sql.requiredInstant(rows, "created_at"));
    }

    private static Optional<SmsMessage> bySid(Connection connection, TenantId tenant, String sid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + MESSAGE_COLUMNS + " FROM tt_messages WHERE tenant_id = ? AND twilio_sid = ?")) {
            select.setString(1, tenant.value());
            select.setString(2, sid);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(readMessage(rows, tenant)) : Optional.empty();
            }
        }
    }

    /** Binds every column but the id, from parameter {@code first} on (15 parameters). */
    private static void bindMessage(PreparedStatement statement, SmsMessage message, int first) throws SQLException {
        int i = first;
        Sql.setId(statement, i++, message.conversationId());
        statement.setString(i++, message.direction().name());
        statement.setString(i++, message.twilioSid().orElse(null));
        statement.setString(i++, message.from().e164());
        statement.setString(i++, message.to().e164());
        statement.setString(i++, message.body());
        statement.setString(i++, encodeMedia(message.media()));
        statement.setString(i++, message.status().name());
        Sql.setNullableInt(statement, i++, message.errorCode().orElse(null));
        Sql.setNullableInt(statement, i++, message.segments().orElse(null));
        statement.setBigDecimal(i++, message.price().orElse(null));
        statement.setString(i++, message.priceUnit().orElse(null));
        statement.setString(i++, message.sentBy().orElse(null));
        Sql.setInstant(statement, i++, message.createdAt());
        Sql.setInstant(statement, i, message.updatedAt());
    }

    private static SmsMessage readMessage(ResultSet rows, TenantId tenant) throws SQLException {
        return SmsMessage.builder()
                .id(rows.getString("id"))
                .tenantId(tenant)
                .conversationId(rows.getString("conversation_id"))
                .direction(MessageDirection.valueOf(rows.getString("direction")))
                .twilioSid(rows.getString("twilio_sid"))
                .from(PhoneNumber.ofE164(rows.getString("from_e164")))
                .to(PhoneNumber.ofE164(rows.getString("to_e164")))
                .body(rows.getString("body"))
                .media(decodeMedia(rows.getString("media")))
                .status(MessageStatus.valueOf(rows.getString("status")))
                .errorCode(Sql.nullableInt(rows, "error_code"))
                .segments(Sql.nullableInt(rows, "segments"))
                .price(rows.getBigDecimal("price"))
                .priceUnit(rows.getString("price_unit"))
                .sentBy(rows.getString("sent_by"))
                .createdAt(Sql.requiredInstant(rows, "created_at"))
                .updatedAt(Sql.requiredInstant(rows, "updated_at"))
                .build();
    }

    private static @Nullable String encodeMedia(List<MediaItem> media) {
        if (media.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (MediaItem item : media) {
            text.append(item.contentType().replaceAll("[\t\n]", ""))
                    .append('\t')
                    .append(item.url().replaceAll("[\t\n]", ""))
                    .append('\n');
        }
        return text.toString();
    }

    private static List<MediaItem> decodeMedia(@Nullable String text) {
        List<MediaItem> media = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    media.add(new MediaItem(line.substring(tab + 1), line.substring(0, tab)));
                }
            }
        }
        return media;
    }

    @Override
    public String toString() {
        return "JdbcConversationStore[" + sql.dialect() + "]";
    }
}
