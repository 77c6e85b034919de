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

    /** A filter answering {@code pathPrefix} with {@code twilio}'s webhook handler. */
    public TwilioWebhookFilter(TenantTwilio twilio, String pathPrefix) {
        this(twilio.webhooks(), pathPrefix, TwilioWebhookServlet.DEFAULT_MAX_BODY_BYTES);
    }

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
