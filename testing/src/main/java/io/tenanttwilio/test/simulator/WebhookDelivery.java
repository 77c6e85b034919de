package io.tenanttwilio.test.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A webhook the simulator posted (an inbound message, a status callback or an Event Streams
 * delivery), with every attempt and the answers it got.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what the webhook was about
 * @param messageSid the message it concerns; for an {@link Kind#EVENT_STREAM} delivery, the SID of
 *     the sink ({@code DG…}) it was posted to
 * @param accountSid the account that owns the message (or the registration)
 * @param url the URL requested, exactly as signed (for a JSON body, with its {@code bodySHA256}
 *     query parameter)
 * @param method {@code POST} or {@code GET}
 * @param parameters the form parameters sent, each name with its values; empty for a JSON body
 * @param signature the {@code X-Twilio-Signature} sent
 * @param at when it was first posted (simulator clock)
 * @param attempts every attempt, in order
 * @param body the request body as posted: the encoded form, the JSON of an Event Streams delivery,
 *     or empty for a {@code GET}
 */
public record WebhookDelivery(
        Kind kind,
        String messageSid,
        String accountSid,
        String url,
        String method,
        Map<String, List<String>> parameters,
        String signature,
        Instant at,
        List<Attempt> attempts,
        String body) {

    /**
     * A delivery of form parameters, whose body is their encoding ({@code POST}) or empty ({@code
     * GET}).
     *
     * @param kind what the webhook was about
     * @param messageSid the message it concerns
     * @param accountSid the account that owns the message
     * @param url the URL requested, exactly as signed
     * @param method {@code POST} or {@code GET}
     * @param parameters the parameters sent, each name with its values
     * @param signature the {@code X-Twilio-Signature} sent
     * @param at when it was first posted (simulator clock)
     * @param attempts every attempt, in order
     */
    public WebhookDelivery(
            Kind kind,
            String messageSid,
            String accountSid,
            String url,
            String method,
            Map<String, List<String>> parameters,
            String signature,
            Instant at,
            List<Attempt> attempts) {
        this(
                kind,
                messageSid,
                accountSid,
                url,
                method,
                parameters,
                signature,
                at,
                attempts,
                method.equals("GET") ? "" : WebhookSender.encode(parameters));
    }

    /** What a webhook is about. Immutable and thread-safe. */
    public enum Kind {
        /** An inbound SMS or MMS posted to the number's SMS URL. */
        INBOUND_MESSAGE,
        /** A status change posted to the message's status callback. */
        STATUS_CALLBACK,
        /**
         * CloudEvents (a JSON array) posted to an Event Streams webhook sink, signed over the URL
         * with its {@code bodySHA256} parameter.
         */
        EVENT_STREAM
    }

    /**
     * One HTTP attempt.
     *
     * <p>Immutable and thread-safe.
     *
     * @param statusCode the answer's status, or -1 without answer
     * @param contentType the answer's content type, if any
     * @param body the answer's body (at most 64 KB), or empty
     * @param error why there was no answer (connection refused, timeout), if so
     * @param duration how long it took
     */
    public record Attempt(
            int statusCode,
            @Nullable String contentType,
            String body,
            @Nullable String error,
            Duration duration) {}

    /**
     * The first value of parameter {@code name}, or {@code null}.
     *
     * @param name the form parameter, such as {@code MessageSid}
     * @return its first value, or {@code null} when absent
     */
    public @Nullable String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@return the status of the last attempt's answer, or -1 without answer} */
    public int statusCode() {
        return attempts.isEmpty() ? -1 : attempts.get(attempts.size() - 1).statusCode();
    }

    /** {@return the body of the last attempt's answer} */
    public String responseBody() {
        return attempts.isEmpty() ? "" : attempts.get(attempts.size() - 1).body();
    }

    /** {@return whether the last attempt got a 2xx answer} */
    public boolean succeeded() {
        int status = statusCode();
        return status >= 200 && status < 300;
    }
}
