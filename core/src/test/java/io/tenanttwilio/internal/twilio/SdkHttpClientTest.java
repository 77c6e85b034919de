package io.tenanttwilio.internal.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.tenanttwilio.HttpSettings;
import io.tenanttwilio.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's own retry policy, on a scripted local server. */
class SdkHttpClientTest {

    private record Answer(int status, String retryAfter, long delayMillis) {}

    private record Seen(String method, String path, String authorization, String body) {}

    private HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private SdkHttpClient client;

    @BeforeEach
    void server() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(body, StandardCharsets.UTF_8)));
            Answer answer;
            synchronized (script) {
                answer = script.isEmpty() ? new Answer(200, null, 0) : script.removeFirst();
            }
            sleep(answer.delayMillis());
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            exchange.getResponseHeaders().add("Twilio-Request-Id", "RQ" + seen.size());
            byte[] out =
                    ("{\"code\":" + (answer.status() == 429 ? 20429 : 20500) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            } catch (IOException clientGone) {
                // the client timed out first
            }
        });
        server.start();
        client = client(Duration.ofSeconds(5));
    }

    private SdkHttpClient client(Duration readTimeout) {
        return new SdkHttpClient(HttpSettings.builder()
                .apiBaseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .readTimeout(readTimeout)
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(3)
                        .initialBackoff(Duration.ofMillis(5))
                        .build())
                .build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(Answer... answers) {
        synchronized (script) {
            script.addAll(List.of(answers));
        }
    }

    private static Request post() {
        Request request = new Request(HttpMethod.POST, "api", "/2010-04-01/Accounts/AC1/Messages.json");
        request.setAuth("AC1", "token");
        request.addPostParam("To", "+15815006712");
        request.addPostParam("Body", "Bonjour & à bientôt");
        return request;
    }

    private static Request get() {
        Request request = new Request(HttpMethod.GET, "api", "/2010-04-01/Accounts/AC1.json");
        request.setAuth("AC1", "token");
        return request;
    }

    @Test
    void sendsToTheBaseUrlWithTheCredentialsAndTheForm() {
        Response response = client.reliableRequest(post());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/AC1/Messages.json");
            assertThat(request.authorization()).startsWith("Basic ");
            assertThat(request.body()).contains("To=%2B15815006712", "Body=Bonjour+%26+%C3%A0+bient%C3%B4t");
        });
        assertThat(SdkHttpClient.lastExchange())
                .isEqualTo(new SdkHttpClient.Exchange(HttpMethod.POST, 200, "RQ1", null));
    }

    @Test
    void neverResendsAPostAfterAServerError() {
        answer(new Answer(500, null, 0), new Answer(503, null, 0));

        assertThat(client.reliableRequest(post()).getStatusCode()).isEqualTo(500);
        assertThat(seen).hasSize(1);
    }

    @Test
    void retriesAReadAfterServerErrors() {
        answer(new Answer(500, null, 0), new Answer(503, null, 0));

        assertThat(client.reliableRequest(get()).getStatusCode()).isEqualTo(200);
        assertThat(seen).hasSize(3);
    }

    @Test
    void retriesATooManyRequestsEvenForAPostHonouringRetryAfter() {
        answer(new Answer(429, "1", 0));
        long start = System.nanoTime();

        assertThat(client.reliableRequest(post()).getStatusCode()).isEqualTo(200);
        assertThat(seen).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void doesNotWaitForARetryAfterBeyondTheLimit() {
        answer(new Answer(429, "60", 0));

        assertThat(client.reliableRequest(post()).getStatusCode()).isEqualTo(429);
        assertThat(seen).hasSize(1);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        answer(new Answer(429, null, 0), new Answer(429, null, 0), new Answer(429, null, 0), new Answer(200, null, 0));

        assertThat(client.reliableRequest(post()).getStatusCode()).isEqualTo(429);
        assertThat(seen).hasSize(3);
    }

    @Test
    void aReadTimeoutOnAPostIsNotRetriedAndMayHaveTakenEffect() {
        client.close();
        client = client(Duration.ofMillis(200));
        answer(new Answer(200, null, 1000));

        SdkHttpClient.TransportException e =
                catchThrowableOfType(SdkHttpClient.TransportException.class, () -> client.reliableRequest(post()));

        assertThat(e.mayHaveBeenSent()).isTrue();
        sleep(1100);
        assertThat(seen).hasSize(1);
    }

    @Test
    void aReadTimeoutOnAGetIsRetried() {
        client.close();
        client = client(Duration.ofMillis(200));
        answer(new Answer(200, null, 600));

        assertThat(client.reliableRequest(get()).getStatusCode()).isEqualTo(200);
        assertThat(seen).hasSize(2);
    }

    @Test
    void aRefusedConnectionNeverReachedTwilio() {
        client.close();
        server.stop(0);
        client = client(Duration.ofSeconds(1));

        SdkHttpClient.TransportException e =
                catchThrowableOfType(SdkHttpClient.TransportException.class, () -> client.reliableRequest(post()));

        assertThat(e.mayHaveBeenSent()).isFalse();
        assertThat(e.getMessage()).contains("could not be reached");
    }
}
