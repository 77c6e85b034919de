package io.tenanttwilio.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenanttwilio.TenantId;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
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

    private Set<String> tagKeys() {
        Set<String> keys = new HashSet<>();
        for (Meter meter : registry.getMeters()) {
            meter.getId().getTags().forEach(tag -> keys.add(tag.getKey()));
        }
        return keys;
    }
}
