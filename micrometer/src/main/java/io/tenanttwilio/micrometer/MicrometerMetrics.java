package io.tenanttwilio.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.spi.SdkMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records the SDK's metrics in a Micrometer {@link MeterRegistry}:
 *
 * <ul>
 *   <li>{@value #SENT} (timer; {@code outcome}: {@code sent} or the error code, such as {@code
 *       QUOTA_EXCEEDED})
 *   <li>{@value #RECEIVED} (counter)
 *   <li>{@value #DELIVERY_FAILURES} (counter; {@code code}: Twilio's error code)
 *   <li>{@value #WEBHOOKS} (timer; {@code kind}: {@code sms}/{@code status}, {@code status}: the
 *       HTTP status answered)
 *   <li>{@value #PURCHASES} (counter; {@code outcome}: {@code active}, {@code needs_attention}, … or
 *       the error code)
 *   <li>{@value #QUOTA_USAGE} (distribution of the percentage of a quota used after each send;
 *       {@code period}: {@code day}/{@code month}) and {@value #QUOTA_REFUSED} (counter)
 *   <li>{@value #OUTBOX_DISPATCHED} (counter; {@code outcome}: {@code sent}, {@code failed},
 *       {@code expired}, {@code deferred}, {@code recovered}), {@value #OUTBOX_WAITED} (timer of
 *       how late after their due time scheduled messages were sent) and {@value #OUTBOX_THROTTLED}
 *       (counter of Twilio's 429 answers to the outbox)
 *   <li>the outbox backlog as the dispatchers last read it: {@value #OUTBOX_BACKLOG_DUE}, {@value
 *       #OUTBOX_BACKLOG_OLDEST_WAIT} and {@value #OUTBOX_BACKLOG_DRAIN_TIME} (gauges), with {@value
 *       #OUTBOX_BACKLOG_TENANTS}
 * </ul>
 *
 * <p>Tags stay bounded: never a phone number; Twilio error codes beyond the first {@value
 * #MAX_ERROR_CODES} seen are tagged {@code other}; the tenant only with {@link #withTenantTag} (a
 * {@code tenant} tag, per-tenant quota gauges {@value #QUOTA_USED}, and the backlog gauges per
 * tenant instead of over every tenant), for platforms whose number of tenants the monitoring
 * system can bear.
 *
 * <pre>{@code
 * TenantTwilio twilio = TenantTwilio.builder()
 *         .metrics(MicrometerMetrics.create(meterRegistry))
 *         …
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class MicrometerMetrics implements SdkMetrics {

    /**
     * Timer of the messages sent or refused, tagged {@code outcome}: {@code sent} or the error
     * code.
     */
    public static final String SENT = "tenant_twilio.sms.sent";

    /** Counter of the inbound messages stored. */
    public static final String RECEIVED = "tenant_twilio.sms.received";

    /**
     * Counter of the messages that failed or were undelivered, tagged {@code code}: Twilio's error
     * code, or {@code other} past {@link #MAX_ERROR_CODES} distinct codes.
     */
    public static final String DELIVERY_FAILURES = "tenant_twilio.sms.delivery.failures";

    /**
     * Timer of the webhooks answered, tagged {@code kind} ({@code sms} or {@code status}) and
     * {@code status} (the HTTP status answered).
     */
    public static final String WEBHOOKS = "tenant_twilio.webhooks";

    /**
     * Counter of the number purchases, tagged {@code outcome}: the number's state after it, such
     * as {@code active} or {@code needs_attention}, or the error code.
     */
    public static final String PURCHASES = "tenant_twilio.numbers.purchases";

    /**
     * Distribution of the percentage of a quota used after each send, tagged {@code period}
     * ({@code day} or {@code month}); never tagged with the tenant.
     */
    public static final String QUOTA_USAGE = "tenant_twilio.quota.usage";

    /** Counter of the sends refused by a quota, tagged {@code period} ({@code day} or {@code month}). */
    public static final String QUOTA_REFUSED = "tenant_twilio.quota.refused";

    /**
     * Gauge of the messages counted against a tenant's quota in the current period, tagged {@code
     * tenant} and {@code period}; registered only by {@link #withTenantTag}.
     */
    public static final String QUOTA_USED = "tenant_twilio.quota.used";

    /**
     * Counter of what the outbox decided for scheduled messages, tagged {@code outcome}: {@code
     * sent}, {@code failed}, {@code expired}, {@code deferred} (quiet hours, throttling) or {@code
     * recovered} (the claim of an instance that died, resolved).
     */
    public static final String OUTBOX_DISPATCHED = "tenant_twilio.outbox.dispatched";

    /**
     * Timer of how long after their due time scheduled messages were sent (sent ones only): the
     * wait of the carriers' pace, of throttling and of the dispatcher. Its percentiles or histogram
     * are the registry's to configure (a {@code MeterFilter}, or Spring Boot's {@code
     * management.metrics.distribution.*}).
     */
    public static final String OUTBOX_WAITED = "tenant_twilio.outbox.waited";

    /** Counter of the outbox's sends Twilio answered 429 (the tenant's account then waits). */
    public static final String OUTBOX_THROTTLED = "tenant_twilio.outbox.throttled";

    /**
     * Gauge of the scheduled messages due and not yet sent: summed over the tenants whose backlog
     * was read within {@link #BACKLOG_WINDOW}, or per tenant with {@link #withTenantTag} (0 once
     * its backlog was not read within the window: drained, or no dispatcher serving it).
     */
    public static final String OUTBOX_BACKLOG_DUE = "tenant_twilio.outbox.backlog.due";

    /**
     * Gauge of how long the oldest due message has waited, in seconds: the longest over the
     * tenants whose backlog was read within {@link #BACKLOG_WINDOW}, or per tenant with {@link
     * #withTenantTag}.
     */
    public static final String OUTBOX_BACKLOG_OLDEST_WAIT = "tenant_twilio.outbox.backlog.oldest.wait";

    /**
     * Gauge of how long the due messages take to leave at the senders' pace, in seconds: the
     * longest over the tenants whose backlog was read within {@link #BACKLOG_WINDOW}, or per tenant
     * with {@link #withTenantTag}.
     */
    public static final String OUTBOX_BACKLOG_DRAIN_TIME = "tenant_twilio.outbox.backlog.drain.time";

    /**
     * Gauge of the tenants with messages due, among those whose backlog was read within {@link
     * #BACKLOG_WINDOW}; registered only without the tenant tag.
     */
    public static final String OUTBOX_BACKLOG_TENANTS = "tenant_twilio.outbox.backlog.tenants";

    /**
     * How long a tenant's backlog, as a dispatcher read it, counts in the backlog gauges (the
     * dispatchers read the backlog of each tenant they serve every few seconds, and no longer once
     * nothing is due).
     */
    public static final Duration BACKLOG_WINDOW = Duration.ofMinutes(1);

    /** How many distinct Twilio error codes get a tag of their own. */
    public static final int MAX_ERROR_CODES = 100;

    /** A tenant's backlog as last reported, and when (the registry's wall time, in ms). */
    private record Backlog(long due, double oldestWaitSeconds, double drainSeconds, long atMillis) {}

    private static final Backlog NONE = new Backlog(0, 0, 0, 0);

    private final MeterRegistry registry;
    private final boolean tenantTag;
    private final Set<Integer> codes = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> quotaGauges = new ConcurrentHashMap<>();
    private final Map<String, Backlog> backlogs = new ConcurrentHashMap<>();
    private final AtomicLong backlogsPrunedAt = new AtomicLong();
    private volatile boolean backlogGauges;

    private MicrometerMetrics(MeterRegistry registry, boolean tenantTag) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tenantTag = tenantTag;
    }

    /**
     * Metrics without a tenant tag: the number of series does not grow with the number of tenants.
     *
     * @param registry the registry the meters are registered in
     * @return metrics to pass to the SDK's builder
     */
    public static MicrometerMetrics create(MeterRegistry registry) {
        return new MicrometerMetrics(registry, false);
    }

    /**
     * Metrics tagged with the tenant too, plus a {@value #QUOTA_USED} gauge per tenant and period:
     * one series per tenant, for platforms whose monitoring system bears that many.
     *
     * @param registry the registry the meters are registered in
     * @return metrics to pass to the SDK's builder
     */
    public static MicrometerMetrics withTenantTag(MeterRegistry registry) {
        return new MicrometerMetrics(registry, true);
    }

    private Tags tags(TenantId tenant, String... keyValues) {
        Tags tags = Tags.of(keyValues);
        return tenantTag ? tags.and("tenant", tenant.value()) : tags;
    }

    @Override
    public void messageSent(TenantId tenant, String outcome, Duration took) {
        Timer.builder(SENT)
                .description("Messages sent (or refused) through the SDK")
                .tags(tags(tenant, "outcome", outcome))
                .register(registry)
                .record(took);
    }

    @Override
    public void messageReceived(TenantId tenant) {
        Counter.builder(RECEIVED)
                .description("Inbound messages stored")
                .tags(tags(tenant))
                .register(registry)
                .increment();
    }

    @Override
    public void webhookHandled(String kind, int status, Duration took) {
        Timer.builder(WEBHOOKS)
                .description("Twilio webhooks answered")
                .tags("kind", kind, "status", String.valueOf(status))
                .register(registry)
                .record(took);
    }

    @Override
    public void purchase(TenantId tenant, String outcome) {
        Counter.builder(PURCHASES)
                .description("Number purchases, by how they ended")
                .tags(tags(tenant, "outcome", outcome))
                .register(registry)
                .increment();
    }

    @Override
    public void quotaUsed(TenantId tenant, String period, long used, long limit) {
        if (limit <= 0) {
            return;
        }
        DistributionSummary.builder(QUOTA_USAGE)
                .description("Percentage of the SMS quota used, after each send")
                .baseUnit("percent")
                .tags("period", period)
                .register(registry)
                .record(100.0 * used / limit);
        if (tenantTag) {
            AtomicLong gauge = quotaGauges.computeIfAbsent(tenant.value() + '\u0000' + period, key -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder(QUOTA_USED, value, AtomicLong::get)
                        .description("SMS quota used in the current period")
                        .tags("tenant", tenant.value(), "period", period)
                        .register(registry);
                return value;
            });
            gauge.set(used);
        }
    }

    @Override
    public void quotaRefused(TenantId tenant, String period) {
        Counter.builder(QUOTA_REFUSED)
                .description("Sends refused by an SMS quota")
                .tags(tags(tenant, "period", period))
                .register(registry)
                .increment();
    }

    @Override
    public void deliveryFailed(TenantId tenant, int errorCode) {
        String code = codes.contains(errorCode) || (codes.size() < MAX_ERROR_CODES && codes.add(errorCode))
                ? String.valueOf(errorCode)
                : "other";
        Counter.builder(DELIVERY_FAILURES)
                .description("Messages that failed or were undelivered, by Twilio error code")
                .tags(tags(tenant, "code", code))
                .register(registry)
                .increment();
    }

    @Override
    public void outboxDispatched(TenantId tenant, String outcome, Duration waited) {
        Counter.builder(OUTBOX_DISPATCHED)
                .description("Scheduled messages the outbox decided on, by what became of them")
                .tags(tags(tenant, "outcome", outcome))
                .register(registry)
                .increment();
        if ("sent".equals(outcome)) {
            Timer.builder(OUTBOX_WAITED)
                    .description("How long after their due time scheduled messages were sent")
                    .tags(tags(tenant))
                    .register(registry)
                    .record(waited.isNegative() ? Duration.ZERO : waited);
        }
    }

    @Override
    public void outboxThrottled(TenantId tenant, Duration backoff) {
        Counter.builder(OUTBOX_THROTTLED)
                .description("Outbox sends Twilio answered 429 (too many concurrent requests)")
                .tags(tags(tenant))
                .register(registry)
                .increment();
    }

    @Override
    public void outboxBacklog(TenantId tenant, long due, Duration oldestWait, Duration drainTime) {
        long now = registry.config().clock().wallTime();
        Backlog backlog = new Backlog(Math.max(0, due), seconds(oldestWait), seconds(drainTime), now);
        if (tenantTag) {
            if (backlogs.put(tenant.value(), backlog) == null) {
                registerTenantBacklogGauges(tenant.value());
            }
            return;
        }
        backlogs.put(tenant.value(), backlog);
        if (!backlogGauges) {
            registerBacklogGauges();
        }
        long pruned = backlogsPrunedAt.get();
        if (now - pruned >= BACKLOG_WINDOW.toMillis() && backlogsPrunedAt.compareAndSet(pruned, now)) {
            freshBacklogs(); // forget the tenants no longer reported, even if no one reads the gauges
        }
    }

    private static double seconds(Duration duration) {
        return duration.isNegative() ? 0 : duration.toNanos() / 1e9;
    }

    /** Without the tenant tag: one gauge of each kind over the tenants reported lately. */
    private synchronized void registerBacklogGauges() {
        if (backlogGauges) {
            return;
        }
        Gauge.builder(
                        OUTBOX_BACKLOG_DUE,
                        this,
                        m -> m.freshBacklogs().stream().mapToLong(Backlog::due).sum())
                .description("Scheduled messages due and not yet sent, over the tenants")
                .register(registry);
        Gauge.builder(
                        OUTBOX_BACKLOG_OLDEST_WAIT,
                        this,
                        m -> m.freshBacklogs().stream()
                                .mapToDouble(Backlog::oldestWaitSeconds)
                                .max()
                                .orElse(0))
                .description("How long the oldest due scheduled message has waited, the longest over the tenants")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        OUTBOX_BACKLOG_DRAIN_TIME,
                        this,
                        m -> m.freshBacklogs().stream()
                                .mapToDouble(Backlog::drainSeconds)
                                .max()
                                .orElse(0))
                .description("How long the due scheduled messages take to leave at the senders' pace, the longest"
                        + " over the tenants")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        OUTBOX_BACKLOG_TENANTS,
                        this,
                        m -> m.freshBacklogs().stream().filter(b -> b.due() > 0).count())
                .description("Tenants with scheduled messages due")
                .register(registry);
        backlogGauges = true;
    }

    /** With the tenant tag: the tenant's own gauges, 0 once its backlog is no longer reported. */
    private void registerTenantBacklogGauges(String tenant) {
        Gauge.builder(OUTBOX_BACKLOG_DUE, this, m -> m.freshBacklog(tenant).due())
                .description("Scheduled messages due and not yet sent")
                .tags("tenant", tenant)
                .register(registry);
        Gauge.builder(
                        OUTBOX_BACKLOG_OLDEST_WAIT,
                        this,
                        m -> m.freshBacklog(tenant).oldestWaitSeconds())
                .description("How long the oldest due scheduled message has waited")
                .baseUnit("seconds")
                .tags("tenant", tenant)
                .register(registry);
        Gauge.builder(
                        OUTBOX_BACKLOG_DRAIN_TIME,
                        this,
                        m -> m.freshBacklog(tenant).drainSeconds())
                .description("How long the due scheduled messages take to leave at the senders' pace")
                .baseUnit("seconds")
                .tags("tenant", tenant)
                .register(registry);
    }

    private Backlog freshBacklog(String tenant) {
        Backlog backlog = backlogs.get(tenant);
        long oldest = registry.config().clock().wallTime() - BACKLOG_WINDOW.toMillis();
        return backlog != null && backlog.atMillis() >= oldest ? backlog : NONE;
    }

    /** The backlogs reported within the window; the older ones are forgotten. */
    private List<Backlog> freshBacklogs() {
        long oldest = registry.config().clock().wallTime() - BACKLOG_WINDOW.toMillis();
        backlogs.values().removeIf(b -> b.atMillis() < oldest);
        return List.copyOf(backlogs.values());
    }

    @Override
    public String toString() {
        return "MicrometerMetrics[" + registry.getClass().getSimpleName() + (tenantTag ? ", tenant tag" : "") + "]";
    }
}
