package io.tenanttwilio.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.numbers.PurchaseResult;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.store.jdbc.JdbcCredentialStore;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import io.tenanttwilio.test.simulator.WebhookDelivery;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real application: embedded Tomcat, Spring Security with Spring Boot's default
 * (everything needs a login), Actuator, H2 through the JDBC stores, and the embedded simulator,
 * which posts a signed inbound webhook that is stored.
 */
@SpringBootTest(
        classes = WebhookEndToEndTest.ClinicApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "tenant-twilio.simulator.enabled=true",
            "tenant-twilio.store.initialize-schema=true",
            "tenant-twilio.encryption.keys.test-1=dGVuYW50LXR3aWxpby10ZXN0LWtleS0zMi1ieXRlcyE=",
            "spring.datasource.url=jdbc:h2:mem:starter-e2e;DB_CLOSE_DELAY=-1",
            "spring.security.user.name=admin",
            "spring.security.user.password=secret-for-tests",
            "management.endpoint.health.show-details=always"
        })
class WebhookEndToEndTest {

    private static final TenantId CLINIC = TenantId.of("clinique-a");
    private static final int PORT = freePort();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An application without component scanning (the test classes beside it are not part of it). */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ClinicApplication {}

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Autowired
    TenantTwilio twilio;

    @Autowired
    TwilioSimulator simulator;

    @Autowired
    CredentialStore credentials;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignedWebhookFromTheSimulatorIsStoredAndAForgedOneRefused() throws Exception {
        SimulatedAccount account = simulator.createAccount("Clinique A");
        PurchaseResult bought = twilio.provisioner()
                .purchase(PurchaseRequest.builder(CLINIC, "first")
                        .areaCode("418")
                        .credentials(account.credentials())
                        .build());
        String number = bought.record().phoneNumber().orElseThrow().e164();

        WebhookDelivery delivery = simulator.sendInboundSms("+15815006712", number, "Bonjour, est-ce ouvert samedi?");
        HttpResponse<String> forged = post(
                URI.create(bought.record().smsUrl()),
                "MessageSid=SM00000000000000000000000000000001&AccountSid=" + account.sid() + "&From=%2B15815006712&To="
                        + number.replace("+", "%2B") + "&Body=Faux");

        assertThat(bought.isActive())
                .as("purchased, configured and verified through the simulator")
                .isTrue();
        assertThat(bought.record().smsUrl()).startsWith("http://localhost:" + PORT + "/twilio/sms/");
        assertThat(credentials).isInstanceOf(JdbcCredentialStore.class);
        assertThat(delivery.statusCode()).isEqualTo(200);
        List<Conversation> inbox =
                twilio.client(CLINIC).conversations(ConversationQuery.open()).items();
        assertThat(inbox).singleElement().satisfies(conversation -> {
            List<SmsMessage> messages = twilio.client(CLINIC)
                    .messages(MessageQuery.inConversation(conversation.id()))
                    .items();
            assertThat(messages).extracting(SmsMessage::body).containsExactly("Bonjour, est-ce ouvert samedi?");
        });
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(twilio.client(CLINIC).auditTrail(AuditQuery.newestFirst()).items())
                .extracting(AuditEvent::action)
                .contains(AuditAction.WEBHOOK_REJECTED);
        assertThat(twilio.client(CLINIC).conversations(ConversationQuery.open()).items())
                .hasSize(1);
    }

    @Test
    void theRestOfTheApplicationStillNeedsALogin() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/actuator/metrics"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> health = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/actuator/health"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        "admin:secret-for-tests".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"tenantTwilio\"").contains("\"store\":\"h2\"");
    }

    private static HttpResponse<String> post(URI url, String form) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
