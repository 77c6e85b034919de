package io.tenanttwilio.it;

import io.tenanttwilio.inbound.WebhookHandler;
import io.tenanttwilio.inbound.WebhookResponse;
import io.tenanttwilio.servlet.TwilioWebhookServlet;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real servlet container (Jetty) serving the webhook servlet under {@code /twilio/*}. */
public final class WebhookServer implements AutoCloseable {

    private final Server server = new Server();
    private final AtomicReference<WebhookHandler> handler =
            new AtomicReference<>(request -> WebhookResponse.text(503, "not ready"));

    public WebhookServer() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(
                new ServletHolder(new TwilioWebhookServlet(
                        request -> handler.get().handle(request), TwilioWebhookServlet.DEFAULT_MAX_BODY_BYTES)),
                "/twilio/*");
        server.setHandler(context);
        server.start();
    }

    /** The public base URL of the webhook endpoint. */
    public URI baseUrl() {
        return URI.create(
                "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/twilio");
    }

    public void use(WebhookHandler webhooks) {
        handler.set(webhooks);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
