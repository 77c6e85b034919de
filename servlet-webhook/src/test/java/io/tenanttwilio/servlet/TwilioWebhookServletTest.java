package io.tenanttwilio.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookResponse;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet and the filter in a real container, with a handler that records what it is given. */
class TwilioWebhookServletTest {

    private final List<WebhookRequest> seen = new CopyOnWriteArrayList<>();
    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/app");
        context.addServlet(new ServletHolder(new TwilioWebhookServlet(this::record, 4096)), "/twilio/*");
        context.addFilter(
                new FilterHolder(new TwilioWebhookFilter(this::record, "/hooks", 4096)),
                "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    @Override
                    protected void service(HttpServletRequest request, HttpServletResponse response)
                            throws java.io.IOException {
                        response.setStatus(299);
                        response.getWriter().write("the application");
                    }
                }),
                "/other/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private WebhookResponse record(WebhookRequest request) {
        seen.add(request);
        return WebhookResponse.twiml(WebhookResponse.EMPTY_TWIML);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("X-Twilio-Signature", "c2lnbmF0dXJl")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void handsTheRawRequestBelowTheMappingToTheHandler() throws Exception {
        HttpResponse<String> response = post("/app/twilio/sms/k3y?x=1", "Body=%C3%A9t%C3%A9&Body=deux");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
        assertThat(response.body()).isEqualTo(WebhookResponse.EMPTY_TWIML);
        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/sms/k3y");
            assertThat(request.query()).isEqualTo("x=1");
            assertThat(request.header("x-twilio-signature")).isEqualTo("c2lnbmF0dXJl");
            assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("Body=%C3%A9t%C3%A9&Body=deux");
        });
    }

    @Test
    void refusesAnOversizedBodyWithoutCallingTheHandler() throws Exception {
        HttpResponse<String> response = post("/app/twilio/sms/k3y", "Body=" + "x".repeat(5000));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(seen).isEmpty();
    }

    @Test
    void theFilterAnswersItsPrefixAndPassesEverythingElseOn() throws Exception {
        HttpResponse<String> hook = post("/app/hooks/status/k3y", "MessageStatus=sent");
        HttpResponse<String> other = post("/app/other/page", "a=b");

        assertThat(hook.statusCode()).isEqualTo(200);
        assertThat(seen)
                .singleElement()
                .satisfies(request -> assertThat(request.path()).isEqualTo("/status/k3y"));
        assertThat(other.statusCode()).isEqualTo(299);
        assertThat(other.body()).isEqualTo("the application");
    }
}
