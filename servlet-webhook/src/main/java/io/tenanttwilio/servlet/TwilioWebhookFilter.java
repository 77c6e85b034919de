package io.tenanttwilio.servlet;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.inbound.WebhookHandler;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * The filter form of {@link TwilioWebhookServlet}, for applications where a servlet cannot be
 * mapped: requests under {@code pathPrefix} (for example {@code /twilio}) are answered here,
 * before any other filter reads their body; the others go down the chain. Thread-safe.
 */
public class TwilioWebhookFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final transient WebhookHandler handler;
    private final String pathPrefix;
    private final int maxBodyBytes;

    /**
     * A filter answering the requests under {@code pathPrefix} with {@code twilio}'s webhook
     * handler, reading at most {@link TwilioWebhookServlet#DEFAULT_MAX_BODY_BYTES} of body.
     *
     * @param twilio the SDK whose {@link TenantTwilio#webhooks() webhook handler} answers
     * @param pathPrefix the path, after the context path, that the webhooks arrive under, for
     *     example {@code /twilio}; it starts with {@code /}, a trailing {@code /} is ignored
     * @throws IllegalArgumentException if {@code pathPrefix} does not start with {@code /}
     */
    public TwilioWebhookFilter(TenantTwilio twilio, String pathPrefix) {
        this(twilio.webhooks(), pathPrefix, TwilioWebhookServlet.DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * A filter answering the requests under {@code pathPrefix} with {@code handler}.
     *
     * @param handler the handler that verifies and answers each webhook
     * @param pathPrefix the path, after the context path, that the webhooks arrive under, for
     *     example {@code /twilio}; it starts with {@code /}, a trailing {@code /} is ignored
     * @param maxBodyBytes the largest body read, in bytes; a longer request is answered 413
     * @throws IllegalArgumentException if {@code pathPrefix} does not start with {@code /}
     */
    public TwilioWebhookFilter(WebhookHandler handler, String pathPrefix, int maxBodyBytes) {
        this.handler = Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (!pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("pathPrefix must start with /");
        }
        this.pathPrefix = pathPrefix.endsWith("/") ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(pathPrefix + "/")) {
            WebhookExchange.handle(handler, maxBodyBytes, path.substring(pathPrefix.length()), request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
