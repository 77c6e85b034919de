package io.tenanttwilio.example.clinic;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.spi.AlertSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The alerts of each organization for its Usage page (the SDK also logs them): the last 50, newest
 * first. A real platform would e-mail or page someone too.
 */
@Component
public class AlertLog implements AlertSink {

    private static final int KEPT = 50;
    private static final TenantId PLATFORM = TenantId.of("platform");

    private final Map<TenantId, Deque<Alert>> alerts = new ConcurrentHashMap<>();

    @Override
    public void alert(Alert alert) {
        Deque<Alert> list = alerts.computeIfAbsent(alert.tenantId().orElse(PLATFORM), t -> new ArrayDeque<>());
        synchronized (list) {
            list.addFirst(alert);
            while (list.size() > KEPT) {
                list.removeLast();
            }
        }
    }

    public List<Alert> of(TenantId tenant) {
        Deque<Alert> list = alerts.getOrDefault(tenant, new ArrayDeque<>());
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }
}
