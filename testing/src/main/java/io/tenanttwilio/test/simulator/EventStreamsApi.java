package io.tenanttwilio.test.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenanttwilio.test.simulator.RegState.Sink;
import io.tenanttwilio.test.simulator.RegState.Subscription;
import io.tenanttwilio.test.simulator.SimulatorEngine.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Event Streams ({@code events.twilio.com/v1}), modelled minimally: {@code Sinks} and {@code
 * Subscriptions} as twilio-java 13 reads them. A webhook sink is {@code active} at once (Twilio's
 * validation step is not modelled); its {@code SinkConfiguration} needs a {@code destination} URL,
 * and {@code batch_events: true} puts the events of one review pass in one delivery. A
 * subscription's {@code Types} are JSON objects {@code {"type": …, "schema_version": …}}, one per
 * parameter value; any type name is accepted.
 */
final class EventStreamsApi {

    private static final String HOST = "https://events.twilio.com";
    private static final Pattern SINK = Pattern.compile("/v1/Sinks(?:/([^/]+))?");
    private static final Pattern SUBSCRIPTION = Pattern.compile("/v1/Subscriptions(?:/([^/]+))?");
    private static final Set<String> SINK_TYPES = Set.of("kinesis", "webhook", "segment", "email");

    private final SimulatorEngine engine;

    EventStreamsApi(SimulatorEngine engine) {
        this.engine = engine;
    }

    private Registrations state() {
        return engine.registrations;
    }

    SimResponse handle(Principal principal, String method, String path, Form form) {
        String account = principal.account.sid;
        Matcher sink = SINK.matcher(path);
        if (sink.matches()) {
            return sinks(account, sink.group(1), method, form, path);
        }
        Matcher subscription = SUBSCRIPTION.matcher(path);
        if (subscription.matches()) {
            return subscriptions(account, subscription.group(1), method, form, path);
        }
        throw TwilioError.notFound(path);
    }

    // ---------------------------------------------------------------------------------------------
    // Sinks

    private SimResponse sinks(String account, @Nullable String sid, String method, Form form, String path) {
        if (sid == null) {
            if (method.equals("POST")) {
                String description = Params.required(form, "Description");
                JsonNode configuration =
                        Params.json("SinkConfiguration", Params.required(form, "SinkConfiguration"), 20001);
                String type = Params.oneOf(
                        "SinkType", Params.required(form, "SinkType").toLowerCase(Locale.ROOT), SINK_TYPES);
                if (type.equals("webhook")) {
                    String destination = configuration.path("destination").asText("");
                    if (destination.isEmpty()) {
                        throw Params.invalid("SinkConfiguration", "a webhook sink needs a destination");
                    }
                    SimulatorEngine.checkUrl(destination, "SinkConfiguration.destination");
                }
                Sink created = new Sink(
                        engine.nextSid("DG"), account, description, type, configuration, engine.clock.instant());
                state().sinks.put(created.sid, created);
                return SimResponse.json(201, Json.write(sinkJson(created)));
            }
            List<ObjectNode> result = new ArrayList<>();
            state().sinks.values().stream()
                    .filter(s -> s.accountSid.equals(account))
                    .forEach(s -> result.add(sinkJson(s)));
            return SimulatorEngine.v1Page(HOST, "sinks", result, path, form);
        }
        Sink existing = state().sinks.get(sid);
        if (existing == null || !existing.accountSid.equals(account)) {
            throw TwilioError.notFound(path);
        }
        switch (method) {
            case "DELETE":
                state().sinks.remove(sid);
                state().subscriptions.values().removeIf(s -> s.sinkSid.equals(sid));
                return SimResponse.empty(204);
            case "POST":
                existing.description = Params.required(form, "Description");
                existing.updated = engine.clock.instant();
                return SimResponse.json(200, Json.write(sinkJson(existing)));
            default:
                return SimResponse.json(200, Json.write(sinkJson(existing)));
        }
    }

    private static ObjectNode sinkJson(Sink sink) {
        ObjectNode node = Json.object();
        String url = HOST + "/v1/Sinks/" + sink.sid;
        node.put("date_created", Json.iso8601(sink.created));
        node.put("date_updated", Json.iso8601(sink.updated));
        node.put("description", sink.description);
        node.put("sid", sink.sid);
        node.set("sink_configuration", sink.configuration.deepCopy());
        node.put("sink_type", sink.type);
        node.put("status", "active");
        node.put("url", url);
        ObjectNode links = node.putObject("links");
        links.put("sink_test", url + "/Test");
        links.put("sink_validate", url + "/Validate");
        return node;
    }

    // ---------------------------------------------------------------------------------------------
    // Subscriptions

    private SimResponse subscriptions(String account, @Nullable String sid, String method, Form form, String path) {
        if (sid == null) {
            if (method.equals("POST")) {
                String description = Params.required(form, "Description");
                String sinkSid = sink(account, Params.required(form, "SinkSid"));
                List<String> types = types(form);
                Subscription created =
                        new Subscription(engine.nextSid("DF"), account, description, sinkSid, engine.clock.instant());
                created.types.addAll(types);
                state().subscriptions.put(created.sid, created);
                return SimResponse.json(201, Json.write(subscriptionJson(created)));
            }
            String sinkSid = form.get("SinkSid");
            List<ObjectNode> result = new ArrayList<>();
            state().subscriptions.values().stream()
                    .filter(s -> s.accountSid.equals(account) && (sinkSid == null || sinkSid.equals(s.sinkSid)))
                    .forEach(s -> result.add(subscriptionJson(s)));
            return SimulatorEngine.v1Page(HOST, "subscriptions", result, path, form);
        }
        Subscription existing = state().subscriptions.get(sid);
        if (existing == null || !existing.accountSid.equals(account)) {
            throw TwilioError.notFound(path);
        }
        switch (method) {
            case "DELETE":
                state().subscriptions.remove(sid);
                return SimResponse.empty(204);
            case "POST":
                if (form.get("Description") != null) {
                    existing.description = form.get("Description");
                }
                if (form.get("SinkSid") != null) {
                    existing.sinkSid = sink(account, form.get("SinkSid"));
                }
                existing.updated = engine.clock.instant();
                return SimResponse.json(200, Json.write(subscriptionJson(existing)));
            default:
                return SimResponse.json(200, Json.write(subscriptionJson(existing)));
        }
    }

    private String sink(String account, String sinkSid) {
        Sink sink = state().sinks.get(sinkSid);
        if (sink == null || !sink.accountSid.equals(account)) {
            throw Params.invalid("SinkSid", sinkSid);
        }
        return sinkSid;
    }

    /** Each {@code Types} value is a JSON object with a {@code type}; a bare name is accepted too. */
    private static List<String> types(Form form) {
        List<String> values = form.all("Types");
        if (values.isEmpty()) {
            throw Params.missing("Types");
        }
        List<String> types = new ArrayList<>();
        for (String value : values) {
            String trimmed = value.trim();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                JsonNode node = Params.json("Types", trimmed, 20001);
                if (node instanceof ArrayNode array) {
                    array.forEach(item -> types.add(type(item)));
                } else {
                    types.add(type(node));
                }
            } else {
                types.add(trimmed);
            }
        }
        return types;
    }

    private static String type(JsonNode item) {
        String type = item.path("type").asText("");
        if (type.isEmpty()) {
            throw Params.invalid("Types", item.toString());
        }
        return type;
    }

    private static ObjectNode subscriptionJson(Subscription subscription) {
        ObjectNode node = Json.object();
        String url = HOST + "/v1/Subscriptions/" + subscription.sid;
        node.put("account_sid", subscription.accountSid);
        node.put("sid", subscription.sid);
        node.put("date_created", Json.iso8601(subscription.created));
        node.put("date_updated", Json.iso8601(subscription.updated));
        node.put("description", subscription.description);
        node.put("sink_sid", subscription.sinkSid);
        node.put("url", url);
        node.putObject("links").put("subscribed_events", url + "/SubscribedEvents");
        node.put("receive_events_from_subaccounts", false);
        return node;
    }
}
