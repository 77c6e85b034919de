package io.tenanttwilio.spi;

import io.tenanttwilio.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs alerts in English, by severity. */
final class Slf4jAlertSink implements AlertSink {

    static final Slf4jAlertSink INSTANCE = new Slf4jAlertSink();
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
