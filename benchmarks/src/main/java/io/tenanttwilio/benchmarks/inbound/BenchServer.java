package io.tenanttwilio.benchmarks.inbound;

import io.tenanttwilio.inbound.WebhookHandler;
import io.tenanttwilio.inbound.WebhookResponse;
import io.tenanttwilio.servlet.TwilioWebhookServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty on loopback serving, under one port: {@code TwilioWebhookServlet} at {@code /twilio/*},
 * the hand-rolled baseline at {@code /naive/*}, and a servlet that answers at once at {@code
 * /noop/*}. The SDK's handler and the baseline's database are set per series (the server starts
 * first, since the numbers' webhook URLs carry its port).
 */
final class BenchServer implements AutoCloseable {

    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final Server server;
    private final AtomicReference<WebhookHandler> handler =
            new AtomicReference<>(request -> WebhookResponse.text(503, "not ready"));
    private final AtomicReference<HttpServlet> naive = new AtomicReference<>(new Noop());
    /** Time spent inside the SDK's handler and inside the baseline servlet, for the breakdown. */
    final LongAdder sdkHandlerNanos = new LongAdder();

    final LongAdder naiveHandlerNanos = new LongAdder();

    BenchServer(int maxThreads) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        threads.setName("jetty");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        WebhookHandler timed = request -> {
            long started = System.nanoTime();
            try {
                return handler.get().handle(request);
            } finally {
                sdkHandlerNanos.add(System.nanoTime() - started);
            }
        };
        context.addServlet(
                new ServletHolder(new TwilioWebhookServlet(timed, TwilioWebhookServlet.DEFAULT_MAX_BODY_BYTES)),
                "/twilio/*");
        context.addServlet(new ServletHolder(new Delegating(naive)), "/naive/*");
        context.addServlet(new ServletHolder(new Noop()), "/noop/*");
        server.setHandler(context);
        server.start();
    }

    /** {@code http://127.0.0.1:port}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    /** Serves the SDK's webhooks with {@code webhooks} and the baseline on {@code naiveDatabase}. */
    void use(WebhookHandler webhooks, DataSource naiveDatabase) {
        handler.set(webhooks);
        naive.set(new NaiveInboundServlet(naiveDatabase, naiveHandlerNanos));
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    /** Answers every request at once, after reading its body. */
    private static final class Noop extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getInputStream().readAllBytes();
            response.setContentType("text/xml;charset=UTF-8");
            response.getWriter().write(EMPTY_TWIML);
        }
    }

    /** Hands each request to the servlet currently set. */
    private static final class Delegating extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient AtomicReference<HttpServlet> target;

        Delegating(AtomicReference<HttpServlet> target) {
            this.target = target;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws IOException, jakarta.servlet.ServletException {
            target.get().service(request, response);
        }
    }
}
