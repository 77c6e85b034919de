package io.tenanttwilio.inbound;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.SmsMessage;

/**
 * Told when an outbound message's status moved forward (a late or repeated callback that does
 * not change anything is not reported). Called on the webhook's thread; must be quick and
 * thread-safe; exceptions are logged and ignored.
 */
@FunctionalInterface
public interface DeliveryStatusListener {

    /**
     * Told of a message's new status.
     *
     * @param tenant the tenant that sent the message
     * @param message the message, with its new status (and error code, when it failed)
     */
    void onStatus(TenantId tenant, SmsMessage message);
}
