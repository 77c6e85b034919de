package io.tenanttwilio.internal.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.tenanttwilio.HttpSettings;
import io.tenanttwilio.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The one HTTP client every tenant's Twilio client shares: one connection pool with explicit
 * timeouts, the SDK's retry policy instead of twilio-java's (which re-sends a POST after a 5xx),
 * and an optional base URL that replaces {@code https://*.twilio.com} (the simulator).
 *
 * <p>Credentials travel with each request, so sharing is safe. The status and request id of the
 * last exchange of the calling thread are kept for error reports (twilio-java's exceptions lack
 * them). Thread-safe.
 */
public final class SdkHttpClient extends com.twilio.http.HttpClient implements AutoCloseable {

    /** The status, Twilio request id and (after a 429) {@code Retry-After} of a thread's last exchange. */
    public record Exchange(
            HttpMethod method,
            int status,
            @Nullable String requestId,
            @Nullable Duration retryAfter) {}

    private static final ThreadLocal<@Nullable Exchange> LAST = new ThreadLocal<>();
    private static final String USER_AGENT =
            "tenant-twilio/0.1 twilio-java/13 java/" + System.getProperty("java.version");

    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient http;
    private final @Nullable String baseUrl;
    private final RetryPolicy retryPolicy;
    private final RequestConfig requestConfig;

    public SdkHttpClient(HttpSettings settings) {
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.readTimeout()))
                        .setTimeToLive(Timeout.ofMinutes(5))
                        .build())
                .build();
        this.requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(settings.connectionRequestTimeout()))
                .setResponseTimeout(Timeout.of(settings.readTimeout()))
                .setRedirectsEnabled(false)
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(requestConfig)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .evictIdleConnections(Timeout.ofSeconds(60))
                .setUserAgent(USER_AGENT)
                .build();
        this.baseUrl = settings.apiBaseUrl()
                .map(uri -> {
                    String text = uri.toString();
                    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
                })
                .orElse(null);
        this.retryPolicy = settings.retryPolicy();
    }

    /** The last exchange of the calling thread, if any. */
    public static @Nullable Exchange lastExchange() {
        return LAST.get();
    }

    /** Forgets the calling thread's last exchange. */
    public static void clearLastExchange() {
        LAST.remove();
    }

    /** The pool's connections: leased, available, pending and the maximum. */
    public PoolStats poolStats() {
        return pool.getTotalStats();
    }

    @Override
    public Response reliableRequest(Request request) {
        boolean read = request.getMethod() == HttpMethod.GET;
        int attempts = retryPolicy.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = makeRequest(request);
            } catch (TransportException e) {
                // Retry only when the request surely did not reach Twilio, or when it was a read.
                if (attempt < attempts && (!e.mayHaveBeenSent() || read)) {
                    pause(backoff(attempt));
                    continue;
                }
                throw e;
            }
            int status = response.getStatusCode();
            if (status == 429 && attempt < attempts) {
                Duration wait = retryAfter(response);
                if (wait == null) {
                    wait = backoff(attempt);
                } else if (wait.compareTo(retryPolicy.maxRetryAfter()) > 0) {
                    return response;
                }
                pause(wait);
                continue;
            }
            if (status >= 500 && read && attempt < attempts) {
                pause(backoff(attempt));
                continue;
            }
            return response;
        }
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return reliableRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        URI target = target(request);
        HttpUriRequestBase http = new HttpUriRequestBase(request.getMethod().toString(), target);
        http.setVersion(HttpVersion.HTTP_1_1);
        http.setConfig(requestConfig);
        http.addHeader("Accept", "application/json");
        if (request.requiresAuthentication()) {
            http.addHeader("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            for (String value : header.getValue()) {
                http.addHeader(header.getKey(), value);
            }
        }
        if (request.getMethod() == HttpMethod.POST || request.getMethod() == HttpMethod.PUT) {
            if (request.getContentType() == EnumConstants.ContentType.JSON) {
                http.setEntity(new StringEntity(
                        request.getBody() == null ? "" : request.getBody(), ContentType.APPLICATION_JSON));
            } else {
                http.setEntity(new StringEntity(
                        request.encodeFormBody(),
                        ContentType.APPLICATION_FORM_URLENCODED.withCharset(StandardCharsets.UTF_8)));
            }
        }
        try {
            return this.http.execute(http, response -> {
                String body = response.getEntity() == null
                        ? ""
                        : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                Header requestId = response.getFirstHeader("Twilio-Request-Id");
                Response answer = new Response(body, response.getCode(), response.getHeaders());
                LAST.set(new Exchange(
                        request.getMethod(),
                        response.getCode(),
                        requestId == null ? null : requestId.getValue(),
                        response.getCode() == 429 ? retryAfter(answer) : null));
                return answer;
            });
        } catch (ConnectException | NoRouteToHostException | UnknownHostException | ConnectTimeoutException e) {
            LAST.set(new Exchange(request.getMethod(), 0, null, null));
            throw new TransportException(
                    "Twilio could not be reached (" + e.getClass().getSimpleName() + ")", e, false);
        } catch (org.apache.hc.core5.http.ConnectionRequestTimeoutException e) {
            LAST.set(new Exchange(request.getMethod(), 0, null, null));
            throw new TransportException("No free connection in the pool to Twilio", e, false);
        } catch (InterruptedIOException e) {
            // A read timeout: the request was written and may have been carried out.
            LAST.set(new Exchange(request.getMethod(), 0, null, null));
            throw new TransportException(
                    "No answer from Twilio in time (" + e.getClass().getSimpleName() + ")", e, true);
        } catch (IOException e) {
            LAST.set(new Exchange(request.getMethod(), 0, null, null));
            throw new TransportException(
                    "The connection to Twilio failed (" + e.getClass().getSimpleName() + ")", e, true);
        }
    }

    private URI target(Request request) {
        URI original = URI.create(request.constructURL().toString());
        if (baseUrl == null) {
            return original;
        }
        return URI.create(
                baseUrl + original.getRawPath() + (original.getRawQuery() != null ? "?" + original.getRawQuery() : ""));
    }

    private Duration backoff(int attempt) {
        long cap = Math.min(
                retryPolicy.maxBackoff().toMillis(),
                retryPolicy.initialBackoff().toMillis() * (1L << Math.min(20, attempt - 1)));
        return Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1));
    }

    private static @Nullable Duration retryAfter(Response response) {
        Header[] headers = response.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Header header : headers) {
            if (header.getName().equalsIgnoreCase("Retry-After")) {
                try {
                    return Duration.ofSeconds(Long.parseLong(header.getValue().trim()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted while waiting to retry", e, false);
        }
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            // closing a pool of idle connections; nothing to do
        }
    }

    /**
     * The request could not be completed at the transport level. {@link #mayHaveBeenSent()} tells
     * whether Twilio may have received (and carried out) it.
     */
    public static final class TransportException extends ApiConnectionException {
        private static final long serialVersionUID = 1L;
        private final boolean mayHaveBeenSent;

        TransportException(String message, Throwable cause, boolean mayHaveBeenSent) {
            super(message, cause);
            this.mayHaveBeenSent = mayHaveBeenSent;
        }

        public boolean mayHaveBeenSent() {
            return mayHaveBeenSent;
        }
    }
}
