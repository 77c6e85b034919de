package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Ids;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageQuery;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConversationStore} in {@code tt_conversations}, {@code tt_messages}, {@code
 * tt_early_statuses} and {@code tt_opt_outs}. A Twilio SID is stored once (a unique key); a
 * status moves forward only (the rank is in the update's condition). Thread-safe.
 *
 * <p>This class opens conversations and stores what arrives; its parts in this package do the
 * rest: {@link MessageStatusWrites} a message's status, {@link ConversationReads} the pages of
 * the listings and the counts of usage reports, on the rows {@link ConversationRows} and {@link
 * MessageRows} read and bind.
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

    private final Sql sql;
    private final MessageStatusWrites statuses;
    private final ConversationReads reads;

    JdbcConversationStore(Sql sql) {
        this.sql = sql;
        this.statuses = new MessageStatusWrites(sql);
        this.reads = new ConversationReads(sql);
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
                : ConversationRows.find(
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
            return Conversation.builder()
                    .id(id)
                    .tenantId(tenant)
                    .contact(contact)
                    .ourNumber(ourNumber)
                    .createdAt(now)
                    .build();
        }
        return ConversationRows.find(
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
                            conversation = ConversationRows.read(rows, tenant);
                            contact = conversation.contact();
                        } else {
                            contact = Contact.builder()
                                    .id(rows.getString("contact_id"))
                                    .tenantId(tenant)
                                    .phoneNumber(from)
                                    .displayName(rows.getString("contact_name"))
                                    .createdAt(Sql.requiredInstant(rows, "contact_created_at"))
                                    .build();
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
            + " m AS (INSERT INTO tt_messages (" + MessageRows.COLUMNS + ", tenant_id, status_rank)"
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
        Conversation conversation = Conversation.builder()
                .id(Ids.next())
                .tenantId(tenant)
                .contact(contact)
                .ourNumber(ourNumber)
                .createdAt(now)
                .build();
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
            MessageRows.bindInsert(all, made, 13);
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
                tenant, connection -> ConversationRows.find(connection, tenant, "c.id = ?", Sql.id(conversationId)));
    }

    @Override
    public boolean insertMessage(SmsMessage message) {
        return sql.inTransaction(message.tenantId(), connection -> insert(connection, message));
    }

    private static final String BUMP_CONVERSATION =
            "UPDATE tt_conversations SET state = 'OPEN', unread_count = unread_count + ?, last_message_at = ?,"
                    + " last_preview = ? WHERE tenant_id = ? AND id = ?";

    /** Inserts the message unless its SID is stored, and bumps its conversation. */
    private boolean insert(Connection connection, SmsMessage message) throws SQLException {
        if (sql.isPostgreSql()) {
            // Both in one statement: one round trip instead of two.
            try (PreparedStatement both = connection.prepareStatement("WITH m AS (" + MessageRows.INSERT
                    + " ON CONFLICT DO NOTHING RETURNING 1), u AS (" + BUMP_CONVERSATION
                    + " AND EXISTS (SELECT 1 FROM m) RETURNING 1) SELECT (SELECT COUNT(*) FROM m),"
                    + " (SELECT COUNT(*) FROM u)")) {
                MessageRows.bindInsert(both, message, 0);
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
        if (!sql.insertUnlessDuplicate(
                connection, MessageRows.INSERT, insert -> MessageRows.bindInsert(insert, message, 0))) {
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
        return statuses.replace(message);
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
        return statuses.update(tenant, twilioSid, status, errorCode, price, segments, now);
    }

    @Override
    public Optional<SmsMessage> findByTwilioSid(TenantId tenant, String twilioSid) {
        return sql.inTransaction(tenant, connection -> MessageRows.bySid(connection, tenant, twilioSid));
    }

    @Override
    public Optional<SmsMessage> message(TenantId tenant, String messageId) {
        return sql.inTransaction(tenant, connection -> MessageRows.byId(connection, tenant, messageId));
    }

    @Override
    public Page<Conversation> conversations(TenantId tenant, ConversationQuery query) {
        return reads.conversations(tenant, query);
    }

    @Override
    public Page<SmsMessage> messages(TenantId tenant, MessageQuery query) {
        return reads.messages(tenant, query);
    }

    @Override
    public MessageUsage usage(TenantId tenant, Instant from, Instant to) {
        return reads.usage(tenant, from, to);
    }

    @Override
    public List<SmsMessage> unsettled(TenantId tenant, Instant from, Instant to, int limit) {
        return reads.unsettled(tenant, from, to, limit);
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
        return ConversationRows.find(connection, tenant, "c.id = ?", Sql.id(conversation.id()))
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

    @Override
    public String toString() {
        return "JdbcConversationStore[" + sql.dialect() + "]";
    }
}
