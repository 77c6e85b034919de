package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Paging;
import io.tenanttwilio.outbox.Consent;
import io.tenanttwilio.outbox.OutboxBacklog;
import io.tenanttwilio.outbox.OutboxQuery;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.OutboxClaim;
import io.tenanttwilio.spi.OutboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OutboxStore} in {@code tt_outbox} (one row per scheduled message), {@code
 * tt_outbox_senders} (the pace of each sending key), {@code tt_outbox_tenants} (each tenant's
 * next due time and throttle, and the row its claims lock) and {@code tt_consents}. Every
 * operation is one transaction as the message's tenant; a change is an {@code UPDATE}
 * conditioned on the version read, so that of two instances changing the same version exactly
 * one wins. A claim ({@link OutboxClaims}) locks the tenant's row with {@code SKIP LOCKED}: two
 * instances never claim for one tenant at once, and the second gets nothing rather than waiting.
 *
 * <p>The tenant's next due time (the earliest of its scheduled messages' due times and of its
 * claims' leases) is kept with the messages: lowered by an insert, computed again by a claim and
 * by an update that moves a message's time, state or sender (after locking the tenant's row, so
 * that it sees what a claim or an insert committed before). The dispatchers' listing across
 * tenants reads it, on PostgreSQL only through the schema's read-only function {@code
 * tt_outbox_tenants_due}, since row-level security confines every direct read to the
 * transaction's tenant. Thread-safe.
 */
public final class JdbcOutboxStore implements OutboxStore {

    private static final int INSERT_ATTEMPTS = 5;

    /**
     * Sets the tenant's next due time again from its messages, through the indexes only: the
     * earliest due time of each sender's scheduled messages, and the earliest lease of its
     * claims. Bound by {@link #bindNextDueAgain}.
     */
    static final String NEXT_DUE_AGAIN = "UPDATE tt_outbox_tenants SET next_due_at = (SELECT min(w.at) FROM"
            + " (SELECT min((SELECT min(o.due_at) FROM tt_outbox o WHERE o.tenant_id = p.tenant_id"
            + " AND o.sender = p.sender AND o.state = 'SCHEDULED')) AS at FROM tt_outbox_senders p"
            + " WHERE p.tenant_id = ? UNION ALL SELECT min(l.lease_until) AS at FROM tt_outbox l"
            + " WHERE l.tenant_id = ? AND l.state = 'CLAIMED') w), updated_at = ? WHERE tenant_id = ?";

    private static final String LOCK_TENANT = "SELECT 1 FROM tt_outbox_tenants WHERE tenant_id = ? FOR UPDATE";

    private final Sql sql;
    private final Clock clock;
    private final boolean postgres;
    private final OutboxClaims claims;

    JdbcOutboxStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
        this.postgres = sql.isPostgreSql();
        this.claims = new OutboxClaims(sql);
    }

    /** Binds {@link #NEXT_DUE_AGAIN}'s four parameters from {@code first} on. */
    static void bindNextDueAgain(PreparedStatement statement, int first, TenantId tenant, Instant now)
            throws SQLException {
        statement.setString(first, tenant.value());
        statement.setString(first + 1, tenant.value());
        Sql.setInstant(statement, first + 2, now);
        statement.setString(first + 3, tenant.value());
    }

    // ---------------------------------------------------------------------------------------------
    // Messages

    @Override
    public ScheduledMessage insertIfAbsent(ScheduledMessage message) {
        TenantId tenant = message.tenantId();
        return sql.inTransaction(tenant, connection -> {
            for (int attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
                if (sql.insertUnlessDuplicate(
                        connection, OutboxRows.INSERT, insert -> OutboxRows.bindInsert(insert, message))) {
                    scheduled(connection, tenant, message.sender(), message.dueAt());
                    return message;
                }
                Optional<ScheduledMessage> existing = find(connection, tenant, message.clientKey());
                if (existing.isPresent()) {
                    return existing.get();
                }
                // the row in the way is gone again (rolled back), or had the same id: insert anew
            }
            throw new SQLException("The tenant's outbox kept changing under concurrent writes", "40001");
        });
    }

    /**
     * A message of {@code sender} due at {@code dueAt} was stored: the tenant's next due time is
     * lowered to it (the tenant's row locked first, as a claim locks it), and the sender is known
     * to the pace.
     */
    private void scheduled(Connection connection, TenantId tenant, String sender, Instant dueAt) throws SQLException {
        Instant now = clock.instant();
        if (postgres) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO tt_outbox_tenants (tenant_id,"
                    + " next_due_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET next_due_at ="
                    + " LEAST(tt_outbox_tenants.next_due_at, EXCLUDED.next_due_at), updated_at = EXCLUDED.updated_at;"
                    + " INSERT INTO tt_outbox_senders (tenant_id, sender) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                upsert.setString(1, tenant.value());
                Sql.setInstant(upsert, 2, dueAt);
                Sql.setInstant(upsert, 3, now);
                upsert.setString(4, tenant.value());
                upsert.setString(5, sender);
                upsert.execute();
                while (upsert.getMoreResults() || upsert.getUpdateCount() != -1) {
                    // the sender's insert
                }
            }
            return;
        }
        mergeOnH2(
                connection,
                "MERGE INTO tt_outbox_tenants t USING (VALUES (CAST(? AS VARCHAR(128)),"
                        + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
                        + " AS v(tenant_id, next_due_at, updated_at) ON t.tenant_id = v.tenant_id"
                        + " WHEN MATCHED THEN UPDATE SET next_due_at = CASE WHEN t.next_due_at IS NULL"
                        + " OR v.next_due_at < t.next_due_at THEN v.next_due_at ELSE t.next_due_at END,"
                        + " updated_at = v.updated_at WHEN NOT MATCHED THEN INSERT (tenant_id, next_due_at, updated_at)"
                        + " VALUES (v.tenant_id, v.next_due_at, v.updated_at)",
                merge -> {
                    merge.setString(1, tenant.value());
                    Sql.setInstant(merge, 2, dueAt);
                    Sql.setInstant(merge, 3, now);
                });
        knownSender(connection, tenant, sender);
    }

    /** Makes {@code sender} known to the pace (its next slot: none yet, so now). */
    private void knownSender(Connection connection, TenantId tenant, String sender) throws SQLException {
        if (postgres) {
            sql.insertUnlessDuplicate(
                    connection, "INSERT INTO tt_outbox_senders (tenant_id, sender) VALUES (?, ?)", insert -> {
                        insert.setString(1, tenant.value());
                        insert.setString(2, sender);
                    });
            return;
        }
        mergeOnH2(
                connection,
                "MERGE INTO tt_outbox_senders t USING (VALUES (CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(64))))"
                        + " AS v(tenant_id, sender) ON t.tenant_id = v.tenant_id AND t.sender = v.sender"
                        + " WHEN NOT MATCHED THEN INSERT (tenant_id, sender) VALUES (v.tenant_id, v.sender)",
                merge -> {
                    merge.setString(1, tenant.value());
                    merge.setString(2, sender);
                });
    }

    /**
     * Runs an H2 {@code MERGE}; once more if a concurrent transaction inserted the same key
     * meanwhile (H2 then reports a unique violation, undoes the statement and goes on).
     */
    private static void mergeOnH2(Connection connection, String merge, Sql.Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(merge)) {
            binder.bind(statement);
            try {
                statement.executeUpdate();
            } catch (SQLException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw e;
                }
                statement.executeUpdate();
            }
        }
    }

    @Override
    public Optional<ScheduledMessage> find(TenantId tenant, String clientKey) {
        return sql.inTransaction(tenant, connection -> find(connection, tenant, clientKey));
    }

    private static Optional<ScheduledMessage> find(Connection connection, TenantId tenant, String clientKey)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + OutboxRows.COLUMNS + " FROM tt_outbox WHERE tenant_id = ? AND client_key = ?")) {
            select.setString(1, tenant.value());
            select.setString(2, clientKey);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(OutboxRows.message(rows)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<ScheduledMessage> update(ScheduledMessage current, ScheduledMessage next) {
        if (!next.id().equals(current.id()) || !next.tenantId().equals(current.tenantId())) {
            return Optional.empty();
        }
        ScheduledMessage updated =
                next.toBuilder().version(current.version() + 1).build();
        TenantId tenant = current.tenantId();
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement update = connection.prepareStatement(OutboxRows.UPDATE)) {
                OutboxRows.bindUpdate(update, updated, current.version());
                if (update.executeUpdate() != 1) {
                    return Optional.<ScheduledMessage>empty();
                }
            }
            if (movesTheTenantsWork(current, updated)) {
                nextDueAgain(connection, tenant, current.sender().equals(updated.sender()) ? null : updated.sender());
            }
            return Optional.of(updated);
        });
    }

    /** Whether a change may move the tenant's next due time: its state, time, lease or sender. */
    private static boolean movesTheTenantsWork(ScheduledMessage before, ScheduledMessage after) {
        return before.state() != after.state()
                || !before.dueAt().equals(after.dueAt())
                || !before.leaseUntil().equals(after.leaseUntil())
                || !before.sender().equals(after.sender());
    }

    /**
     * Locks the tenant's row (waiting for a claim that holds it), makes {@code newSender} known to
     * the pace, and sets the tenant's next due time again, reading after the lock.
     */
    private void nextDueAgain(Connection connection, TenantId tenant, @Nullable String newSender) throws SQLException {
        Instant now = clock.instant();
        if (postgres && newSender == null) {
            // One round trip: a statement of its own reads after the lock of the one before.
            try (PreparedStatement both = connection.prepareStatement(LOCK_TENANT + "; " + NEXT_DUE_AGAIN)) {
                both.setString(1, tenant.value());
                bindNextDueAgain(both, 2, tenant, now);
                both.execute();
                while (both.getMoreResults() || both.getUpdateCount() != -1) {
                    // the update's count
                }
            }
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK_TENANT)) {
            lock.setString(1, tenant.value());
            lock.executeQuery().close();
        }
        if (newSender != null) {
            knownSender(connection, tenant, newSender);
        }
        try (PreparedStatement again = connection.prepareStatement(NEXT_DUE_AGAIN)) {
            bindNextDueAgain(again, 1, tenant, now);
            again.executeUpdate();
        }
    }

    @Override
    public List<ScheduledMessage> list(TenantId tenant, OutboxQuery query) {
        Cursor after = query.after().orElse(null);
        if (after != null && !Sql.isId(after.id())) {
            throw Paging.invalidCursor();
        }
        OutboxState state = query.state().orElse(null);
        StringBuilder select =
                new StringBuilder("SELECT ").append(OutboxRows.COLUMNS).append(" FROM tt_outbox WHERE tenant_id = ?");
        if (state != null) {
            select.append(" AND state = ?");
        }
        if (after != null) {
            select.append(" AND (send_at < ? OR (send_at = ? AND id < ?))");
        }
        select.append(" ORDER BY send_at DESC, id DESC LIMIT ?");
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(select.toString())) {
                int i = 1;
                statement.setString(i++, tenant.value());
                if (state != null) {
                    statement.setString(i++, state.name());
                }
                if (after != null) {
                    Sql.setInstant(statement, i++, after.time());
                    Sql.setInstant(statement, i++, after.time());
                    Sql.setId(statement, i++, after.id());
                }
                statement.setInt(i, query.limit() + 1);
                return messages(statement);
            }
        });
    }

    @Override
    public List<TenantId> tenantsDue(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return sql.inTransaction(null, connection -> {
            List<TenantId> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    postgres
                            ? "SELECT tenant_id FROM tt_outbox_tenants_due(?, ?)"
                            : "SELECT tenant_id FROM tt_outbox_tenants WHERE next_due_at IS NOT NULL"
                                    + " AND next_due_at <= ? ORDER BY next_due_at, tenant_id LIMIT ?")) {
                Sql.setInstant(select, 1, now);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(TenantId.of(rows.getString(1)));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public List<ScheduledMessage> claim(OutboxClaim claim) {
        return claims.claim(Objects.requireNonNull(claim, "claim"));
    }

    @Override
    public List<ScheduledMessage> expiredClaims(TenantId tenant, Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + OutboxRows.COLUMNS
                    + " FROM tt_outbox WHERE tenant_id = ? AND state = 'CLAIMED' AND lease_until < ?"
                    + " ORDER BY lease_until, id LIMIT ?")) {
                select.setString(1, tenant.value());
                Sql.setInstant(select, 2, now);
                select.setInt(3, limit);
                return messages(select);
            }
        });
    }

    @Override
    public void throttle(TenantId tenant, Instant until) {
        Instant now = clock.instant();
        sql.inTransaction(tenant, connection -> {
            if (postgres) {
                try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO tt_outbox_tenants (tenant_id,"
                        + " throttled_until, updated_at) VALUES (?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET"
                        + " throttled_until = GREATEST(tt_outbox_tenants.throttled_until, EXCLUDED.throttled_until),"
                        + " updated_at = EXCLUDED.updated_at")) {
                    upsert.setString(1, tenant.value());
                    Sql.setInstant(upsert, 2, until);
                    Sql.setInstant(upsert, 3, now);
                    upsert.executeUpdate();
                }
                return null;
            }
            mergeOnH2(
                    connection,
                    "MERGE INTO tt_outbox_tenants t USING (VALUES (CAST(? AS VARCHAR(128)),"
                            + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
                            + " AS v(tenant_id, throttled_until, updated_at) ON t.tenant_id = v.tenant_id"
                            + " WHEN MATCHED THEN UPDATE SET throttled_until = CASE WHEN t.throttled_until IS NULL"
                            + " OR v.throttled_until > t.throttled_until THEN v.throttled_until"
                            + " ELSE t.throttled_until END, updated_at = v.updated_at WHEN NOT MATCHED THEN INSERT"
                            + " (tenant_id, throttled_until, updated_at)"
                            + " VALUES (v.tenant_id, v.throttled_until, v.updated_at)",
                    merge -> {
                        merge.setString(1, tenant.value());
                        Sql.setInstant(merge, 2, until);
                        Sql.setInstant(merge, 3, now);
                    });
            return null;
        });
    }

    @Override
    public OutboxBacklog backlog(TenantId tenant, Instant now) {
        String ofState = "SELECT count(*) AS waiting, count(CASE WHEN due_at <= ? THEN 1 END) AS due,"
                + " COALESCE(sum(CASE WHEN due_at <= ? THEN segments ELSE 0 END), 0) AS segments,"
                + " min(CASE WHEN due_at <= ? THEN due_at END) AS oldest,"
                + " min(CASE WHEN due_at <= ? THEN expires_at END) AS expiry"
                + " FROM tt_outbox WHERE tenant_id = ? AND state = ?";
        return sql.inTransaction(tenant, connection -> {
            long waiting = 0;
            long due = 0;
            long segments = 0;
            Instant oldest = null;
            Instant expiry = null;
            // One branch per state, each along its own index.
            try (PreparedStatement select = connection.prepareStatement(ofState + " UNION ALL " + ofState)) {
                int i = 1;
                for (OutboxState state : List.of(OutboxState.SCHEDULED, OutboxState.CLAIMED)) {
                    for (int times = 0; times < 4; times++) {
                        Sql.setInstant(select, i++, now);
                    }
                    select.setString(i++, tenant.value());
                    select.setString(i++, state.name());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        waiting += rows.getLong("waiting");
                        due += rows.getLong("due");
                        segments += rows.getLong("segments");
                        oldest = earliest(oldest, Sql.instant(rows, "oldest"));
                        expiry = earliest(expiry, Sql.instant(rows, "expiry"));
                    }
                }
            }
            return OutboxBacklog.builder()
                    .tenantId(tenant)
                    .scheduled(waiting)
                    .due(due, segments)
                    .oldestDue(oldest)
                    .earliestExpiry(expiry)
                    .at(now)
                    .build();
        });
    }

    private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    // ---------------------------------------------------------------------------------------------
    // Consents

    @Override
    public void saveConsent(Consent consent) {
        Instant now = clock.instant();
        String insert = "INSERT INTO tt_consents (" + OutboxRows.CONSENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, phone_e164) DO UPDATE SET kind = EXCLUDED.kind, source = EXCLUDED.source,"
                + " given_at = EXCLUDED.given_at, expires_at = EXCLUDED.expires_at,"
                + " withdrawn_at = EXCLUDED.withdrawn_at, updated_at = EXCLUDED.updated_at";
        String merge = "MERGE INTO tt_consents (" + OutboxRows.CONSENT_COLUMNS
                + ") KEY (tenant_id, phone_e164) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        sql.inTransaction(consent.tenantId(), connection -> {
            if (postgres) {
                try (PreparedStatement upsert = connection.prepareStatement(insert)) {
                    OutboxRows.bindConsent(upsert, consent, now);
                    upsert.executeUpdate();
                }
            } else {
                mergeOnH2(connection, merge, statement -> OutboxRows.bindConsent(statement, consent, now));
            }
            return null;
        });
    }

    @Override
    public Optional<Consent> findConsent(TenantId tenant, PhoneNumber number) {
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + OutboxRows.CONSENT_COLUMNS
                    + " FROM tt_consents WHERE tenant_id = ? AND phone_e164 = ?")) {
                select.setString(1, tenant.value());
                select.setString(2, number.e164());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(OutboxRows.consent(rows)) : Optional.<Consent>empty();
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------------

    private static List<ScheduledMessage> messages(PreparedStatement select) throws SQLException {
        List<ScheduledMessage> messages = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                messages.add(OutboxRows.message(rows));
            }
        }
        return messages;
    }

    @Override
    public String toString() {
        return "JdbcOutboxStore[" + sql.dialect() + "]";
    }
}
