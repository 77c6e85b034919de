package io.tenanttwilio.spi;

import io.tenanttwilio.guardrails.Alert;

/**
 * Where alerts go: the log, a pager, an e-mail, the application's notification center. An
 * application callback is simply a lambda. Called on the thread that noticed; implementations must
 * be thread-safe, quick, and must not throw.
 */
@FunctionalInterface
public interface AlertSink {

    /**
     * Delivers {@code alert}. An exception is logged by the SDK and otherwise ignored: the action
     * that raised the alert goes on.
     *
     * @param alert what happened, to which tenant
     */
    void alert(Alert alert);

    /**
     * Sends every alert to this sink, then to {@code other}.
     *
     * @param other the second sink
     * @return a sink that delivers to both
     */
    default AlertSink and(AlertSink other) {
        return alert -> {
            alert(alert);
            other.alert(alert);
        };
    }
}
