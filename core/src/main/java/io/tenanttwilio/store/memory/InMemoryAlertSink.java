package io.tenanttwilio.store.memory;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.spi.AlertSink;
import java.util.ArrayList;
import java.util.List;

/** An {@link AlertSink} that keeps alerts in memory, for tests, demos and a simple notification list. Thread-safe. */
public final class InMemoryAlertSink implements AlertSink {

    private final List<Alert> alerts = new ArrayList<>();

    @Override
    public synchronized void alert(Alert alert) {
        alerts.add(alert);
    }

    /** {@return every alert, oldest first} */
    public synchronized List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    /**
     * The alerts of one type, oldest first.
     *
     * @param type the kind of alert
     * @return a copy of those alerts
     */
    public synchronized List<Alert> alerts(Alert.Type type) {
        return alerts.stream().filter(a -> a.type() == type).toList();
    }

    /**
     * The alerts of one tenant, oldest first.
     *
     * @param tenant the tenant
     * @return a copy of its alerts; the platform's are in none
     */
    public synchronized List<Alert> alerts(TenantId tenant) {
        return alerts.stream().filter(a -> tenant.equals(a.tenant())).toList();
    }

    /** Forgets every alert. */
    public synchronized void clear() {
        alerts.clear();
    }

    @Override
    public synchronized String toString() {
        return "InMemoryAlertSink[" + alerts.size() + " alerts]";
    }
}
