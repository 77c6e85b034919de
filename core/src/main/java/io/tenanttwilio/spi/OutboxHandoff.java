package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import java.time.Instant;

/**
 * Where an outbox dispatcher hands the messages it claimed, to be sent at their slot. Without one,
 * the dispatcher sends them in its own instance's workers. An application that spreads work
 * through its message broker (Kafka, RabbitMQ, SQS) publishes each key here, keyed by tenant, and
 * its consumers call {@code OutboxDispatcher.sendClaimed(tenant, clientKey)}: the outbox stays the
 * source of truth, and a message the broker delivers twice, late or never is still sent at most
 * once (a second delivery finds it sent; a lost one is resolved when its claim expires).
 *
 * <p>Must not block for long: it is called from the claim loop. Thread-safe.
 */
public interface OutboxHandoff {

    /**
     * Hands one claimed message over.
     *
     * @param tenant its tenant
     * @param clientKey its client key
     * @param slot the moment its sender's pace lets it leave; its claim expires a lease after it
     */
    void handOff(TenantId tenant, String clientKey, Instant slot);
}
