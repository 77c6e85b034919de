package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks every answer a simulator serves during a test against the OpenAPI schema of its
 * operation (Twilio's {@code twilio_api_v2010.json}, {@code twilio_trusthub_v1.json} and {@code
 * twilio_messaging_v1.json}); a test fails if any answer does not conform. Event Streams ({@code
 * /v1/Sinks}, {@code /v1/Subscriptions}) have no document among the project's copies and are not
 * checked; their contract tests read them through twilio-java instead.
 *
 * <p>One documented deviation: AvailablePhoneNumbers' capabilities are checked without regard to
 * case. The document declares {@code sms}/{@code mms}, but Twilio's live API answers {@code
 * SMS}/{@code MMS} there (the project's Twilio facts, §2.1: api-snippets recordings and
 * twilio-php issue 783), and the simulator follows the live API; twilio-java reads both.
 */
final class OpenApiConformance implements AfterEachCallback {

    private final List<String> violations = new ArrayList<>();

    /** A simulator builder whose every answer is checked. */
    TwilioSimulator.Builder simulator() {
        return TwilioSimulator.builder().observer(this::check);
    }

    private void check(SimRequest request, SimResponse response) {
        if (!request.path().startsWith(SimulatorEngine.API) && !request.path().startsWith("/v1/")) {
            return;
        }
        if (request.path().startsWith("/v1/Sinks") || request.path().startsWith("/v1/Subscriptions")) {
            return;
        }
        String body = response.body();
        if (request.path().contains("/AvailablePhoneNumbers/") && response.status() == 200) {
            body = lowerCaseCapabilities(body);
        }
        List<String> problems =
                OpenApiResponseValidator.load().validate(request.method(), request.path(), response.status(), body);
        if (!problems.isEmpty()) {
            synchronized (violations) {
                violations.add(request.method() + " " + request.path() + " -> " + response.status() + ": " + problems);
            }
        }
    }

    private static String lowerCaseCapabilities(String body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            for (JsonNode number : root.path("available_phone_numbers")) {
                JsonNode capabilities = number.get("capabilities");
                if (capabilities instanceof ObjectNode) {
                    ObjectNode lowered = Json.object();
                    Iterator<String> names = capabilities.fieldNames();
                    while (names.hasNext()) {
                        String name = names.next();
                        lowered.set(name.toLowerCase(Locale.ROOT), capabilities.get(name));
                    }
                    ((ObjectNode) number).set("capabilities", lowered);
                }
            }
            return Json.write(root);
        } catch (Exception e) {
            return body;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> found;
        synchronized (violations) {
            found = new ArrayList<>(violations);
            violations.clear();
        }
        assertThat(found)
                .as("answers that do not conform to Twilio's OpenAPI document")
                .isEmpty();
    }
}
