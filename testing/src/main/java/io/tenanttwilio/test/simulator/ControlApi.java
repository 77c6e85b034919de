package io.tenanttwilio.test.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An HTTP control API under {@value #PREFIX}, for a simulator run standalone (no Java access):
 * create accounts, send inbound messages, look at numbers, messages and deliveries, move the
 * clock, reset. It has no authentication: bind the simulator to a local address.
 *
 * <ul>
 *   <li>{@code POST /_simulator/accounts} ({@code FriendlyName}, optional {@code Type=Trial},
 *       {@code Balance}) → the account with its auth token and test credentials
 *   <li>{@code GET /_simulator/accounts}, {@code GET /_simulator/numbers}, {@code GET
 *       /_simulator/messages}, {@code GET /_simulator/deliveries}
 *   <li>{@code POST /_simulator/inbound} ({@code From}, {@code To}, {@code Body}, {@code
 *       MediaUrl}…) → the webhook delivery
 *   <li>{@code POST /_simulator/clock/advance} ({@code Seconds}), {@code POST
 *       /_simulator/reset}
 * </ul>
 */
final class ControlApi {

    static final String PREFIX = "/_simulator";

    private final TwilioSimulator simulator;

    ControlApi(TwilioSimulator simulator) {
        this.simulator = simulator;
    }

    SimResponse handle(SimRequest request) {
        Form form = request.form();
        String route = request.method() + " " + request.path().substring(PREFIX.length());
        try {
            switch (route) {
                case "POST /accounts":
                    return SimResponse.json(201, Json.write(createAccount(form)));
                case "GET /accounts":
                    ArrayNode accounts = Json.MAPPER.createArrayNode();
                    simulator.accounts().forEach(account -> accounts.add(accountJson(account)));
                    return SimResponse.json(200, Json.write(accounts));
                case "GET /numbers":
                    return SimResponse.json(200, Json.write(simulator.numbers()));
                case "GET /messages":
                    return SimResponse.json(200, Json.write(simulator.messages()));
                case "GET /deliveries":
                    return SimResponse.json(200, Json.write(simulator.deliveries()));
                case "POST /inbound":
                    InboundSms sms = simulator
                            .inboundSms()
                            .from(required(form, "From"))
                            .to(required(form, "To"))
                            .body(form.get("Body") == null ? "" : form.get("Body"));
                    List<String> types = form.all("MediaContentType");
                    List<String> urls = form.all("MediaUrl");
                    for (int i = 0; i < urls.size(); i++) {
                        sms.media(urls.get(i), i < types.size() ? types.get(i) : "image/jpeg");
                    }
                    return SimResponse.json(200, Json.write(sms.send()));
                case "POST /clock/advance":
                    simulator.clock().advance(Duration.ofSeconds(Long.parseLong(required(form, "Seconds"))));
                    return SimResponse.json(
                            200,
                            Json.write(Map.of("now", simulator.clock().instant().toString())));
                case "POST /reset":
                    simulator.reset();
                    return SimResponse.empty(204);
                default:
                    return SimResponse.json(404, Json.write(Map.of("message", "Unknown control route " + route)));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return SimResponse.json(400, Json.write(Map.of("message", String.valueOf(e.getMessage()))));
        }
    }

    private ObjectNode createAccount(Form form) {
        String name = form.get("FriendlyName");
        SimulatedAccount account = simulator.createAccount(name == null ? "Simulated account" : name);
        if ("Trial".equalsIgnoreCase(form.get("Type"))) {
            account.trial();
        }
        if (form.get("Balance") != null) {
            account.balance(new BigDecimal(form.get("Balance")));
        }
        return accountJson(account);
    }

    private static ObjectNode accountJson(SimulatedAccount account) {
        ObjectNode node = Json.object();
        node.put("sid", account.sid());
        node.put("auth_token", account.authToken());
        node.put("friendly_name", account.friendlyName());
        node.put("status", account.status());
        node.put("type", account.type());
        node.put("balance", Json.money(account.balance()));
        TestCredentials test = account.testCredentials();
        node.put("test_account_sid", test.accountSid());
        node.put("test_auth_token", test.authToken());
        return node;
    }

    private static String required(Form form, String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
