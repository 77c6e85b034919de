package io.tenanttwilio.inbound;

import java.util.Optional;

/**
 * Told of each new inbound message after it was stored (never of a duplicate delivery), on the
 * webhook's thread: notify staff, push to a browser. It may answer with an automatic reply, sent
 * back by Twilio as TwiML. It must be quick (Twilio waits at most 15 seconds) and thread-safe; an
 * exception is logged and does not fail the webhook, since the message is already stored.
 */
@FunctionalInterface
public interface InboundMessageListener {

    /**
     * Reacts to a new message.
     *
     * @param event the message, with its tenant, conversation and contact
     * @return the text of an automatic reply, or empty for none
     */
    Optional<String> onMessage(InboundEvent event);
}
