package io.tenanttwilio.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenanttwilio.TenantId;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {

    private static final TenantId CLINIC = TenantId.of("clinique-a");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsSendsByOutcomeWithoutTheTenantByDefault() {
        MicrometerMetrics metrics = MicrometerMetrics.create(registry);

        metrics.messageSent(CLINIC, "sent", Duration.ofMillis(120));
        metrics.messageSent(TenantId.of("clinique-b"), "sent", Duration.ofMillis(80));
        metrics.messageSent(CLINIC, "QUOTA_EXCEEDED", Duration.ofMillis(3));

        assertThat(registry.get(MicrometerMetrics.SENT)
                        .tag("outcome", "sent")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(MicrometerMetrics.SENT)
                        .tag("outcome", "QUOTA_EXCEEDED")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(tagKeys()).doesNotContain("tenant");
    }

    @Test
    void tagsTheTenantOnlyWhenAskedAndKeepsItsQuotaAsAGauge() {
        MicrometerMetrics metrics = MicrometerMetrics.withTenantTag(registry);

        metrics.messageReceived(CLINIC);
        metrics.quotaUsed(CLINIC, "month", 40, 50);
        metrics.quotaUsed(CLINIC, "month", 41, 50);

        assertThat(registry.get(MicrometerMetrics.RECEIVED)
                        .tag("tenant", "clinique-a")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MicrometerMetrics.QUOTA_USED)
                        .tag("tenant", "clinique-a")
                        .tag("period", "month")
                        .gauge()
                        .value())
                .isEqualTo(41);
        assertThat(registry.get(MicrometerMetrics.QUOTA_USAGE).summary().max()).isEqualTo(82);
    }

    @Test
    void errorCodesBeyondTheFirstHundredShareOneTag() {
        MicrometerMetrics metrics = MicrometerMetrics.create(registry);

        for (int code = 30_000; code < 30_150; code++) {
            metrics.deliveryFailed(CLINIC, code);
        }
        metrics.deliveryFailed(CLINIC, 30_003);

        Set<String> codes = new HashSet<>();
        registry.find(MicrometerMetrics.DELIVERY_FAILURES)
                .counters()
                .forEach(c -> codes.add(c.getId().getTag("code")));
        assertThat(codes).hasSize(MicrometerMetrics.MAX_ERROR_CODES + 1).contains("other", "30003");
        assertThat(registry.get(MicrometerMetrics.DELIVERY_FAILURES)
                        .tag("code", "30003")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(MicrometerMetrics.DELIVERY_FAILURES)
                        .tag("code", "other")
                        .counter()
                        .count())
                .isEqualTo(50);
    }

    @Test
    void recordsWebhooksPurchasesAndQuotaRefusals() {
        MicrometerMetrics metrics = MicrometerMetrics.create(registry);

        metrics.webhookHandled("sms", 200, Duration.ofMillis(4));
        metrics.webhookHandled("sms", 403, Duration.ofMillis(1));
        metrics.purchase(CLINIC, "active");
        metrics.quotaRefused(CLINIC, "day");

        assertThat(registry.get(MicrometerMetrics.WEBHOOKS)
                        .tag("status", "403")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MicrometerMetrics.PURCHASES)
                        .tag("outcome", "active")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MicrometerMetrics.QUOTA_REFUSED)
                        .tag("period", "day")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void countsTheOutboxsDecisionsAndTimesHowLateSentMessagesLeft() {
        MicrometerMetrics metrics = MicrometerMetrics.create(registry);

        metrics.outboxDispatched(CLINIC, "sent", Duration.ofSeconds(3));
        metrics.outboxDispatched(TenantId.of("clinique-b"), "sent", Duration.ofSeconds(9));
        metrics.outboxDispatched(CLINIC, "deferred", Duration.ZERO);
        metrics.outboxDispatched(CLINIC, "expired", Duration.ZERO);
        metrics.outboxThrottled(CLINIC, Duration.ofSeconds(2));

        assertThat(registry.get(MicrometerMetrics.OUTBOX_DISPATCHED)
                        .tag("outcome", "sent")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(MicrometerMetrics.OUTBOX_DISPATCHED)
                        .tag("outcome", "deferred")
                        .counter()
                        .count())
                .isEqualTo(1);
        Timer waited = registry.get(MicrometerMetrics.OUTBOX_WAITED).timer();
        assertThat(waited.count()).as("only the messages sent").isEqualTo(2);
        assertThat(waited.max(TimeUnit.SECONDS)).isEqualTo(9);
        assertThat(registry.get(MicrometerMetrics.OUTBOX_THROTTLED).counter().count())
                .isEqualTo(1);
        assertThat(tagKeys()).doesNotContain("tenant");
    }

    @Test
    void theBacklogIsSummedOverTheTenantsReportedInTheLastMinuteWithoutTheTenantTag() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        MicrometerMetrics metrics = MicrometerMetrics.create(registry);

        metrics.outboxBacklog(CLINIC, 120, Duration.ofSeconds(45), Duration.ofMinutes(2));
        clock.add(Duration.ofSeconds(40));
        metrics.outboxBacklog(TenantId.of("clinique-b"), 3, Duration.ofSeconds(5), Duration.ofSeconds(3));
        metrics.outboxBacklog(TenantId.of("clinique-c"), 0, Duration.ZERO, Duration.ZERO);

        assertThat(gauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_DUE)).isEqualTo(123);
        assertThat(gauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_OLDEST_WAIT))
                .isEqualTo(45);
        assertThat(gauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_DRAIN_TIME)).isEqualTo(120);
        assertThat(gauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_TENANTS)).isEqualTo(2);

        clock.add(Duration.ofSeconds(30)); // the first tenant was last reported 70 s ago: drained
        assertThat(gauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_DUE)).isEqualTo(3);
        assertThat(gauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_OLDEST_WAIT))
                .isEqualTo(5);
        assertThat(gauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_TENANTS)).isEqualTo(1);

        clock.add(Duration.ofMinutes(1));
        assertThat(gauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_DUE)).isZero();
        assertThat(gauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_DRAIN_TIME)).isZero();
        assertThat(registry.find(MicrometerMetrics.OUTBOX_BACKLOG_DUE).gauges())
                .as("one series, whatever the number of tenants")
                .hasSize(1);
        assertThat(registry.getMeters())
                .allSatisfy(meter -> assertThat(meter.getId().getTag("tenant")).isNull());
    }

    @Test
    void withTheTenantTagEachTenantHasItsBacklogGaugesBackToZeroOnceNoLongerReported() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        MicrometerMetrics metrics = MicrometerMetrics.withTenantTag(registry);

        metrics.outboxBacklog(CLINIC, 120, Duration.ofSeconds(45), Duration.ofMillis(120_500));
        metrics.outboxBacklog(TenantId.of("clinique-b"), 3, Duration.ofSeconds(5), Duration.ofSeconds(3));
        metrics.outboxBacklog(CLINIC, 100, Duration.ofSeconds(50), Duration.ofSeconds(100));
        metrics.outboxDispatched(CLINIC, "sent", Duration.ofSeconds(1));
        metrics.outboxThrottled(CLINIC, Duration.ofSeconds(1));

        assertThat(tenantGauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_DUE, "clinique-a"))
                .isEqualTo(100);
        assertThat(tenantGauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_OLDEST_WAIT, "clinique-a"))
                .isEqualTo(50);
        assertThat(tenantGauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_DRAIN_TIME, "clinique-b"))
                .isEqualTo(3);
        assertThat(registry.find(MicrometerMetrics.OUTBOX_BACKLOG_TENANTS).gauge())
                .isNull();
        assertThat(registry.get(MicrometerMetrics.OUTBOX_WAITED)
                        .tag("tenant", "clinique-a")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MicrometerMetrics.OUTBOX_THROTTLED)
                        .tag("tenant", "clinique-a")
                        .counter()
                        .count())
                .isEqualTo(1);

        clock.add(MicrometerMetrics.BACKLOG_WINDOW.plusSeconds(1));
        assertThat(tenantGauge(registry, MicrometerMetrics.OUTBOX_BACKLOG_DUE, "clinique-a"))
                .isZero();
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private static double tenantGauge(SimpleMeterRegistry registry, String name, String tenant) {
        return registry.get(name).tag("tenant", tenant).gauge().value();
    }

    private Set<String> tagKeys() {
        Set<String> keys = new HashSet<>();
        for (Meter meter : registry.getMeters()) {
            meter.getId().getTags().forEach(tag -> keys.add(tag.getKey()));
        }
        return keys;
    }
}
