package io.tenanttwilio.inbound;

/**
 * Handles Twilio's callbacks to the webhook endpoint, whatever the web framework: inbound
 * messages ({@code /sms/{key}}) and status callbacks ({@code /status/{key}}), and the keyless
 * shared paths {@code /sms} and {@code /status}.
 *
 * <p>For each request it finds the route (the number's webhook key; without key, the Messaging
 * Service, falling back to the account and the receiving number — never the sender), checks
 * that the account and number match, verifies the signature against the URL stored for the
 * number with the tenant's signing tokens, validates the parameters, and only then stores:
 *
 * <ul>
 *   <li>403 with one uniform body for an unknown route, a mismatch or a bad signature; nothing
 *       stored;
 *   <li>400 with a reason for bad input;
 *   <li>503 when the store fails, so that Twilio retries: a message is never acknowledged unless
 *       it was stored;
 *   <li>200 with TwiML otherwise (an empty {@code <Response/>}, or a listener's reply).
 * </ul>
 *
 * <p>Obtained from {@code TenantTwilio#webhooks()}. Thread-safe.
 */
@FunctionalInterface
public interface WebhookHandler {

    /**
     * Handles one request; never throws: every failure is an answer (403, 400 or 503).
     *
     * @param request the request as received
     * @return what to answer Twilio
     */
    WebhookResponse handle(WebhookRequest request);
}
