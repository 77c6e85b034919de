package io.tenanttwilio.guardrails;

import io.tenanttwilio.internal.support.Checks;
import java.time.Duration;

/**
 * When webhook trouble becomes an alert: how many signature failures, 5xx answers or delivery
 * failures of one tenant within a window. One alert per tenant, kind and window, across instances.
 *
 * @param window the counting window
 * @param signatureFailures webhooks refused for a bad signature
 * @param webhookErrors webhooks answered 5xx (storage down, a failure)
 * @param deliveryFailures messages failed or undelivered
 */
public record AlertThresholds(Duration window, int signatureFailures, int webhookErrors, int deliveryFailures) {

    public AlertThresholds {
        Checks.notNegative(window, "window");
        if (signatureFailures < 1 || webhookErrors < 1 || deliveryFailures < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1");
        }
    }

    /** 5 signature failures, 3 errors or 10 delivery failures within 15 minutes. */
    public static AlertThresholds defaults() {
        return new AlertThresholds(Duration.ofMinutes(15), 5, 3, 10);
    }
}
