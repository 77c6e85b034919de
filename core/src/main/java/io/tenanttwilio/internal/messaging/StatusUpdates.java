package io.tenanttwilio.internal.messaging;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.AlertThresholds;
import io.tenanttwilio.inbound.DeliveryStatusListener;
import io.tenanttwilio.internal.guardrails.Alerts;
import io.tenanttwilio.internal.shared.CarrierRules;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.SdkMetrics;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a message's new status (from a status callback or from reconciliation): forward only,
 * then the listeners, the metrics, and the delivery-failure alert.
 */
public final class StatusUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(StatusUpdates.class);

    private final ConversationStore conversations;
    private final List<DeliveryStatusListener> listeners;
    private final Alerts alerts;
    private final AlertThresholds thresholds;
    private final SdkMetrics metrics;
    private final Clock clock;

    private final CarrierRules carrier;

    public StatusUpdates(
            ConversationStore conversations,
            List<DeliveryStatusListener> listeners,
            Alerts alerts,
            AlertThresholds thresholds,
            SdkMetrics metrics,
            Clock clock,
            CarrierRules carrier) {
        this.carrier = carrier;
        this.conversations = conversations;
        this.listeners = listeners;
        this.alerts = alerts;
        this.thresholds = thresholds;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Records the status; returns the message when it changed (forward, or newly priced). */
    public Optional<SmsMessage> apply(
            TenantId tenant,
            String sid,
            MessageStatus status,
            @Nullable Integer errorCode,
            @Nullable BigDecimal price,
            @Nullable Integer segments) {
        Optional<SmsMessage> updated = Stores.call(
                tenant,
                () -> conversations.updateStatus(tenant, sid, status, errorCode, price, segments, clock.instant()));
        updated.ifPresent(message -> {
            if (status.isFailure() && message.status() == status) {
                failed(tenant, message);
            }
            notifyListeners(tenant, message);
        });
        return updated;
    }

    /**
     * A status that arrived before the send's own answer, applied when the message learned its
     * SID: counted and told to the listeners as if it had been applied on arrival.
     */
    public void appliedLate(TenantId tenant, SmsMessage message) {
        if (message.status().isFailure()) {
            failed(tenant, message);
        }
        notifyListeners(tenant, message);
    }

    private void failed(TenantId tenant, SmsMessage message) {
        if (message.direction() != MessageDirection.OUTBOUND) {
            return;
        }
        metrics.deliveryFailed(tenant, message.errorCode().orElse(0));
        int code = message.errorCode().orElse(0);
        if (code != 0) {
            carrier.carrierBlocked(tenant, code);
        }
        alerts.count(
                tenant,
                "delivery-failures",
                thresholds.deliveryFailures(),
                thresholds.window(),
                () -> trouble(Alert.Type.DELIVERY_FAILURES, tenant, thresholds.deliveryFailures()));
    }

    public void notifyListeners(TenantId tenant, SmsMessage message) {
        for (DeliveryStatusListener listener : listeners) {
            try {
                listener.onStatus(tenant, message);
            } catch (RuntimeException e) {
                LOG.warn("A delivery status listener failed ({})", e.getClass().getName());
            }
        }
    }

    /** An alert that {@code threshold} troubles happened within the window. */
    public Alert trouble(Alert.Type type, TenantId tenant, int threshold) {
        return Alert.builder()
                .type(type)
                .tenant(tenant)
                .at(clock.instant())
                .details(Map.of(
                        "value",
                        String.valueOf(threshold),
                        "limit",
                        String.valueOf(thresholds.window().toMinutes())))
                .build();
    }
}
