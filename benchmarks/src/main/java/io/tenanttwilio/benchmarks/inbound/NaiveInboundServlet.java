package io.tenanttwilio.benchmarks.inbound;

import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The baseline: the inbound webhook as a hand-rolled application writes it. The container parses
 * the form; the auth token is looked up by the {@code To} number; a new twilio-java {@link
 * RequestValidator} checks the signature; the contact is found by {@code phone LIKE
 * '%<digits>%'} (which no index can serve) and inserted when absent; the message is inserted.
 * Each statement commits on its own (auto-commit); there is no deduplication by MessageSid.
 */
final class NaiveInboundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final transient DataSource dataSource;
    private final transient LongAdder handlerNanos;

    NaiveInboundServlet(DataSource dataSource, LongAdder handlerNanos) {
        this.dataSource = dataSource;
        this.handlerNanos = handlerNanos;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        try {
            Map<String, String> params = new HashMap<>();
            request.getParameterMap().forEach((name, values) -> params.put(name, values[0]));
            String to = params.get("To");
            String from = params.get("From");
            if (to == null || from == null) {
                response.sendError(400);
                return;
            }
            try (Connection connection = dataSource.getConnection()) {
                String tenant = null;
                String token = null;
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT tenant_id, auth_token FROM naive_accounts WHERE phone = ?")) {
                    select.setString(1, to);
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            tenant = rows.getString(1);
                            token = rows.getString(2);
                        }
                    }
                }
                if (tenant == null || token == null) {
                    response.sendError(403);
                    return;
                }
                String url = request.getRequestURL().toString();
                RequestValidator validator = new RequestValidator(token);
                if (!validator.validate(url, params, request.getHeader("X-Twilio-Signature"))) {
                    response.sendError(403);
                    return;
                }
                String digits = from.replaceAll("[^0-9]", "");
                Long contact = null;
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id FROM naive_contacts WHERE tenant_id = ? AND phone LIKE ?")) {
                    select.setString(1, tenant);
                    select.setString(2, "%" + digits + "%");
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            contact = rows.getLong(1);
                        }
                    }
                }
                Timestamp now = Timestamp.from(Instant.now());
                if (contact == null) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO naive_contacts (tenant_id, phone, created_at) VALUES (?, ?, ?)",
                            new String[] {"id"})) {
                        insert.setString(1, tenant);
                        insert.setString(2, from);
                        insert.setTimestamp(3, now);
                        insert.executeUpdate();
                        try (ResultSet keys = insert.getGeneratedKeys()) {
                            keys.next();
                            contact = keys.getLong(1);
                        }
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO naive_messages (tenant_id, message_sid, contact_id, from_phone, to_phone, body,"
                                + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, tenant);
                    insert.setString(2, params.getOrDefault("MessageSid", ""));
                    insert.setLong(3, contact);
                    insert.setString(4, from);
                    insert.setString(5, to);
                    insert.setString(6, params.getOrDefault("Body", ""));
                    insert.setTimestamp(7, now);
                    insert.executeUpdate();
                }
            }
            response.setContentType("text/xml;charset=UTF-8");
            response.getWriter().write(EMPTY_TWIML);
        } catch (SQLException e) {
            response.sendError(500);
        } finally {
            handlerNanos.add(System.nanoTime() - started);
        }
    }
}
