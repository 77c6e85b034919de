package io.tenanttwilio.example.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatedMessage;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The clinic app in a real browser (headless Chromium): isolation between two clinics, the whole
 * purchase flow of a new clinic up to a patient's message and the staff's reply, the errors a
 * person meets, and the formats in which people type numbers. Screenshots of the main pages are
 * saved in {@code target/screenshots}.
 */
@Import(RegistrationsInMemory.class)
@SpringBootTest(
        classes = ClinicApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:clinic-e2e;DB_CLOSE_DELAY=-1",
            "clinic.data-dir=target/e2e-data",
            "tenant-twilio.jobs.enabled=false",
            "clinic.more-organizations=clinique-erreurs,clinique-formats"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicBrowserIT {

    private static final int PORT = freePort();
    private static final String PATIENT = "+15815006712";

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Autowired
    TwilioSimulator simulator;

    @Autowired
    TenantTwilio twilio;

    private Browser browser;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void openBrowser() {
        browser = Browser.open("http://localhost:" + PORT, "fr-CA");
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Steps

    /** Types the credentials of a simulated Twilio account, as a person pastes them from the Console. */
    private SimulatedAccount connect(String name, BigDecimal balance) {
        SimulatedAccount account = simulator.createAccount(name);
        account.balance(balance);
        browser.go("/settings/sms");
        browser.type("#accountSid", account.sid());
        browser.type("#authToken", account.authToken());
        browser.click("#verify-credentials");
        browser.find("#verified");
        return account;
    }

    private void searchAndBuyFirst(String areaCode) {
        browser.type("#areaCode", areaCode);
        browser.click("#search-button");
        browser.find("#results");
        browser.click("#results .buy");
    }

    private String numberOf(String tenant) {
        List<NumberRecord> numbers = twilio.client(TenantId.of(tenant)).numbers();
        assertThat(numbers).isNotEmpty();
        return numbers.get(0).phoneNumber().orElseThrow().e164();
    }

    // ---------------------------------------------------------------------------------------------
    // Scenarios

    @Test
    void twoClinicsNeverSeeEachOthersMessagesAndSendWithTheirOwnAccounts() {
        browser.signIn("marie@clinique-a.example");
        SimulatedAccount accountA = connect("Clinique A", new BigDecimal("20"));
        searchAndBuyFirst("418");
        browser.find("#purchased");
        browser.signOut();
        browser.signIn("paul@clinique-b.example");
        SimulatedAccount accountB = connect("Clinique B", new BigDecimal("20"));
        searchAndBuyFirst("514");
        browser.find("#purchased");
        String numberA = numberOf("clinique-a");
        String numberB = numberOf("clinique-b");

        simulator.sendInboundSms(PATIENT, numberA, "Message pour la clinique A");
        simulator.sendInboundSms(PATIENT, numberB, "Message pour la clinique B");

        browser.go("/admin/communications");
        browser.waitForText("Message pour la clinique B");
        assertThat(browser.page()).doesNotContain("Message pour la clinique A");
        browser.click("#inbox .conversation");
        browser.type("#reply-body", "Réponse de la clinique B");
        browser.click("#reply-send");
        browser.waitForText("Réponse de la clinique B");
        String conversationB = browser.find("#thread").getAttribute("data-conversation");
        browser.screenshot("02-communications-clinique-b");

        browser.signOut();
        browser.signIn("marie@clinique-a.example");
        browser.go("/admin/communications");
        browser.waitForText("Message pour la clinique A");
        assertThat(browser.page()).doesNotContain("clinique B").doesNotContain("Réponse de la clinique B");
        browser.go("/admin/communications?c=" + conversationB);
        assertThat(browser.all("#thread-contact"))
                .as("B's conversation, opened by A")
                .isEmpty();
        browser.go("/admin/communications");
        browser.click("#inbox .conversation");
        browser.type("#reply-body", "Réponse de la clinique A");
        browser.click("#reply-send");
        browser.waitForText("Réponse de la clinique A");

        List<SimulatedMessage> replies = simulator.messages().stream()
                .filter(m -> m.direction().startsWith("outbound"))
                .toList();
        assertThat(replies)
                .filteredOn(m -> m.body().equals("Réponse de la clinique A"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.accountSid()).isEqualTo(accountA.sid());
                    assertThat(m.from()).isEqualTo(numberA);
                });
        assertThat(replies)
                .filteredOn(m -> m.body().equals("Réponse de la clinique B"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.accountSid()).isEqualTo(accountB.sid());
                    assertThat(m.from()).isEqualTo(numberB);
                });
    }

    @Test
    void aNewClinicConnectsBuysReceivesAPatientsMessageAndReplies() {
        browser.signIn("claire@clinique-c.example");
        browser.go("/settings/sms");
        browser.screenshot("03-settings-before");

        connect("Clinique C", new BigDecimal("20"));
        assertThat(browser.text("#verified")).contains("Identifiants valides").contains("Clinique C");
        assertThat(twilio.client(TenantId.of("clinique-c")).numbers()).isEmpty();
        searchAndBuyFirst("418");

        assertThat(browser.text("#purchased")).contains("+1 418");
        WebElement badge = browser.find(".number .sms-configured");
        assertThat(badge.getText()).isEqualTo("SMS entrants configurés");
        browser.screenshot("04-settings-number-active");
        String number = numberOf("clinique-c");

        browser.go("/admin/communications");
        browser.find("#inbox");
        simulator.sendInboundSms(PATIENT, number, "Bonjour, êtes-vous ouverts samedi?");
        browser.waitForText("Bonjour, êtes-vous ouverts samedi?"); // arrives without a reload
        assertThat(browser.find("#inbox .unread").getText()).isEqualTo("1");
        browser.click("#inbox .conversation");
        browser.type("#reply-body", "Oui, de 9 h à 12 h.");
        browser.click("#reply-send");
        browser.waitForText("Oui, de 9 h à 12 h.");
        browser.screenshot("01-communications");

        browser.go("/simulator/phone");
        browser.waitForText("Oui, de 9 h à 12 h.");
        assertThat(browser.page()).contains("Bonjour, êtes-vous ouverts samedi?");
        browser.type("#phone-body", "Parfait, merci!");
        browser.click("#phone-send");
        browser.waitForText("Parfait, merci!");
        browser.screenshot("06-patient-phone");
        assertThat(simulator.messages())
                .filteredOn(m -> m.body().equals("Oui, de 9 h à 12 h."))
                .singleElement()
                .satisfies(m -> assertThat(m.to()).isEqualTo(PATIENT));

        browser.go("/usage");
        assertThat(browser.text("#received")).isEqualTo("2");
        assertThat(browser.text("#sent")).isEqualTo("1");
        assertThat(browser.page()).contains("Numéro acheté").contains("claire@clinique-c.example");
        browser.screenshot("07-usage");
    }

    @Test
    void errorsAreExplainedInFrenchAndAFailedSetupSaysWhatToDo() {
        browser.signIn("staff@clinique-erreurs.example");
        SimulatedAccount real = simulator.createAccount("Clinique erreurs");
        browser.go("/settings/sms");
        browser.type("#accountSid", real.sid());
        browser.type("#authToken", "0123456789abcdef0123456789abcdef");
        browser.click("#verify-credentials");

        assertThat(browser.text("#credentials-error"))
                .contains("Twilio a refusé")
                .doesNotContain("0123456789abcdef");
        browser.screenshot("05-invalid-credentials");

        SimulatedAccount unfunded = connect("Clinique erreurs (sans fonds)", BigDecimal.ZERO);
        searchAndBuyFirst("418");
        assertThat(browser.text("#purchase-error")).contains("fonds");
        assertThat(twilio.client(TenantId.of("clinique-erreurs")).numbers()).isEmpty();

        unfunded.balance(new BigDecimal("20"));
        simulator.fault(Endpoint.NUMBER_UPDATE).always().respondWithStatus(500);
        try {
            browser.go("/settings/sms");
            searchAndBuyFirst("418");
            assertThat(browser.text("#purchase-warning")).contains("n’ont pas pu être configurés");
            WebElement webhook = browser.find(".number .webhook-url");
            assertThat(webhook.getAttribute("value")).startsWith("http://localhost:" + PORT + "/twilio/sms/");
            assertThat(browser.page()).contains("URL du webhook").contains("Réparer");
            browser.screenshot("08-setup-failed-manual-instructions");
        } finally {
            simulator.clearFaults();
        }
        browser.click(".number .repair");
        assertThat(browser.find(".number .sms-configured").getText()).isEqualTo("SMS entrants configurés");
    }

    @Test
    void aPatientsNumberTypedFourWaysIsOneContact() {
        browser.signIn("staff@clinique-formats.example");
        connect("Clinique formats", new BigDecimal("20"));
        searchAndBuyFirst("418");
        browser.find("#purchased");

        for (String typed : List.of("(581) 500-6712", "581-500-6712", "15815006712", "+15815006712")) {
            browser.go("/admin/communications");
            browser.openNewMessage();
            browser.type("#to", typed);
            browser.type("#new-body", "Rappel écrit " + typed);
            browser.click("#new-send");
            browser.waitForText("Rappel écrit " + typed);
        }

        browser.go("/admin/communications");
        assertThat(browser.all("#inbox .conversation")).hasSize(1);
        browser.click("#inbox .conversation");
        assertThat(browser.all("#messages .message.out")).hasSize(4);
        assertThat(browser.text("#thread-contact")).isEqualTo("+1 581-500-6712");
        assertThat(twilio.client(TenantId.of("clinique-formats"))
                        .conversations(ConversationQuery.open())
                        .items())
                .hasSize(1);
    }

    @Test
    void thePagesReadInEnglishToo() {
        browser.signIn("julien@clinique-a.example");
        browser.go("/settings/sms?lang=en");
        browser.waitForText("Twilio account");
        browser.screenshot("09-settings-english");
        browser.go("/admin/communications?lang=fr");
        browser.waitForText("Boîte de réception");
    }
}
