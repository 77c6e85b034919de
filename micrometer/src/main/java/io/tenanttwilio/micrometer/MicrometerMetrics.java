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
 * </ul>
 *
 * <p>Tags stay bounded: never a phone number; Twilio error codes beyond the first {@value
 * #MAX_ERROR_CODES} seen are tagged {@code other}; the tenant only with {@link #withTenantTag} (a
 * {@code tenant} tag, and per-tenant quota gauges {@value #QUOTA_USED}), for platforms whose
 * number of tenants the monitoring system can bear.
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

    /** How many distinct Twilio error codes get a tag of their own. */
    public static final int MAX_ERROR_CODES = 100;

    private final MeterRegistry registry;
    private final boolean tenantTag;
    private final Set<Integer> codes = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> quotaGauges = new ConcurrentHashMap<>();

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
    public String toString() {
        return "MicrometerMetrics[" + registry.getClass().getSimpleName() + (tenantTag ? ", tenant tag" : "") + "]";
    }
}
