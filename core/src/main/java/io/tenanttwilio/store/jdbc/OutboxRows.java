package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Optionals;
import io.tenanttwilio.outbox.Consent;
import io.tenanttwilio.outbox.ConsentKind;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Rows of {@code tt_outbox} and {@code tt_consents}: their columns, a scheduled message or a
 * consent bound to them and read back from them. A stored name the enums of this version do not
 * know fails with an {@link DetailsText.UnreadableDetailsException} naming the column, not the
 * value; an unknown problem reads as {@link ErrorCode#TWILIO_ERROR}, as for numbers. Stateless
 * and thread-safe.
 */
final class OutboxRows {

    /** The columns a message is written to after its key (tenant, id, client key), in binding order. */
    private static final List<String> VALUES = List.of(
            "state",
            "to_e164",
            "from_e164",
            "messaging_service_sid",
            "sender",
            "body",
            "segments",
            "sent_by",
            "urgent",
            "send_at",
            "due_at",
            "held",
            "expires_at",
            "lease_owner",
            "lease_until",
            "slot_at",
            "message_id",
            "twilio_sid",
            "problem",
            "twilio_error_code",
            "attempts",
            "version",
            "created_at",
            "updated_at");

    /** Every column of {@code tt_outbox}, as a select list. */
    static final String COLUMNS = "tenant_id, id, client_key, " + String.join(", ", VALUES);

    /** Inserts a message; its parameters bound by {@link #bindInsert}. */
    static final String INSERT = "INSERT INTO tt_outbox (" + COLUMNS + ") VALUES ("
            + String.join(", ", Collections.nCopies(VALUES.size() + 3, "?")) + ")";

    /**
     * Replaces a message's values if its version is still the one read, and its client key
     * {@code next}'s; its parameters bound by {@link #bindUpdate}.
     */
    static final String UPDATE = "UPDATE tt_outbox SET " + assignments()
            + " WHERE tenant_id = ? AND id = ? AND client_key = ? AND version = ?";

    /** Every column of {@code tt_consents}, as a select list, in binding order. */
    static final String CONSENT_COLUMNS =
            "tenant_id, phone_e164, kind, source, given_at, expires_at, withdrawn_at, updated_at";

    private OutboxRows() {}

    /** Every column of {@code tt_outbox} prefixed by {@code alias}, as a select list. */
    static String columns(String alias) {
        StringJoiner columns = new StringJoiner(", ");
        for (String column : COLUMNS.split(", ")) {
            columns.add(alias + "." + column);
        }
        return columns.toString();
    }

    private static String assignments() {
        StringJoiner assignments = new StringJoiner(", ");
        VALUES.forEach(column -> assignments.add(column + " = ?"));
        return assignments.toString();
    }

    /** Binds {@link #INSERT}'s parameters. */
    static void bindInsert(PreparedStatement insert, ScheduledMessage message) throws SQLException {
        insert.setString(1, message.tenantId().value());
        Sql.setId(insert, 2, message.id());
        insert.setString(3, message.clientKey());
        bindValues(insert, 4, message);
    }

    /** Binds {@link #UPDATE}'s parameters: {@code next}'s values where {@code expectedVersion} is stored. */
    static void bindUpdate(PreparedStatement update, ScheduledMessage next, long expectedVersion) throws SQLException {
        int i = bindValues(update, 1, next);
        update.setString(i++, next.tenantId().value());
        Sql.setId(update, i++, next.id());
        update.setString(i++, next.clientKey());
        update.setLong(i, expectedVersion);
    }

    /** Binds the values after a message's key from parameter {@code first} on; returns the next index. */
    private static int bindValues(PreparedStatement statement, int first, ScheduledMessage message)
            throws SQLException {
        int i = first;
        statement.setString(i++, message.state().name());
        statement.setString(i++, message.to().e164());
        statement.setString(i++, message.from().map(PhoneNumber::e164).orElse(null));
        statement.setString(i++, message.messagingServiceSid().orElse(null));
        statement.setString(i++, message.sender());
        statement.setString(i++, message.body());
        statement.setInt(i++, message.segments());
        statement.setString(i++, message.sentBy().orElse(null));
        statement.setBoolean(i++, message.isUrgent());
        Sql.setInstant(statement, i++, message.sendAt());
        Sql.setInstant(statement, i++, message.dueAt());
        statement.setBoolean(i++, message.isHeldForQuietHours());
        Sql.setInstant(statement, i++, message.expiresAt().orElse(null));
        statement.setString(i++, message.leaseOwner().orElse(null));
        Sql.setInstant(statement, i++, message.leaseUntil().orElse(null));
        Sql.setInstant(statement, i++, message.slotAt().orElse(null));
        String messageId = message.messageId().orElse(null);
        statement.setObject(i++, messageId == null ? null : Sql.id(messageId), Types.OTHER);
        statement.setString(i++, message.twilioSid().orElse(null));
        statement.setString(i++, message.problem().map(Enum::name).orElse(null));
        Sql.setNullableInt(statement, i++, Optionals.boxed(message.twilioErrorCode()));
        statement.setInt(i++, message.attempts());
        statement.setLong(i++, message.version());
        Sql.setInstant(statement, i++, message.createdAt());
        Sql.setInstant(statement, i++, message.updatedAt());
        return i;
    }

    /** The message of the current row of {@code rows}, selected with {@link #COLUMNS}. */
    static ScheduledMessage message(ResultSet rows) throws SQLException {
        String from = rows.getString("from_e164");
        String problem = rows.getString("problem");
        return ScheduledMessage.builder()
                .tenantId(TenantId.of(rows.getString("tenant_id")))
                .id(rows.getObject("id").toString())
                .clientKey(rows.getString("client_key"))
                .state(constant(OutboxState.class, "state", rows.getString("state")))
                .to(PhoneNumber.ofE164(rows.getString("to_e164")))
                .from(from == null ? null : PhoneNumber.ofE164(from))
                .messagingServiceSid(rows.getString("messaging_service_sid"))
                .sender(rows.getString("sender"))
                .body(rows.getString("body"))
                .segments(rows.getInt("segments"))
                .sentBy(rows.getString("sent_by"))
                .urgent(rows.getBoolean("urgent"))
                .sendAt(Sql.requiredInstant(rows, "send_at"))
                .dueAt(Sql.requiredInstant(rows, "due_at"))
                .heldForQuietHours(rows.getBoolean("held"))
                .expiresAt(Sql.instant(rows, "expires_at"))
                .leaseOwner(rows.getString("lease_owner"))
                .leaseUntil(Sql.instant(rows, "lease_until"))
                .slotAt(Sql.instant(rows, "slot_at"))
                .messageId(text(rows.getObject("message_id")))
                .twilioSid(rows.getString("twilio_sid"))
                .problem(problem == null ? null : problem(problem))
                .twilioErrorCode(Sql.nullableInt(rows, "twilio_error_code"))
                .attempts(rows.getInt("attempts"))
                .version(rows.getLong("version"))
                .createdAt(Sql.requiredInstant(rows, "created_at"))
                .updatedAt(Sql.requiredInstant(rows, "updated_at"))
                .build();
    }

    /** Binds {@code consent} to {@link #CONSENT_COLUMNS}' eight parameters, updated at {@code now}. */
    static void bindConsent(PreparedStatement statement, Consent consent, Instant now) throws SQLException {
        statement.setString(1, consent.tenantId().value());
        statement.setString(2, consent.phoneNumber().e164());
        statement.setString(3, consent.kind().name());
        statement.setString(4, consent.source());
        Sql.setInstant(statement, 5, consent.givenAt());
        Sql.setInstant(statement, 6, consent.expiresAt().orElse(null));
        Sql.setInstant(statement, 7, consent.withdrawnAt().orElse(null));
        Sql.setInstant(statement, 8, now);
    }

    /** The consent of the current row of {@code rows}, selected with {@link #CONSENT_COLUMNS}. */
    static Consent consent(ResultSet rows) throws SQLException {
        return Consent.builder(
                        TenantId.of(rows.getString("tenant_id")), PhoneNumber.ofE164(rows.getString("phone_e164")))
                .kind(constant(ConsentKind.class, "kind", rows.getString("kind")))
                .source(rows.getString("source"))
                .givenAt(Sql.requiredInstant(rows, "given_at"))
                .expiresAt(Sql.instant(rows, "expires_at"))
                .withdrawnAt(Sql.instant(rows, "withdrawn_at"))
                .build();
    }

    /**
     * {@code instant} at the microsecond (what both databases keep), rounded up: a moment the
     * stores compute (a slot, a lease) is stored and returned alike, and a slot is never before
     * the moment it was taken at.
     */
    static Instant micros(Instant instant) {
        int below = instant.getNano() % 1_000;
        return below == 0 ? instant : instant.plusNanos(1_000L - below);
    }

    /** {@code duration} at the microsecond, rounded up. */
    static Duration micros(Duration duration) {
        long below = duration.toNanosPart() % 1_000;
        return below == 0 ? duration : duration.plusNanos(1_000L - below);
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String column, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DetailsText.UnreadableDetailsException("The stored row has an unknown value of " + column);
        }
    }

    private static ErrorCode problem(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.TWILIO_ERROR;
        }
    }
}
