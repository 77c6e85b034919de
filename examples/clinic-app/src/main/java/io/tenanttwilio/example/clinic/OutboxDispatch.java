package io.tenanttwilio.example.clinic;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.outbox.OutboxDispatcher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends the scheduled reminders: starts the outbox's dispatcher once the app is ready, and stops
 * it first at shutdown, letting the reminders already claimed leave. The Spring Boot starter does
 * not start it yet; when it does, this does nothing more ({@code start()} on a running dispatcher
 * does nothing). {@code clinic.outbox.dispatcher=false} leaves it stopped (tests that drive it
 * step by step).
 */
@Component
class OutboxDispatch implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatch.class);

    private final TenantTwilio twilio;
    private final boolean enabled;
    private volatile @Nullable OutboxDispatcher started;

    OutboxDispatch(TenantTwilio twilio, @Value("${clinic.outbox.dispatcher:true}") boolean enabled) {
        this.twilio = twilio;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (!enabled) {
            return;
        }
        try {
            OutboxDispatcher dispatcher = twilio.outbox().dispatcher();
            dispatcher.start();
            started = dispatcher;
        } catch (TenantTwilioException e) {
            LOG.warn("Scheduled reminders will not be sent: the outbox is not available ({})", e.getMessage());
        }
    }

    /** Nothing at refresh: the dispatcher starts when the app is ready. */
    @Override
    public void start() {}

    @Override
    public void stop() {
        OutboxDispatcher dispatcher = started;
        started = null;
        if (dispatcher != null) {
            dispatcher.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return started != null;
    }

    /** Stopped before the web server and the database, after the live updates. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
