package io.tenanttwilio.internal.guardrails;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.QuotaExceededException;
import io.tenanttwilio.guardrails.QuotaPeriod;
import io.tenanttwilio.guardrails.QuotaStatus;
import io.tenanttwilio.guardrails.QuotaUse;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.spi.SdkMetrics;
import io.tenanttwilio.spi.TenantPolicies;
import io.tenanttwilio.spi.UsageStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The money guards: SMS quotas per calendar day and month in the tenant's time zone (reserved
 * atomically in the shared {@link UsageStore} before a send, given back when Twilio refuses it),
 * and purchase limits (per 24 hours, numbers owned, monthly spend cap).
 */
public final class Guardrails {

    private static final Logger LOG = LoggerFactory.getLogger(Guardrails.class);
    static final Duration PURCHASE_WINDOW = Duration.ofHours(24);

    /** Units taken from the counters for one send; given back or adjusted later. */
    public record Reservation(TenantId tenant, long units, List<String> counters) {
        static Reservation none(TenantId tenant) {
            return new Reservation(tenant, 0, List.of());
        }
    }

    private final TenantPolicy defaults;
    private final TenantPolicies policies;
    private final UsageStore usage;
    private final Alerts alerts;
    private final Auditor audit;
    private final SdkMetrics metrics;
    private final Clock clock;

    public Guardrails(
            TenantPolicy defaults,
            TenantPolicies policies,
            UsageStore usage,
            Alerts alerts,
            Auditor audit,
            SdkMetrics metrics,
            Clock clock) {
        this.defaults = defaults;
        this.policies = policies;
        this.usage = usage;
        this.alerts = alerts;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The tenant's policy: its own, else the default. */
    public TenantPolicy policy(TenantId tenant) {
        try {
            return policies.policyOf(tenant).orElse(defaults);
        } catch (RuntimeException e) {
            throw Problems.builder(ErrorCode.STORAGE_UNAVAILABLE)
                    .tenant(tenant)
                    .cause(new RuntimeException(e.getClass().getName()))
                    .build();
        }
    }

    /** The default policy. */
    public TenantPolicy defaults() {
        return defaults;
    }

    /** Changes the tenant's own policy, audited with the limits before and after. */
    public void updatePolicy(TenantId tenant, TenantPolicy policy, @Nullable String actor) {
        TenantPolicy before = policy(tenant);
        try {
            policies.save(tenant, policy);
        } catch (UnsupportedOperationException e) {
            throw Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                    .tenant(tenant)
                    .detail("config.policies-read-only")
                    .build();
        } catch (RuntimeException e) {
            throw Problems.builder(ErrorCode.STORAGE_UNAVAILABLE)
                    .tenant(tenant)
                    .cause(new RuntimeException(e.getClass().getName()))
                    .build();
        }
        audit.success(
                AuditAction.POLICY_CHANGED,
                tenant,
                actor,
                event -> event.detail("before", summary(before)).detail("after", summary(policy)));
    }

    private static String summary(TenantPolicy p) {
        return "daily=" + text(p.dailySmsLimit()) + " monthly=" + text(p.monthlySmsLimit()) + " unit="
                + (p.countSegments() ? "segments" : "messages") + " zone="
                + p.timeZone().getId() + " purchases/24h="
                + p.maxPurchasesPer24Hours() + " numbers=" + p.maxNumbersOwned() + " spendCap="
                + p.monthlyNumberSpendCap().map(BigDecimal::toPlainString).orElse("none") + " lowBalance="
                + p.lowBalanceThreshold().toPlainString() + " autoRepair=" + p.autoRepair();
    }

    // ---------------------------------------------------------------------------------------------
    // SMS quotas

    public static String dayCounter(LocalDate day) {
        return "sms:day:" + day;
    }

    public static String monthCounter(YearMonth month) {
        return "sms:month:" + month;
    }

    /** The tenant's use of its quotas now. */
    public QuotaStatus quota(TenantId tenant) {
        TenantPolicy policy = policy(tenant);
        ZonedDateTime now = clock.instant().atZone(policy.timeZone());
        long day = Stores.call(tenant, () -> usage.used(tenant, dayCounter(now.toLocalDate())));
        long month = Stores.call(tenant, () -> usage.used(tenant, monthCounter(YearMonth.from(now))));
        return QuotaStatus.builder()
                .tenant(tenant)
                .countsSegments(policy.countSegments())
                .day(quotaUse(QuotaPeriod.DAY, day, policy.dailySmsLimit(), now))
                .month(quotaUse(QuotaPeriod.MONTH, month, policy.monthlySmsLimit(), now))
                .build();
    }

    private static QuotaUse quotaUse(QuotaPeriod period, long used, OptionalLong limit, ZonedDateTime now) {
        QuotaUse.Builder use = QuotaUse.builder().period(period).used(used).resetsAt(resetsAt(now, period));
        limit.ifPresent(use::limit);
        return use.build();
    }

    public static ZonedDateTime resetsAt(ZonedDateTime now, QuotaPeriod period) {
        return period == QuotaPeriod.DAY
                ? now.toLocalDate().plusDays(1).atStartOfDay(now.getZone())
                : YearMonth.from(now).plusMonths(1).atDay(1).atStartOfDay(now.getZone());
    }

    /**
     * Takes {@code units} from the month's and the day's counters, or refuses with {@link
     * QuotaExceededException} taking nothing. With {@code urgent}, goes past the limits, audited and
     * alerted.
     */
    public Reservation reserveSms(TenantId tenant, long units, boolean urgent, @Nullable String actor) {
        TenantPolicy policy = policy(tenant);
        ZonedDateTime now = clock.instant().atZone(policy.timeZone());
        List<String> taken = new ArrayList<>(2);
        boolean exceeded = false;
        for (QuotaPeriod period : List.of(QuotaPeriod.MONTH, QuotaPeriod.DAY)) {
            OptionalLong limit = period == QuotaPeriod.DAY ? policy.dailySmsLimit() : policy.monthlySmsLimit();
            String counter =
                    period == QuotaPeriod.DAY ? dayCounter(now.toLocalDate()) : monthCounter(YearMonth.from(now));
            long max = limit.orElse(Long.MAX_VALUE);
            long total;
            try {
                total = Stores.call(tenant, () -> usage.reserve(tenant, counter, units, max, urgent));
            } catch (TenantTwilioException e) {
                giveBack(tenant, units, taken);
                throw e;
            }
            if (total < 0) {
                giveBack(tenant, units, taken);
                long used = Stores.call(tenant, () -> usage.used(tenant, counter));
                metrics.quotaRefused(tenant, period.name().toLowerCase(java.util.Locale.ROOT));
                throw QuotaExceededException.of(
                        tenant, quotaUse(period, used, OptionalLong.of(max), now), policy.countSegments());
            }
            taken.add(counter);
            if (limit.isPresent()) {
                metrics.quotaUsed(tenant, period.name().toLowerCase(java.util.Locale.ROOT), total, max);
                crossings(tenant, period, counter, total, units, max);
                exceeded |= total > max;
            }
        }
        if (exceeded) {
            QuotaStatus status = quota(tenant);
            audit.success(
                    AuditAction.QUOTA_OVERRIDDEN,
                    tenant,
                    actor,
                    event -> event.detail("day", status.day()).detail("month", status.month()));
            alerts.emit(Alert.builder()
                    .type(Alert.Type.QUOTA_EXCEEDED_ON_REQUEST)
                    .tenant(tenant)
                    .at(clock.instant())
                    .details(Map.of(
                            "value", String.valueOf(status.month().used()),
                            "limit",
                                    String.valueOf(status.month()
                                            .limit()
                                            .orElse(status.day().limit().orElse(0)))))
                    .build());
        }
        return new Reservation(tenant, units, List.copyOf(taken));
    }

    /** Alerts once when the total crosses 80 % and 100 % of the limit. */
    private void crossings(TenantId tenant, QuotaPeriod period, String counter, long total, long units, long limit) {
        long eighty = (limit * 8 + 9) / 10;
        if (total >= eighty && total - units < eighty && total < limit) {
            alerts.once(
                    tenant,
                    "period:" + counter + ":80",
                    () -> quotaAlert(Alert.Type.QUOTA_80_PERCENT, tenant, period, total, limit));
        }
        if (total >= limit && total - units < limit) {
            alerts.once(
                    tenant,
                    "period:" + counter + ":100",
                    () -> quotaAlert(Alert.Type.QUOTA_REACHED, tenant, period, total, limit));
        }
    }

    private Alert quotaAlert(Alert.Type type, TenantId tenant, QuotaPeriod period, long used, long limit) {
        return Alert.builder()
                .type(type)
                .tenant(tenant)
                .at(clock.instant())
                .details(Map.of("value", String.valueOf(used), "limit", String.valueOf(limit), "period", period.name()))
                .build();
    }

    /** Gives a reservation back: Twilio refused the message (or it never reached Twilio). */
    public void release(Reservation reservation) {
        giveBack(reservation.tenant(), reservation.units(), reservation.counters());
    }

    /** Corrects a reservation to what Twilio counted (segments), past the limit if need be. */
    public void adjust(Reservation reservation, long actualUnits) {
        long difference = actualUnits - reservation.units();
        if (difference == 0 || reservation.counters().isEmpty()) {
            return;
        }
        TenantId tenant = reservation.tenant();
        for (String counter : reservation.counters()) {
            try {
                if (difference > 0) {
                    usage.reserve(tenant, counter, difference, Long.MAX_VALUE, true);
                } else {
                    usage.release(tenant, counter, -difference);
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "Quota counter {} could not be corrected ({})",
                        counter,
                        e.getClass().getName());
            }
        }
    }

    private void giveBack(TenantId tenant, long units, List<String> counters) {
        for (String counter : counters) {
            try {
                // Once only: a failure may come after the store applied it, and a second try would
                // then give the tenant units it never had. The store retries what it knows failed
                // without effect (UsageStore#release).
                Stores.run(tenant, () -> usage.release(tenant, counter, units));
            } catch (TenantTwilioException e) {
                // The counter keeps the units: the tenant loses a little quota, never gains any.
                LOG.warn("Quota counter {} could not be given back ({})", counter, e.errorCode());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Purchase limits

    /**
     * Checks the purchase limits before buying and records the purchase in the 24-hour window.
     * {@code owned} counts the tenant's numbers, owned or being bought, other than this one.
     *
     * @return the recorded purchase, to forget if nothing is bought after all
     * @throws TenantTwilioException {@link ErrorCode#PURCHASE_LIMIT_REACHED}
     */
    public String admitPurchase(TenantId tenant, int owned, @Nullable String actor) {
        TenantPolicy policy = policy(tenant);
        if (owned >= policy.maxNumbersOwned()) {
            throw refused(tenant, actor, "owned", "purchase-limit.owned", policy.maxNumbersOwned());
        }
        Optional<BigDecimal> cap = policy.monthlyNumberSpendCap();
        if (cap.isPresent()) {
            BigDecimal projected = policy.estimatedNumberMonthlyPrice().multiply(BigDecimal.valueOf(owned + 1L));
            if (projected.compareTo(cap.get()) > 0) {
                throw refused(
                        tenant,
                        actor,
                        "spend-cap",
                        "purchase-limit.spend-cap",
                        cap.get().toPlainString(),
                        projected.toPlainString());
            }
        }
        Instant now = clock.instant();
        int max = policy.maxPurchasesPer24Hours();
        Optional<String> recorded =
                Stores.call(tenant, () -> usage.tryRecordPurchase(tenant, now, PURCHASE_WINDOW, max));
        if (recorded.isEmpty()) {
            List<Instant> recent = Stores.call(tenant, () -> usage.purchasesSince(tenant, now.minus(PURCHASE_WINDOW)));
            ZonedDateTime next =
                    (recent.isEmpty() ? now : recent.get(0).plus(PURCHASE_WINDOW)).atZone(policy.timeZone());
            throw refused(tenant, actor, "per-24h", "purchase-limit.window", max, next);
        }
        return recorded.get();
    }

    /** Forgets a recorded purchase: nothing was bought. */
    public void forgetPurchase(TenantId tenant, String purchase) {
        try {
            usage.forgetPurchase(tenant, purchase);
        } catch (RuntimeException e) {
            LOG.warn(
                    "A purchase that did not happen stays counted ({})",
                    e.getClass().getName());
        }
    }

    private TenantTwilioException refused(
            TenantId tenant, @Nullable String actor, String limit, String detail, Object... arguments) {
        TenantTwilioException error = Problems.builder(ErrorCode.PURCHASE_LIMIT_REACHED)
                .tenant(tenant)
                .detail(detail, arguments)
                .build();
        audit.failure(AuditAction.NUMBER_PURCHASE_REFUSED, tenant, actor, error, event -> event.detail("limit", limit));
        return error;
    }

    private static String text(OptionalLong limit) {
        return limit.isPresent() ? String.valueOf(limit.getAsLong()) : "none";
    }
}
