package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.spi.OutboxClaim;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The claim of {@link JdbcOutboxStore}: one transaction as the tenant, whose round trips do not
 * grow with the messages claimed. On PostgreSQL:
 *
 * <ol>
 *   <li>the tenant scope and the lock of the tenant's row of {@code tt_outbox_tenants}, {@code
 *       FOR UPDATE SKIP LOCKED}: when another instance holds it, nothing is claimed, at once
 *       (its throttle is read with it);
 *   <li>the claims with a live lease (in flight), and the senders that have a message due with
 *       their next slots; read after the lock, so that a claim that committed just before is
 *       seen;
 *   <li>each such sender's due messages, the oldest first, as many as fit in the horizon at its
 *       pace (one segment each; a longer message leaves the last ones unused), {@code FOR UPDATE
 *       SKIP LOCKED} (a message being changed by another transaction is left for later), all
 *       senders in one statement;
 *   <li>the claimed messages, the senders' next slots and the tenant's next due time written, in
 *       one round trip of three statements;
 * </ol>
 *
 * then the commit. H2, embedded, reads each sender's messages in a statement of its own and
 * writes with batches.
 *
 * <p>The tenant's row is locked before anything is read: whatever another claim, an insert or an
 * update committed before is then seen, and whatever they do after waits for this claim.
 * Stateless and thread-safe.
 */
final class OutboxClaims {

    /** Locks the tenant's row unless another transaction holds it; reads its throttle. */
    private static final String LOCK =
            "SELECT throttled_until FROM tt_outbox_tenants WHERE tenant_id = ? FOR UPDATE SKIP LOCKED";

    /** The tenant's live claims, and its senders with a message due with their next slots. */
    private static final String SENDERS = "SELECT f.in_flight, s.sender, s.next_slot_at FROM (SELECT count(*)"
            + " AS in_flight FROM tt_outbox c WHERE c.tenant_id = ? AND c.state = 'CLAIMED'"
            + " AND c.lease_until >= ?) f LEFT JOIN tt_outbox_senders s ON s.tenant_id = ? AND EXISTS (SELECT 1"
            + " FROM tt_outbox d WHERE d.tenant_id = s.tenant_id AND d.sender = s.sender"
            + " AND d.state = 'SCHEDULED' AND d.due_at <= ?) ORDER BY s.sender";

    private static final String DUE_OF_ONE_SENDER = "FROM tt_outbox o WHERE o.tenant_id = ? AND o.sender = %s"
            + " AND o.state = 'SCHEDULED' AND o.due_at <= ? ORDER BY o.due_at, o.id LIMIT %s FOR UPDATE SKIP LOCKED";

    /** PostgreSQL: the due messages of every sender, each limited to its own count (arrays). */
    private static final String DUE_OF_SENDERS = "SELECT " + OutboxRows.columns("m")
            + " FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS INT[])) AS k(sender, n) CROSS JOIN LATERAL (SELECT "
            + OutboxRows.columns("o") + " " + String.format(DUE_OF_ONE_SENDER, "k.sender", "k.n") + ") m";

    /** H2: the due messages of one sender. */
    private static final String DUE_OF_SENDER =
            "SELECT " + OutboxRows.columns("o") + " " + String.format(DUE_OF_ONE_SENDER, "?", "?");

    /** PostgreSQL: the claimed messages, from arrays of their ids, slots, leases and message ids. */
    private static final String CLAIM_ALL = "UPDATE tt_outbox o SET state = 'CLAIMED', lease_owner = ?,"
            + " slot_at = CAST(c.slot_at AS TIMESTAMP WITH TIME ZONE),"
            + " lease_until = CAST(c.lease_until AS TIMESTAMP WITH TIME ZONE), attempts = o.attempts + 1,"
            + " message_id = CAST(c.message_id AS UUID), version = o.version + 1, updated_at = ?"
            + " FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]))"
            + " AS c(id, slot_at, lease_until, message_id) WHERE o.tenant_id = ? AND o.id = CAST(c.id AS UUID)";

    /** PostgreSQL: the senders' next slots, from arrays. */
    private static final String PACE_ALL = "UPDATE tt_outbox_senders s"
            + " SET next_slot_at = CAST(c.next_slot_at AS TIMESTAMP WITH TIME ZONE)"
            + " FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[])) AS c(sender, next_slot_at)"
            + " WHERE s.tenant_id = ? AND s.sender = c.sender";

    /** H2: one claimed message. */
    private static final String CLAIM_ONE = "UPDATE tt_outbox SET state = 'CLAIMED', lease_owner = ?, slot_at = ?,"
            + " lease_until = ?, attempts = attempts + 1, message_id = ?, version = version + 1, updated_at = ?"
            + " WHERE tenant_id = ? AND id = ?";

    /** H2: one sender's next slot. */
    private static final String PACE_ONE =
            "UPDATE tt_outbox_senders SET next_slot_at = ? WHERE tenant_id = ? AND sender = ?";

    private static final Comparator<ScheduledMessage> BY_DUE =
            Comparator.comparing(ScheduledMessage::dueAt).thenComparing(ScheduledMessage::id);

    private final Sql sql;
    private final boolean postgres;

    OutboxClaims(Sql sql) {
        this.sql = sql;
        this.postgres = sql.isPostgreSql();
    }

    /** {@link io.tenanttwilio.spi.OutboxStore#claim}. */
    List<ScheduledMessage> claim(OutboxClaim claim) {
        TenantId tenant = claim.tenant();
        Instant now = OutboxRows.micros(claim.now());
        return sql.inTransactionFrom(
                tenant, LOCK, (statement, first) -> statement.setString(first, tenant.value()), (connection, rows) -> {
                    Instant throttledUntil;
                    if (rows.next()) {
                        throttledUntil = Sql.instant(rows, "throttled_until");
                    } else if (createTenant(connection, tenant, now)) {
                        throttledUntil = null;
                    } else {
                        return List.<ScheduledMessage>of(); // another instance is claiming for it
                    }
                    if (throttledUntil != null && throttledUntil.isAfter(now)) {
                        return List.<ScheduledMessage>of();
                    }
                    return claimLocked(connection, claim, now);
                });
    }

    /** The tenant's row, created when it has none yet; whether this transaction now holds it. */
    private boolean createTenant(Connection connection, TenantId tenant, Instant now) throws SQLException {
        return sql.insertUnlessDuplicate(
                connection, "INSERT INTO tt_outbox_tenants (tenant_id, updated_at) VALUES (?, ?)", insert -> {
                    insert.setString(1, tenant.value());
                    Sql.setInstant(insert, 2, now);
                });
    }

    private List<ScheduledMessage> claimLocked(Connection connection, OutboxClaim claim, Instant now)
            throws SQLException {
        TenantId tenant = claim.tenant();
        Map<String, @Nullable Instant> nextSlots = new LinkedHashMap<>();
        long inFlight = 0;
        try (PreparedStatement select = connection.prepareStatement(SENDERS)) {
            select.setString(1, tenant.value());
            Sql.setInstant(select, 2, now);
            select.setString(3, tenant.value());
            Sql.setInstant(select, 4, now);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    inFlight = rows.getLong("in_flight");
                    String sender = rows.getString("sender");
                    if (sender != null) {
                        nextSlots.put(sender, Sql.instant(rows, "next_slot_at"));
                    }
                }
            }
        }
        long budget = Math.min(claim.maxMessages(), claim.maxInFlight() - inFlight);
        if (budget <= 0 || nextSlots.isEmpty()) {
            return List.of();
        }
        Instant horizon = now.plus(claim.horizon());
        Map<String, Integer> room = new LinkedHashMap<>();
        nextSlots.forEach((sender, next) -> {
            Instant start = next != null && next.isAfter(now) ? next : now;
            if (!start.isAfter(horizon)) {
                long fit = Duration.between(start, horizon).dividedBy(slotLength(claim, sender, 1)) + 1;
                room.put(sender, (int) Math.min(budget, fit));
            }
        });
        if (room.isEmpty()) {
            return List.of();
        }
        List<ScheduledMessage> due =
                postgres ? dueOfSenders(connection, tenant, now, room) : dueBySender(connection, tenant, now, room);
        due.sort(BY_DUE);

        // The senders' turns, as InMemoryOutboxStore takes them: the oldest due first.
        Map<String, Instant> moved = new LinkedHashMap<>();
        List<ScheduledMessage> claimed = new ArrayList<>();
        for (ScheduledMessage message : due) {
            if (claimed.size() >= budget) {
                break;
            }
            String sender = message.sender();
            Instant next = moved.containsKey(sender) ? moved.get(sender) : nextSlots.get(sender);
            Instant slot = next != null && next.isAfter(now) ? next : now;
            if (slot.isAfter(horizon)) {
                continue; // the sender is busy beyond the horizon: it waits for a later claim
            }
            moved.put(sender, slot.plus(slotLength(claim, sender, message.segments())));
            claimed.add(message.toBuilder()
                    .state(OutboxState.CLAIMED)
                    .leaseOwner(claim.owner())
                    .slotAt(slot)
                    .leaseUntil(OutboxRows.micros(slot.plus(claim.leaseTtl())))
                    .attempts(message.attempts() + 1)
                    .messageId(message.messageId()
                            .orElseGet(() -> UUID.randomUUID().toString()))
                    .version(message.version() + 1)
                    .updatedAt(now)
                    .build());
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        if (postgres) {
            writeAll(connection, claim, now, claimed, moved);
        } else {
            writeInBatches(connection, claim, now, claimed, moved);
        }
        claimed.sort(Comparator.comparing((ScheduledMessage m) -> m.slotAt().orElseThrow())
                .thenComparing(ScheduledMessage::id));
        return claimed;
    }

    /** The time a message holds its sender, at the microsecond the databases keep. */
    private static Duration slotLength(OutboxClaim claim, String sender, int segments) {
        return OutboxRows.micros(claim.slotLength(sender, segments));
    }

    private static List<ScheduledMessage> dueOfSenders(
            Connection connection, TenantId tenant, Instant now, Map<String, Integer> room) throws SQLException {
        List<ScheduledMessage> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(DUE_OF_SENDERS)) {
            Array senders = connection.createArrayOf("varchar", room.keySet().toArray());
            Array counts = connection.createArrayOf("int4", room.values().toArray());
            select.setArray(1, senders);
            select.setArray(2, counts);
            select.setString(3, tenant.value());
            Sql.setInstant(select, 4, now);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(OutboxRows.message(rows));
                }
            }
        }
        return due;
    }

    private static List<ScheduledMessage> dueBySender(
            Connection connection, TenantId tenant, Instant now, Map<String, Integer> room) throws SQLException {
        List<ScheduledMessage> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(DUE_OF_SENDER)) {
            for (Map.Entry<String, Integer> sender : room.entrySet()) {
                select.setString(1, tenant.value());
                select.setString(2, sender.getKey());
                Sql.setInstant(select, 3, now);
                select.setInt(4, sender.getValue());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        due.add(OutboxRows.message(rows));
                    }
                }
            }
        }
        return due;
    }

    /** PostgreSQL: the messages, the senders and the tenant's next due time, in one round trip. */
    private static void writeAll(
            Connection connection,
            OutboxClaim claim,
            Instant now,
            List<ScheduledMessage> claimed,
            Map<String, Instant> moved)
            throws SQLException {
        int n = claimed.size();
        String[] ids = new String[n];
        String[] slots = new String[n];
        String[] leases = new String[n];
        String[] messageIds = new String[n];
        for (int i = 0; i < n; i++) {
            ScheduledMessage message = claimed.get(i);
            ids[i] = message.id();
            slots[i] = message.slotAt().orElseThrow().toString();
            leases[i] = message.leaseUntil().orElseThrow().toString();
            messageIds[i] = message.messageId().orElseThrow();
        }
        String[] senders = moved.keySet().toArray(new String[0]);
        String[] nextSlots = moved.values().stream().map(Instant::toString).toArray(String[]::new);
        String tenant = claim.tenant().value();
        try (PreparedStatement write =
                connection.prepareStatement(CLAIM_ALL + "; " + PACE_ALL + "; " + JdbcOutboxStore.NEXT_DUE_AGAIN)) {
            write.setString(1, claim.owner());
            Sql.setInstant(write, 2, now);
            write.setArray(3, connection.createArrayOf("text", ids));
            write.setArray(4, connection.createArrayOf("text", slots));
            write.setArray(5, connection.createArrayOf("text", leases));
            write.setArray(6, connection.createArrayOf("text", messageIds));
            write.setString(7, tenant);
            write.setArray(8, connection.createArrayOf("text", senders));
            write.setArray(9, connection.createArrayOf("text", nextSlots));
            write.setString(10, tenant);
            JdbcOutboxStore.bindNextDueAgain(write, 11, claim.tenant(), now);
            write.execute();
            int claimedRows = write.getUpdateCount();
            while (write.getMoreResults() || write.getUpdateCount() != -1) {
                // the senders' and the tenant's updates
            }
            if (claimedRows != n) {
                throw new SQLException("A claimed message changed under its lock", "40001");
            }
        }
    }

    /** H2: the same writes, batched. */
    private static void writeInBatches(
            Connection connection,
            OutboxClaim claim,
            Instant now,
            List<ScheduledMessage> claimed,
            Map<String, Instant> moved)
            throws SQLException {
        String tenant = claim.tenant().value();
        try (PreparedStatement update = connection.prepareStatement(CLAIM_ONE)) {
            for (ScheduledMessage message : claimed) {
                update.setString(1, claim.owner());
                Sql.setInstant(update, 2, message.slotAt().orElseThrow());
                Sql.setInstant(update, 3, message.leaseUntil().orElseThrow());
                Sql.setId(update, 4, message.messageId().orElseThrow());
                Sql.setInstant(update, 5, now);
                update.setString(6, tenant);
                Sql.setId(update, 7, message.id());
                update.addBatch();
            }
            for (int count : update.executeBatch()) {
                if (count != 1) {
                    throw new SQLException("A claimed message changed under its lock", "40001");
                }
            }
        }
        try (PreparedStatement pace = connection.prepareStatement(PACE_ONE)) {
            for (Map.Entry<String, Instant> sender : moved.entrySet()) {
                Sql.setInstant(pace, 1, sender.getValue());
                pace.setString(2, tenant);
                pace.setString(3, sender.getKey());
                pace.addBatch();
            }
            pace.executeBatch();
        }
        try (PreparedStatement again = connection.prepareStatement(JdbcOutboxStore.NEXT_DUE_AGAIN)) {
            JdbcOutboxStore.bindNextDueAgain(again, 1, claim.tenant(), now);
            again.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "OutboxClaims[" + sql.dialect() + "]";
    }
}
