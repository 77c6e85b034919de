package io.tenanttwilio.inbound;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to answer Twilio: a status, a content type and a body (TwiML for inbound messages).
 *
 * <pre>{@code
 * WebhookResponse empty = WebhookResponse.twiml(WebhookResponse.EMPTY_TWIML);
 * WebhookResponse refused = WebhookResponse.text(403, "Forbidden");
 * WebhookResponse json = WebhookResponse.builder()
 *         .status(202)
 *         .contentType("application/json")
 *         .body("{}")
 *         .build();
 * }</pre>
 *
 * <p>{@link #toString()} leaves the body out: a TwiML reply may hold the text of a message.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookResponse {

    /** The empty TwiML answer. */
    public static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final int status;
    private final String contentType;
    private final String body;

    private WebhookResponse(int status, String contentType, String body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, 100 to 599: " + status);
        }
        this.status = status;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = Objects.requireNonNull(body, "body");
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
     * @throws IllegalArgumentException if {@code status} is not an HTTP status (100 to 599)
     */
    public static WebhookResponse text(int status, String body) {
        return new WebhookResponse(status, "text/plain; charset=UTF-8", body);
    }

    /**
     * Starts any other answer. The content type must be set; the status is 200 and the body empty
     * unless set.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the HTTP status} */
    public int status() {
        return status;
    }

    /** {@return the content type of the body} */
    public String contentType() {
        return contentType;
    }

    /** {@return the body; empty when there is none} */
    public String body() {
        return body;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof WebhookResponse)) {
            return false;
        }
        WebhookResponse that = (WebhookResponse) other;
        return status == that.status && contentType.equals(that.contentType) && body.equals(that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, body);
    }

    /** The status, the content type and the body's length; never the body. */
    @Override
    public String toString() {
        return "WebhookResponse[status=" + status + ", contentType=" + contentType + ", body=" + body.length()
                + " chars]";
    }

    /** Builds a {@link WebhookResponse}. Not thread-safe. */
    public static final class Builder {
        private int status = 200;
        private @Nullable String contentType;
        private String body = "";

        private Builder() {}

        /**
         * Sets {@link WebhookResponse#status()}; 200 by default.
         *
         * @param status the HTTP status, 100 to 599
         * @return this builder
         */
        public Builder status(int status) {
            this.status = status;
            return this;
        }

        /**
         * Sets {@link WebhookResponse#contentType()}.
         *
         * @param contentType the content type of the body, such as {@code text/xml; charset=UTF-8}
         * @return this builder
         */
        public Builder contentType(String contentType) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            return this;
        }

        /**
         * Sets {@link WebhookResponse#body()}; empty by default.
         *
         * @param body the body, never a secret
         * @return this builder
         */
        public Builder body(String body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /**
         * Builds the answer.
         *
         * @return the answer, immutable
         * @throws NullPointerException if the content type is missing
         * @throws IllegalArgumentException if the status is not an HTTP status (100 to 599)
         */
        public WebhookResponse build() {
            return new WebhookResponse(status, Objects.requireNonNull(contentType, "contentType"), body);
        }
    }
}
