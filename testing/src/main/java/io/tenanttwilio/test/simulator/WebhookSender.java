package io.tenanttwilio.test.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Posts signed webhooks the way Twilio does, with retries and the fallback URL. */
final class WebhookSender {

    private static final int MAX_BODY = 64 * 1024;

    private final HttpClient http;
    private final Duration timeout;
    private final SimulatorClock clock;
    private volatile WebhookRetryPolicy retryPolicy;

    WebhookSender(Duration timeout, WebhookRetryPolicy retryPolicy, SimulatorClock clock) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.timeout = timeout;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
    }

    void retryPolicy(WebhookRetryPolicy policy) {
        this.retryPolicy = policy;
    }

    WebhookDelivery send(
            WebhookDelivery.Kind kind,
            String messageSid,
            String accountSid,
            String url,
            String method,
            Map<String, List<String>> params,
            String token,
            String fallbackUrl,
            String fallbackMethod) {
        Instant at = clock.instant();
        String idempotencyToken = UUID.randomUUID().toString();
        List<WebhookDelivery.Attempt> attempts = new ArrayList<>();
        String target = withoutFragment(url);
        String signature = signatureFor(target, method, params, token);
        if (url.isEmpty()) {
            attempts.add(new WebhookDelivery.Attempt(-1, null, "", "no URL configured", Duration.ZERO));
            return new WebhookDelivery(kind, messageSid, accountSid, url, method, params, "", at, attempts);
        }
        WebhookRetryPolicy policy = retryPolicy;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            WebhookDelivery.Attempt result = attempt(target, method, params, signature, idempotencyToken);
            attempts.add(result);
            boolean serverError = result.statusCode() >= 500;
            boolean noAnswer = result.statusCode() < 0;
            boolean retry =
                    (serverError && policy.retryOnServerError()) || (noAnswer && policy.retryOnConnectionFailure());
            if (!retry) {
                break;
            }
        }
        WebhookDelivery.Attempt last = attempts.get(attempts.size() - 1);
        if ((last.statusCode() < 0 || last.statusCode() >= 500) && !fallbackUrl.isEmpty()) {
            String fallback = withoutFragment(fallbackUrl);
            attempts.add(attempt(
                    fallback,
                    fallbackMethod,
                    params,
                    signatureFor(fallback, fallbackMethod, params, token),
                    idempotencyToken));
        }
        return new WebhookDelivery(kind, messageSid, accountSid, target, method, params, signature, at, attempts);
    }

    /**
     * Posts a JSON body as Twilio's Event Streams do: {@code bodySHA256=<hex SHA-256 of the body>}
     * added to the URL, and the signature computed over that URL alone, without parameters.
     */
    WebhookDelivery sendJson(
            WebhookDelivery.Kind kind, String sid, String accountSid, String url, String json, String token) {
        Instant at = clock.instant();
        String idempotencyToken = UUID.randomUUID().toString();
        String base = withoutFragment(url);
        String target = base + (base.contains("?") ? "&" : "?") + "bodySHA256=" + TwilioSignature.bodySha256(json);
        String signature = TwilioSignature.sign(token, target, Map.of());
        List<WebhookDelivery.Attempt> attempts = new ArrayList<>();
        WebhookRetryPolicy policy = retryPolicy;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            WebhookDelivery.Attempt result = attemptJson(target, json, signature, idempotencyToken);
            attempts.add(result);
            boolean retry = (result.statusCode() >= 500 && policy.retryOnServerError())
                    || (result.statusCode() < 0 && policy.retryOnConnectionFailure());
            if (!retry) {
                break;
            }
        }
        return new WebhookDelivery(kind, sid, accountSid, target, "POST", Map.of(), signature, at, attempts, json);
    }

    /** Sends exactly the same request again (same signature), as a duplicate delivery from Twilio. */
    WebhookDelivery resend(WebhookDelivery original) {
        List<WebhookDelivery.Attempt> attempts = new ArrayList<>();
        attempts.add(
                original.kind() == WebhookDelivery.Kind.EVENT_STREAM
                        ? attemptJson(
                                original.url(),
                                original.body(),
                                original.signature(),
                                UUID.randomUUID().toString())
                        : attempt(
                                original.url(),
                                original.method(),
                                original.parameters(),
                                original.signature(),
                                UUID.randomUUID().toString()));
        return new WebhookDelivery(
                original.kind(),
                original.messageSid(),
                original.accountSid(),
                original.url(),
                original.method(),
                original.parameters(),
                original.signature(),
                clock.instant(),
                attempts,
                original.body());
    }

    private static String signatureFor(String url, String method, Map<String, List<String>> params, String token) {
        return method.equals("GET")
                ? TwilioSignature.sign(token, withQuery(url, params), Map.of())
                : TwilioSignature.sign(token, url, params);
    }

    private WebhookDelivery.Attempt attempt(
            String url, String method, Map<String, List<String>> params, String signature, String idempotencyToken) {
        long start = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder()
                    .timeout(timeout)
                    .header("X-Twilio-Signature", signature)
                    .header("I-Twilio-Idempotency-Token", idempotencyToken)
                    .header("User-Agent", "TwilioProxy/1.1")
                    .header("Accept", "*/*");
            if (method.equals("GET")) {
                request.uri(URI.create(withQuery(url, params))).GET();
            } else {
                request.uri(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(encode(params), StandardCharsets.UTF_8));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            String text = new String(body, 0, Math.min(body.length, MAX_BODY), StandardCharsets.UTF_8);
            return new WebhookDelivery.Attempt(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    text,
                    null,
                    since(start));
        } catch (IOException | IllegalArgumentException e) {
            return new WebhookDelivery.Attempt(
                    -1, null, "", e.getClass().getSimpleName() + ": " + e.getMessage(), since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookDelivery.Attempt(-1, null, "", "interrupted", since(start));
        }
    }

    private WebhookDelivery.Attempt attemptJson(String url, String json, String signature, String idempotencyToken) {
        long start = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("X-Twilio-Signature", signature)
                    .header("I-Twilio-Idempotency-Token", idempotencyToken)
                    .header("User-Agent", "TwilioProxy/1.1")
                    .header("Accept", "*/*")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            return new WebhookDelivery.Attempt(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    new String(body, 0, Math.min(body.length, MAX_BODY), StandardCharsets.UTF_8),
                    null,
                    since(start));
        } catch (IOException | IllegalArgumentException e) {
            return new WebhookDelivery.Attempt(
                    -1, null, "", e.getClass().getSimpleName() + ": " + e.getMessage(), since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookDelivery.Attempt(-1, null, "", "interrupted", since(start));
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static String encode(Map<String, List<String>> params) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            for (String value : entry.getValue()) {
                if (body.length() > 0) {
                    body.append('&');
                }
                body.append(Form.encode(entry.getKey())).append('=').append(Form.encode(value));
            }
        }
        return body.toString();
    }

    private static String withQuery(String url, Map<String, List<String>> params) {
        return url + (url.contains("?") ? "&" : "?") + encode(params);
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }
}
