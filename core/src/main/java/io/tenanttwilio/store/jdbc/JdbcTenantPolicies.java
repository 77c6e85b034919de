package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.guardrails.CanadianLongCodes;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UnregisteredTraffic;
import io.tenanttwilio.outbox.ConsentRule;
import io.tenanttwilio.outbox.QuietHours;
import io.tenanttwilio.outbox.QuietHoursAction;
import io.tenanttwilio.spi.TenantPolicies;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Tenant policies in {@code tt_tenant_policies}, read through a short cache (30 seconds) since they
 * are consulted on every send: a change made on one instance reaches the others within that time.
 * Thread-safe.
 */
public final class JdbcTenantPolicies implements TenantPolicies {

    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private record Cached(@Nullable TenantPolicy policy, Instant readAt) {}

    private final Sql sql;
    private final Clock clock;
    private final Map<TenantId, Cached> cache = new ConcurrentHashMap<>();

    JdbcTenantPolicies(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public Optional<TenantPolicy> policyOf(TenantId tenant) {
        Instant now = clock.instant();
        Cached cached = cache.get(tenant);
        if (cached != null && cached.readAt().plus(CACHE_TTL).isAfter(now)) {
            return Optional.ofNullable(cached.policy());
        }
        Optional<TenantPolicy> read = read(tenant);
        if (cache.size() > 100_000) {
            cache.clear();
        }
        cache.put(tenant, new Cached(read.orElse(null), now));
        return read;
    }

    private Optional<TenantPolicy> read(TenantId tenant) {
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT * FROM tt_tenant_policies WHERE tenant_id = ?")) {
                select.setString(1, tenant.value());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<TenantPolicy>empty();
                    }
                    long daily = rows.getLong("daily_limit");
                    boolean noDaily = rows.wasNull();
                    long monthly = rows.getLong("monthly_limit");
                    boolean noMonthly = rows.wasNull();
                    TenantPolicy.Builder policy = TenantPolicy.builder();
                    // NULL (a policy saved before schema version 5) leaves TenantPolicy's own
                    // default, as a policy built without these values has.
                    UnregisteredTraffic traffic =
                            constant(UnregisteredTraffic.class, rows.getString("unregistered_traffic"));
                    if (traffic != null) {
                        policy.unregisteredTraffic(traffic);
                    }
                    CanadianLongCodes canada = constant(CanadianLongCodes.class, rows.getString("canadian_long_codes"));
                    if (canada != null) {
                        policy.canadianLongCodes(canada);
                    }
                    String quiet = rows.getString("quiet_hours");
                    if (quiet != null) {
                        policy.quietHours(QuietHours.parse(quiet));
                    }
                    QuietHoursAction action = constant(QuietHoursAction.class, rows.getString("quiet_hours_action"));
                    if (action != null) {
                        policy.quietHoursAction(action);
                    }
                    ConsentRule consent = constant(ConsentRule.class, rows.getString("consent_rule"));
                    if (consent != null) {
                        policy.consentRule(consent);
                    }
                    return Optional.of(policy.timeZone(ZoneId.of(rows.getString("time_zone")))
                            .dailySmsLimit(noDaily ? null : daily)
                            .monthlySmsLimit(noMonthly ? null : monthly)
                            .countSegments(rows.getBoolean("count_segments"))
                            .maxPurchasesPer24Hours(rows.getInt("max_purchases"))
                            .maxNumbersOwned(rows.getInt("max_numbers"))
                            .monthlyNumberSpendCap(rows.getBigDecimal("spend_cap"))
                            .estimatedNumberMonthlyPrice(rows.getBigDecimal("estimated_price"))
                            .lowBalanceThreshold(rows.getBigDecimal("low_balance"))
                            .autoRepair(rows.getBoolean("auto_repair"))
                            .build());
                }
            }
        });
    }

    @Override
    public void save(TenantId tenant, TenantPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        sql.inTransaction(tenant, connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM tt_tenant_policies WHERE tenant_id = ?")) {
                delete.setString(1, tenant.value());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tt_tenant_policies (tenant_id, time_zone, daily_limit, monthly_limit, count_segments,"
                            + " max_purchases, max_numbers, spend_cap, estimated_price, low_balance, auto_repair,"
                            + " updated_at, unregistered_traffic, canadian_long_codes, quiet_hours, quiet_hours_action,"
                            + " consent_rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, tenant.value());
                insert.setString(2, policy.timeZone().getId());
                Sql.setNullableLong(
                        insert,
                        3,
                        policy.dailySmsLimit().isPresent()
                                ? policy.dailySmsLimit().getAsLong()
                                : null);
                Sql.setNullableLong(
                        insert,
                        4,
                        policy.monthlySmsLimit().isPresent()
                                ? policy.monthlySmsLimit().getAsLong()
                                : null);
                insert.setBoolean(5, policy.countSegments());
                insert.setInt(6, policy.maxPurchasesPer24Hours());
                insert.setInt(7, policy.maxNumbersOwned());
                insert.setBigDecimal(8, policy.monthlyNumberSpendCap().orElse(null));
                insert.setBigDecimal(9, policy.estimatedNumberMonthlyPrice());
                insert.setBigDecimal(10, policy.lowBalanceThreshold());
                insert.setBoolean(11, policy.autoRepair());
                Sql.setInstant(insert, 12, clock.instant());
                insert.setString(13, policy.unregisteredTraffic().name());
                insert.setString(14, policy.canadianLongCodes().name());
                insert.setString(15, policy.quietHours().toText());
                insert.setString(16, policy.quietHoursAction().name());
                insert.setString(17, policy.consentRule().name());
                insert.executeUpdate();
            }
            return null;
        });
        cache.remove(tenant);
    }

    @Override
    public boolean remove(TenantId tenant) {
        boolean removed = sql.inTransaction(tenant, connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM tt_tenant_policies WHERE tenant_id = ?")) {
                delete.setString(1, tenant.value());
                return delete.executeUpdate() == 1;
            }
        });
        cache.remove(tenant);
        return removed;
    }

    /**
     * The constant named {@code name}, or {@code null} when there is none, or one this version
     * does not know (written by a later one): the policy then keeps TenantPolicy's default rather
     * than fail every send of the tenant.
     */
    private static <E extends Enum<E>> @Nullable E constant(Class<E> type, @Nullable String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "JdbcTenantPolicies[" + sql.dialect() + "]";
    }
}
