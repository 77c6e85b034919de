package io.tenanttwilio.internal.guardrails;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.spi.AlertSink;
import io.tenanttwilio.spi.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts: at once, once until cleared (a flag in the usage store, shared by instances), or
 * when a count within a window reaches a threshold. An alert sink or a store that fails never
 * stops what noticed the problem.
 */
public final class Alerts {

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private final AlertSink sink;
    private final UsageStore usage;
    private final Clock clock;
    /** Windows already alerted by this instance: no more counting in the store for them. */
    private final Map<String, Boolean> alerted = new ConcurrentHashMap<>();
    /** Counting here when the store cannot (it may be what fails). */
    private final Map<String, AtomicInteger> local = new ConcurrentHashMap<>();

    public Alerts(AlertSink sink, UsageStore usage, Clock clock) {
        this.sink = sink;
        this.usage = usage;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Delivers the alert now. */
    public void emit(Alert alert) {
        try {
            sink.alert(alert);
        } catch (RuntimeException e) {
            LOG.error(
                    "The alert sink failed on {} ({})",
                    alert.type(),
                    e.getClass().getName());
        }
    }

    /** Delivers the alert unless the flag is already raised (by any instance); returns whether it did. */
    public boolean once(@Nullable TenantId tenant, String flag, Supplier<Alert> alert) {
        boolean first;
        try {
            first = usage.raiseFlag(tenant, flag, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Alert flag {} could not be recorded ({}); alerting anyway",
                    flag,
                    e.getClass().getName());
            first = true;
        }
        if (first) {
            emit(alert.get());
        }
        return first;
    }

    /** Lowers the flag; returns whether it was raised (the condition ended). */
    public boolean clear(@Nullable TenantId tenant, String flag) {
        try {
            return usage.clearFlag(tenant, flag);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Alert flag {} could not be cleared ({})",
                    flag,
                    e.getClass().getName());
            return false;
        }
    }

    /**
     * Counts one occurrence of {@code kind} for the tenant; delivers the alert when the count
     * within the current window reaches {@code threshold} (once per window, across instances).
     */
    public void count(TenantId tenant, String kind, int threshold, Duration window, Supplier<Alert> alert) {
        long index = clock.millis() / window.toMillis();
        String counter = "period:" + kind + ":" + index;
        String seen = tenant.value() + '\u0000' + counter;
        if (alerted.containsKey(seen)) {
            return;
        }
        long total;
        try {
            total = usage.reserve(tenant, counter, 1, Long.MAX_VALUE, true);
        } catch (RuntimeException e) {
            total = local.computeIfAbsent(seen, k -> new AtomicInteger()).incrementAndGet();
        }
        if (total >= threshold) {
            if (alerted.size() > 10_000) {
                alerted.clear();
                local.clear();
            }
            if (alerted.putIfAbsent(seen, Boolean.TRUE) == null && total == threshold) {
                emit(alert.get());
            }
        }
    }
}
