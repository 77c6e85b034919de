package io.tenanttwilio.servlet;

import io.tenanttwilio.inbound.WebhookHandler;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a servlet request into a {@link WebhookRequest} and writes the handler's answer back. */
final class WebhookExchange {

    private WebhookExchange() {}

    static void handle(
            WebhookHandler handler,
            int maxBodyBytes,
            String path,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            write(response, WebhookResponse.text(413, "The request is larger than " + maxBodyBytes + " bytes"));
            return;
        }
        byte[] body = readBody(request.getInputStream(), maxBodyBytes);
        if (body == null) {
            write(response, WebhookResponse.text(413, "The request is larger than " + maxBodyBytes + " bytes"));
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            String value = request.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        write(
                response,
                handler.handle(WebhookRequest.of(request.getMethod(), path, request.getQueryString(), headers, body)));
    }

    /** The body, or {@code null} when it is longer than {@code max} bytes. */
    private static byte[] readBody(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void write(HttpServletResponse response, WebhookResponse answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
