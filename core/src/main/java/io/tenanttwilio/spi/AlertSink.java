package io.tenanttwilio.spi;

import io.tenanttwilio.Alert;

/**
 * Where alerts go: the log, a pager, an e-mail, the application's notification center. An
 * application callback is simply a lambda. Called on the thread that noticed; implementations must
 * be thread-safe, quick, and must not throw.
 */
@FunctionalInterface
public interface AlertSink {

    /** Delivers {@code alert}. */
    void alert(Alert alert);

    /** Logs alerts on {@code io.tenanttwilio.alerts} (INFO, WARN or ERROR by severity). */
    static AlertSink slf4j() {
        return Slf4jAlertSink.INSTANCE;
    }

    /** Sends every alert to both sinks. */
    default AlertSink and(AlertSink other) {
        return alert -> {
            alert(alert);
            other.alert(alert);
        };
    }
}
