package io.tenanttwilio.inbound;

import java.util.Objects;

/**
 * What to answer Twilio: a status, a content type and a body (TwiML for inbound messages).
 *
 * <p>Immutable and thread-safe.
 *
 * @param status the HTTP status
 * @param contentType the content type of the body
 * @param body the body
 */
public record WebhookResponse(int status, String contentType, String body) {

    /** The empty TwiML answer. */
    public static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param contentType the content type of the body
     * @param body the body
     */
    public WebhookResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /**
     * A 200 answer with TwiML.
     *
     * @param body the TwiML document, such as {@link #EMPTY_TWIML}
     * @return the answer
     */
    public static WebhookResponse twiml(String body) {
        return new WebhookResponse(200, "text/xml; charset=UTF-8", body);
    }

    /**
     * An answer with a plain-text body (errors).
     *
     * @param status the HTTP status
     * @param body the text, never a secret
     * @return the answer
     */
    public static WebhookResponse text(int status, String body) {
        return new WebhookResponse(status, "text/plain; charset=UTF-8", body);
    }
}
