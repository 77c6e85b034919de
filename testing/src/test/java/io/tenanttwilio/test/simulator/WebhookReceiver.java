package io.tenanttwilio.test.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A tiny HTTP endpoint that records the webhooks it receives and answers as scripted. */
final class WebhookReceiver implements AutoCloseable {

    /** One received request. */
    record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        Form form() {
            return Form.parse(method.equals("GET") ? query : body);
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A scripted answer. */
    record Answer(int status, String contentType, String body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile Answer defaultAnswer =
            new Answer(200, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            Answer answer;
            synchronized (script) {
                answer = script.isEmpty() ? defaultAnswer : script.removeFirst();
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            if (!answer.contentType().isEmpty()) {
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next answers, in order; afterwards the default answer. */
    void script(Answer... answers) {
        synchronized (script) {
            script.addAll(List.of(answers));
        }
    }

    /** Keeps every request waiting, unanswered, until {@code released} counts down. */
    void holdUntil(CountDownLatch released) {
        this.hold = released;
    }

    void answerByDefault(Answer answer) {
        this.defaultAnswer = answer;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> received(String path) {
        List<Received> result = new ArrayList<>();
        for (Received request : received) {
            if (request.path().equals(path)) {
                result.add(request);
            }
        }
        return result;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
