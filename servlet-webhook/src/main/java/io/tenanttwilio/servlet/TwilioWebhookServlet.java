package io.tenanttwilio.servlet;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.inbound.WebhookHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Receives Twilio's webhooks: map it under the path of the SDK's public base URL, for example
 * {@code /twilio/*} for {@code https://app.example.com/twilio}; numbers' webhooks then arrive at
 * {@code /twilio/sms/{key}} and {@code /twilio/status/{key}}.
 *
 * <pre>{@code
 * ServletRegistration.Dynamic twilio = context.addServlet("twilio", new TwilioWebhookServlet(tenantTwilio));
 * twilio.addMapping("/twilio/*");
 * }</pre>
 *
 * <p>It reads the raw body (at most {@value #DEFAULT_MAX_BODY_BYTES} bytes by default; more is
 * answered 413) and never calls {@code getParameter}, so the signature is checked over exactly
 * what Twilio sent. Exempt it from CSRF protection: Twilio cannot send a token, and every request
 * is verified by its signature instead. Thread-safe.
 */
public class TwilioWebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The largest body read by default, in bytes (64 KiB); a longer request is answered 413. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private final transient WebhookHandler handler;
    private final int maxBodyBytes;

    /**
     * A servlet feeding {@code twilio}'s webhook handler, reading at most {@link
     * #DEFAULT_MAX_BODY_BYTES} of body.
     *
     * @param twilio the SDK whose {@link TenantTwilio#webhooks() webhook handler} answers
     */
    public TwilioWebhookServlet(TenantTwilio twilio) {
        this(twilio.webhooks(), DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * A servlet feeding {@code handler}, reading at most {@code maxBodyBytes} of body.
     *
     * @param handler the handler that verifies and answers each webhook
     * @param maxBodyBytes the largest body read, in bytes, at least 1024; a longer request is
     *     answered 413
     * @throws IllegalArgumentException if {@code maxBodyBytes} is less than 1024
     */
    public TwilioWebhookServlet(WebhookHandler handler, int maxBodyBytes) {
        this.handler = Objects.requireNonNull(handler, "handler");
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        WebhookExchange.handle(handler, maxBodyBytes, path, request, response);
    }
}
