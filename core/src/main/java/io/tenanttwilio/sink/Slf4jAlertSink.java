package io.tenanttwilio.sink;

import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.spi.AlertSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs alerts in English, by severity. Stateless and thread-safe. */
public final class Slf4jAlertSink implements AlertSink {

    private static final Slf4jAlertSink INSTANCE = new Slf4jAlertSink();

    /** {@return the sink; it holds no state} */
    public static Slf4jAlertSink instance() {
        return INSTANCE;
    }

    private static final Logger LOG = LoggerFactory.getLogger("io.tenanttwilio.alerts");

    private Slf4jAlertSink() {}

    @Override
    public void alert(Alert alert) {
        String text = alert.tenantId().map(t -> "[" + t + "] ").orElse("[platform] ") + alert.logMessage();
        switch (alert.type().severity()) {
            case CRITICAL:
                LOG.error("{}", text);
                break;
            case WARNING:
                LOG.warn("{}", text);
                break;
            default:
                LOG.info("{}", text);
        }
    }
}
