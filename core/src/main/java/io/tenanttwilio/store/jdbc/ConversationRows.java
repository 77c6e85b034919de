package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.phone.PhoneNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Rows of {@code tt_conversations} ({@code c}) with their contact ({@code k}): the columns, the
 * join, a conversation read back, for the conversation store's writes and reads.
 */
final class ConversationRows {

    /** The columns {@link #read} reads. */
    static final String COLUMNS = "c.id, c.contact_id, c.our_e164, c.state, c.unread_count,"
            + " c.last_message_at, c.last_preview, c.created_at, k.phone_e164 AS contact_e164,"
            + " k.display_name AS contact_name, k.created_at AS contact_created_at";

    /** The conversations joined to their contacts, within one tenant. */
    static final String FROM =
            " FROM tt_conversations c JOIN tt_contacts k ON k.id = c.contact_id AND k.tenant_id = c.tenant_id";

    private ConversationRows() {}

    /** The tenant's conversation that {@code condition} (on {@code c} and {@code k}, with {@code values}) selects. */
    static Optional<Conversation> find(Connection connection, TenantId tenant, String condition, Object... values)
            throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE c.tenant_id = ? AND " + condition)) {
            select.setString(1, tenant.value());
            for (int i = 0; i < values.length; i++) {
                select.setObject(i + 2, values[i]); // a UUID binds as the id columns' native type
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows, tenant)) : Optional.empty();
            }
        }
    }

    /** The conversation of the current row, read from {@link #COLUMNS}. */
    static Conversation read(ResultSet rows, TenantId tenant) throws SQLException {
        Contact contact = Contact.builder()
                .id(rows.getString("contact_id"))
                .tenantId(tenant)
                .phoneNumber(PhoneNumber.ofE164(rows.getString("contact_e164")))
                .displayName(rows.getString("contact_name"))
                .createdAt(Sql.requiredInstant(rows, "contact_created_at"))
                .build();
        return Conversation.builder()
                .id(rows.getString("id"))
                .tenantId(tenant)
                .contact(contact)
                .ourNumber(PhoneNumber.ofE164(rows.getString("our_e164")))
                .state(Conversation.State.valueOf(rows.getString("state")))
                .unreadCount(rows.getInt("unread_count"))
                .lastMessageAt(Sql.instant(rows, "last_message_at"))
                .lastMessagePreview(rows.getString("last_preview"))
                .createdAt(Sql.requiredInstant(rows, "created_at"))
                .build();
    }
}
