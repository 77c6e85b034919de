package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.spi.JobLease;
import io.tenanttwilio.spi.UsageStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A {@link UsageStore} in {@code tt_usage_counters}, {@code tt_purchase_events}, {@code
 * tt_job_leases} and {@code tt_flags}: every operation is one transaction whose check and change
 * happen under a row lock, so that instances sharing the database never exceed a limit together.
 * Thread-safe.
 */
public final class JdbcUsageStore implements UsageStore {

    /** A counter row taken as the tenant's lock for purchase windows. */
    private static final String PURCHASE_LOCK = "lock:purchases";

    private static final int ATTEMPTS = 5;
    private static final int RELEASE_ATTEMPTS = 3;
    private static final Duration RELEASE_PAUSE = Duration.ofMillis(25);

    private final Sql sql;
    private final Clock clock;

    JdbcUsageStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------
    // Counters

    @Override
    public long reserve(TenantId tenant, String counter, long amount, long limit, boolean force) {
        requireAmount(amount);
        Objects.requireNonNull(counter, "counter");
        return sql.inTransaction(tenant, connection -> {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                // PostgreSQL re-checks the condition on the row as committed by a concurrent
                // update it waited for, so the limit holds across instances.
                try (PreparedStatement update =
                        connection.prepareStatement("UPDATE tt_usage_counters SET used = used + ?, updated_at = ?"
                                + " WHERE tenant_id = ? AND counter = ? AND (? OR used + ? <= ?)")) {
                    update.setLong(1, amount);
                    Sql.setInstant(update, 2, clock.instant());
                    update.setString(3, tenant.value());
                    update.setString(4, counter);
                    update.setBoolean(5, force);
                    update.setLong(6, amount);
                    update.setLong(7, limit);
                    if (update.executeUpdate() == 1) {
                        return used(connection, tenant, counter);
                    }
                }
                long current = used(connection, tenant, counter);
                if (current >= 0) {
                    if (!force && current + amount > limit) {
                        return -1L;
                    }
                    continue; // the row appeared (or changed) meanwhile: try again
                }
                if (!force && amount > limit) {
                    return -1L;
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO tt_usage_counters (tenant_id, counter, used, updated_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, tenant.value());
                    insert.setString(2, counter);
                    insert.setLong(3, amount);
                    Sql.setInstant(insert, 4, clock.instant());
                    if (Sql.insertUnlessDuplicate(connection, insert)) {
                        return amount;
                    }
                }
            }
            throw new SQLException("The counter kept changing under concurrent updates", "40001");
        });
    }

    @Override
    public void release(TenantId tenant, String counter, long amount) {
        requireAmount(amount);
        // A blip is worth another try, but only when the failed try was rolled back: taking the
        // units twice would give the tenant quota it never had.
        sql.inTransactionRetrying(tenant, RELEASE_ATTEMPTS, RELEASE_PAUSE, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tt_usage_counters SET used = CASE WHEN used > ? THEN used - ? ELSE 0 END, updated_at = ?"
                            + " WHERE tenant_id = ? AND counter = ?")) {
                update.setLong(1, amount);
                update.setLong(2, amount);
                Sql.setInstant(update, 3, clock.instant());
                update.setString(4, tenant.value());
                update.setString(5, counter);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long used(TenantId tenant, String counter) {
        return sql.inTransaction(tenant, connection -> Math.max(0, used(connection, tenant, counter)));
    }

    /** The counter's value, or -1 when it has no row. */
    private static long used(Connection connection, TenantId tenant, String counter) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT used FROM tt_usage_counters WHERE tenant_id = ? AND counter = ?")) {
            select.setString(1, tenant.value());
            select.setString(2, counter);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Purchases

    @Override
    public Optional<String> tryRecordPurchase(TenantId tenant, Instant at, Duration window, int max) {
        return sql.inTransaction(tenant, connection -> {
            lockTenant(connection, tenant);
            int recent;
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM tt_purchase_events WHERE tenant_id = ? AND purchased_at > ?")) {
                count.setString(1, tenant.value());
                Sql.setInstant(count, 2, at.minus(window));
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    recent = rows.getInt(1);
                }
            }
            if (recent >= max) {
                return Optional.<String>empty();
            }
            String id = UUID.randomUUID().toString();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tt_purchase_events (id, tenant_id, purchased_at) VALUES (?, ?, ?)")) {
                Sql.setId(insert, 1, id);
                insert.setString(2, tenant.value());
                Sql.setInstant(insert, 3, at);
                insert.executeUpdate();
            }
            return Optional.of(id);
        });
    }

    /** Serializes the tenant's purchase checks: a row lock on its lock row, created once. */
    private void lockTenant(Connection connection, TenantId tenant) throws SQLException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT used FROM tt_usage_counters WHERE tenant_id = ? AND counter = ? FOR UPDATE")) {
                lock.setString(1, tenant.value());
                lock.setString(2, PURCHASE_LOCK);
                try (ResultSet rows = lock.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tt_usage_counters (tenant_id, counter, used, updated_at) VALUES (?, ?, 0, ?)")) {
                insert.setString(1, tenant.value());
                insert.setString(2, PURCHASE_LOCK);
                Sql.setInstant(insert, 3, clock.instant());
                Sql.insertUnlessDuplicate(connection, insert);
            }
        }
        throw new SQLException("Could not lock the tenant's purchases", "40001");
    }

    @Override
    public void forgetPurchase(TenantId tenant, String purchaseId) {
        if (!Sql.isId(purchaseId)) {
            return; // not one this store made
        }
        sql.inTransaction(tenant, connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM tt_purchase_events WHERE tenant_id = ? AND id = ?")) {
                delete.setString(1, tenant.value());
                Sql.setId(delete, 2, purchaseId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Instant> purchasesSince(TenantId tenant, Instant since) {
        return sql.inTransaction(tenant, connection -> {
            List<Instant> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT purchased_at FROM tt_purchase_events WHERE tenant_id = ? AND purchased_at > ?"
                            + " ORDER BY purchased_at")) {
                select.setString(1, tenant.value());
                Sql.setInstant(select, 2, since);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(Sql.requiredInstant(rows, "purchased_at"));
                    }
                }
            }
            return found;
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Leases

    @Override
    public Optional<JobLease> tryAcquireLease(String job, String owner, Instant now, Duration ttl) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(owner, "owner");
        Instant until = now.plus(ttl);
        return sql.inTransaction(null, connection -> {
            boolean held;
            try (PreparedStatement take =
                    connection.prepareStatement("UPDATE tt_job_leases SET owner = ?, expires_at = ?"
                            + " WHERE job = ? AND (owner IS NULL OR owner = ? OR expires_at <= ?)")) {
                take.setString(1, owner);
                Sql.setInstant(take, 2, until);
                take.setString(3, job);
                take.setString(4, owner);
                Sql.setInstant(take, 5, now);
                held = take.executeUpdate() == 1;
            }
            if (!held) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO tt_job_leases (job, owner, expires_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, job);
                    insert.setString(2, owner);
                    Sql.setInstant(insert, 3, until);
                    held = Sql.insertUnlessDuplicate(connection, insert);
                }
            }
            if (!held) {
                return Optional.<JobLease>empty();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT cursor_value, last_completed_at FROM tt_job_leases WHERE job = ?")) {
                select.setString(1, job);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return Optional.of(JobLease.builder()
                            .job(job)
                            .owner(owner)
                            .expiresAt(until)
                            .cursor(rows.getString("cursor_value"))
                            .lastCompletedAt(Sql.instant(rows, "last_completed_at"))
                            .build());
                }
            }
        });
    }

    @Override
    public boolean renewLease(String job, String owner, Instant now, Duration ttl, @Nullable String cursor) {
        return sql.inTransaction(null, connection -> {
            try (PreparedStatement renew = connection.prepareStatement(
                    "UPDATE tt_job_leases SET expires_at = ?, cursor_value = ? WHERE job = ? AND owner = ?")) {
                Sql.setInstant(renew, 1, now.plus(ttl));
                renew.setString(2, cursor);
                renew.setString(3, job);
                renew.setString(4, owner);
                return renew.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void completeLease(String job, String owner, Instant completedAt) {
        sql.inTransaction(null, connection -> {
            try (PreparedStatement complete = connection.prepareStatement(
                    "UPDATE tt_job_leases SET owner = NULL, expires_at = ?, cursor_value = NULL, last_completed_at = ?"
                            + " WHERE job = ? AND owner = ?")) {
                Sql.setInstant(complete, 1, Instant.EPOCH);
                Sql.setInstant(complete, 2, completedAt);
                complete.setString(3, job);
                complete.setString(4, owner);
                complete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void releaseLease(String job, String owner) {
        sql.inTransaction(null, connection -> {
            try (PreparedStatement release = connection.prepareStatement(
                    "UPDATE tt_job_leases SET owner = NULL, expires_at = ? WHERE job = ? AND owner = ?")) {
                Sql.setInstant(release, 1, Instant.EPOCH);
                release.setString(2, job);
                release.setString(3, owner);
                release.executeUpdate();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Flags

    @Override
    public boolean raiseFlag(@Nullable TenantId tenant, String flag, Instant at) {
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO tt_flags (tenant_id, flag, raised_at) VALUES (?, ?, ?)")) {
                insert.setString(1, scope(tenant));
                insert.setString(2, Objects.requireNonNull(flag, "flag"));
                Sql.setInstant(insert, 3, at);
                return Sql.insertUnlessDuplicate(connection, insert);
            }
        });
    }

    @Override
    public boolean clearFlag(@Nullable TenantId tenant, String flag) {
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM tt_flags WHERE tenant_id = ? AND flag = ?")) {
                delete.setString(1, scope(tenant));
                delete.setString(2, flag);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean isFlagRaised(@Nullable TenantId tenant, String flag) {
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT 1 FROM tt_flags WHERE tenant_id = ? AND flag = ?")) {
                select.setString(1, scope(tenant));
                select.setString(2, flag);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    @Override
    public int purge(TenantId tenant, Instant before) {
        return sql.inTransaction(tenant, connection -> {
            int removed;
            try (PreparedStatement counters = connection.prepareStatement(
                    "DELETE FROM tt_usage_counters WHERE tenant_id = ? AND updated_at < ? AND counter <> ?")) {
                counters.setString(1, tenant.value());
                Sql.setInstant(counters, 2, before);
                counters.setString(3, PURCHASE_LOCK);
                removed = counters.executeUpdate();
            }
            try (PreparedStatement purchases = connection.prepareStatement(
                    "DELETE FROM tt_purchase_events WHERE tenant_id = ? AND purchased_at < ?")) {
                purchases.setString(1, tenant.value());
                Sql.setInstant(purchases, 2, before);
                removed += purchases.executeUpdate();
            }
            try (PreparedStatement flags = connection.prepareStatement(
                    "DELETE FROM tt_flags WHERE tenant_id = ? AND raised_at < ? AND flag LIKE 'period:%'")) {
                flags.setString(1, tenant.value());
                Sql.setInstant(flags, 2, before);
                removed += flags.executeUpdate();
            }
            return removed;
        });
    }

    private static String scope(@Nullable TenantId tenant) {
        return tenant == null ? "" : tenant.value();
    }

    private static void requireAmount(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }

    @Override
    public String toString() {
        return "JdbcUsageStore[" + sql.dialect() + "]";
    }
}
