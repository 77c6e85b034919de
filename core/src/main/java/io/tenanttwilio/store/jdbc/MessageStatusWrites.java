package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Optionals;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message's delivery status in {@code tt_messages} and {@code tt_early_statuses}: it only moves
 * forward (the rank is in each update's condition), and a status that arrives before its message
 * knows its SID waits to be applied by the message's replacement.
 */
final class MessageStatusWrites {

    private final Sql sql;

    MessageStatusWrites(Sql sql) {
        this.sql = sql;
    }

    /** As {@link io.tenanttwilio.spi.ConversationStore#replaceMessage}. */
    Optional<SmsMessage> replace(SmsMessage message) {
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
                            .errorCode(Optionals.boxed(Optionals.or(early.get().errorCode(), message.errorCode())))
                            .price(early.get().price().orElse(message.price().orElse(null)))
                            .segments(Optionals.boxed(Optionals.or(early.get().segments(), message.segments())))
                            .build();
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tt_messages SET conversation_id = ?, direction = ?, twilio_sid = ?, from_e164 = ?, to_e164 = ?,"
                            + " body = ?, media = ?, status = ?, error_code = ?, segments = ?, price = ?, price_unit = ?,"
                            + " sent_by = ?, created_at = ?, updated_at = ?, status_rank = ? WHERE id = ? AND tenant_id = ?")) {
                MessageRows.bind(update, merged, 1);
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

    /** As {@link io.tenanttwilio.spi.ConversationStore#updateStatus}. */
    Optional<SmsMessage> update(
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
                    return MessageRows.bySid(connection, tenant, twilioSid);
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
                        return MessageRows.bySid(connection, tenant, twilioSid);
                    }
                }
            }
            if (MessageRows.bySid(connection, tenant, twilioSid).isEmpty()) {
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
}
