package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Optionals;
import io.tenanttwilio.messaging.MediaItem;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Rows of {@code tt_messages}: their columns, a message bound to them and read back from them,
 * for the conversation store's writes and reads.
 */
final class MessageRows {

    /** Every column but {@code tenant_id} and {@code status_rank}, in the order {@link #bind} follows after the id. */
    static final String COLUMNS = "id, conversation_id, direction, twilio_sid, from_e164, to_e164, body,"
            + " media, status, error_code, segments, price, price_unit, sent_by, created_at, updated_at";

    /** Inserts a message; eighteen parameters, bound by {@link #bindInsert}. */
    static final String INSERT = "INSERT INTO tt_messages (" + COLUMNS
            + ", tenant_id, status_rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private MessageRows() {}

    /** Binds {@link #INSERT}'s eighteen parameters after the first {@code offset}. */
    static void bindInsert(PreparedStatement insert, SmsMessage message, int offset) throws SQLException {
        Sql.setId(insert, offset + 1, message.id());
        bind(insert, message, offset + 2);
        insert.setString(offset + 17, message.tenantId().value());
        insert.setInt(offset + 18, message.status().rank());
    }

    /** The tenant's message with this Twilio SID, in the caller's transaction. */
    static Optional<SmsMessage> bySid(Connection connection, TenantId tenant, String sid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM tt_messages WHERE tenant_id = ? AND twilio_sid = ?")) {
            select.setString(1, tenant.value());
            select.setString(2, sid);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows, tenant)) : Optional.empty();
            }
        }
    }

    static Optional<SmsMessage> byId(Connection connection, TenantId tenant, String id) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM tt_messages WHERE tenant_id = ? AND id = ?")) {
            select.setString(1, tenant.value());
            Sql.setId(select, 2, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows, tenant)) : Optional.empty();
            }
        }
    }

    /** Binds every column but the id, from parameter {@code first} on (15 parameters). */
    static void bind(PreparedStatement statement, SmsMessage message, int first) throws SQLException {
        int i = first;
        Sql.setId(statement, i++, message.conversationId());
        statement.setString(i++, message.direction().name());
        statement.setString(i++, message.twilioSid().orElse(null));
        statement.setString(i++, message.from().e164());
        statement.setString(i++, message.to().e164());
        statement.setString(i++, message.body());
        statement.setString(i++, encodeMedia(message.media()));
        statement.setString(i++, message.status().name());
        Sql.setNullableInt(statement, i++, Optionals.boxed(message.errorCode()));
        Sql.setNullableInt(statement, i++, Optionals.boxed(message.segments()));
        statement.setBigDecimal(i++, message.price().orElse(null));
        statement.setString(i++, message.priceUnit().orElse(null));
        statement.setString(i++, message.sentBy().orElse(null));
        Sql.setInstant(statement, i++, message.createdAt());
        Sql.setInstant(statement, i, message.updatedAt());
    }

    /** The message of the current row, read from {@link #COLUMNS}. */
    static SmsMessage read(ResultSet rows, TenantId tenant) throws SQLException {
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
                    media.add(MediaItem.of(line.substring(tab + 1), line.substring(0, tab)));
                }
            }
        }
        return media;
    }
}
