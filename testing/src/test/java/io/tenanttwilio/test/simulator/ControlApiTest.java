package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The HTTP control API of a standalone simulator, and its clock. */
class ControlApiTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(TwilioSimulator simulator, String path, String form) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void createsAnAccountAndSendsAnInboundMessageOverHttp() throws Exception {
        try (TwilioSimulator simulator = TwilioSimulator.start();
                WebhookReceiver app = new WebhookReceiver()) {
            HttpResponse<String> created = post(simulator, "/_simulator/accounts", "FriendlyName=Demo&Type=Trial");
            JsonNode account = Json.MAPPER.readTree(created.body());
            String number =
                    simulator.availableNumbers("CA", NumberType.LOCAL).get(0).phoneNumber();
            simulator.account(account.get("sid").asText()).buyNumber(number);
            simulator.editNumber(number, n -> n.smsUrl(app.url("/sms")));

            HttpResponse<String> inbound = post(
                    simulator, "/_simulator/inbound", "From=%2B15815550142&To=" + Form.encode(number) + "&Body=Allo");

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(account.get("type").asText()).isEqualTo("Trial");
            assertThat(account.get("auth_token").asText()).matches("[0-9a-f]{32}");
            assertThat(inbound.statusCode()).as(inbound.body()).isEqualTo(200);
            assertThat(app.received("/sms"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.form().get("Body")).isEqualTo("Allo"));
        }
    }

    @Test
    void refusesAnInboundMessageToAnUnknownNumber() throws Exception {
        try (TwilioSimulator simulator = TwilioSimulator.start()) {
            HttpResponse<String> inbound =
                    post(simulator, "/_simulator/inbound", "From=%2B15815550142&To=%2B15815550143");

            assertThat(inbound.statusCode()).isEqualTo(400);
            assertThat(inbound.body()).contains("No simulated account owns");
        }
    }

    @Test
    void datesFollowTheSimulatorsClock() {
        Instant start = Instant.parse("2026-01-15T10:00:00Z");
        try (TwilioSimulator simulator =
                TwilioSimulator.builder().clock(SimulatorClock.fixedAt(start)).start()) {
            SimulatedAccount account = simulator.createAccount("A");
            simulator.clock().advance(Duration.ofDays(40));
            SimulatedNumber number = account.buyNumber(
                    simulator.availableNumbers("CA", NumberType.LOCAL).get(0).phoneNumber());

            assertThat(number.dateCreated()).isEqualTo(Instant.parse("2026-02-24T10:00:00Z"));
            assertThat(com.twilio.rest.api.v2010.Account.fetcher(account.sid())
                            .fetch(simulator.restClient(account))
                            .getDateCreated()
                            .toInstant())
                    .isEqualTo(start);
        }
    }
}
