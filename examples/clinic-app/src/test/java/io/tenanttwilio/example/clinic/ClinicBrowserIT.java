package io.tenanttwilio.example.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.outbox.OutboxQuery;
import io.tenanttwilio.outbox.QuietHours;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.NumberType;
import io.tenanttwilio.test.simulator.RegistrationKind;
import io.tenanttwilio.test.simulator.Rejection;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatedMessage;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The clinic app in a real browser (headless Chromium): isolation between two clinics, the whole
 * purchase flow of a new clinic up to a patient's message and the staff's reply, the errors a
 * person meets, the formats in which people type numbers, and a day's appointment reminders pasted,
 * previewed, scheduled, sent and cancelled. Screenshots of the main pages are saved in {@code
 * target/screenshots}.
 */
@SpringBootTest(
        classes = ClinicApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:clinic-e2e;DB_CLOSE_DELAY=-1",
            "clinic.data-dir=target/e2e-data",
            "tenant-twilio.jobs.enabled=false",
            "clinic.more-organizations=clinique-erreurs,clinique-formats,clinique-us,clinique-rappels"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicBrowserIT {

    private static final int PORT = freePort();
    private static final String PATIENT = "+15815006712";
    private static final String US_PATIENT = "+12125550142";

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

    /** Fills the compliance form as a US clinic would, with {@code ein} as its registration number. */
    private void fillRegistration(String ein) {
        browser.type("#legalName", "Clinique Santé Plus Inc.");
        browser.select("#businessType", "CORPORATION");
        browser.select("#registrationAuthority", "EIN");
        browser.type("#registrationNumber", ein);
        browser.type("#website", "https://www.cliniquesante.example");
        browser.type("#street", "100 Main Street");
        browser.type("#city", "New York");
        browser.type("#region", "NY");
        browser.type("#postalCode", "10001");
        browser.select("#country", "US");
        browser.type("#contactFirstName", "Marie");
        browser.type("#contactLastName", "Tremblay");
        browser.type("#contactTitle", "Directrice");
        browser.type("#contactEmail", "marie@cliniquesante.example");
        browser.type("#contactPhone", "(212) 555-0100");
        browser.select("#useCase", "ACCOUNT_NOTIFICATION");
        browser.type("#description", "Appointment reminders and answers to patients about their appointments.");
        browser.type(
                "#messageFlow",
                "Patients give their mobile number at the front desk and agree to receive texts about their"
                        + " appointments.");
        browser.type("#sample-0", "Clinique Santé Plus: your appointment is tomorrow at 10:00. Reply STOP to opt out.");
        browser.type("#sample-1", "Clinique Santé Plus : nous avons reçu votre message et vous rappelons aujourd’hui.");
    }

    /**
     * The reviews due are decided: the simulator's clock passes their delay, the registration desk
     * settles them, their status events reach the app; then the clinic refreshes the status. Until
     * the registration stands as {@code state}, at most {@code rounds} times.
     */
    private void reviewUntil(String state, int rounds) {
        for (int round = 0;
                round < rounds
                        && !browser.find("#registration-state")
                                .getAttribute("data-state")
                                .equals(state);
                round++) {
            simulator.clock().advance(REVIEW);
            simulator.registrations().settle();
            assertThat(simulator.awaitCallbacks(Duration.ofSeconds(10))).isTrue();
            browser.submit("#refresh-status");
        }
        browser.waitForAttribute("#registration-state", "data-state", state);
    }

    private static final Duration REVIEW = Duration.ofMinutes(1);

    @Test
    void aUsClinicRefusedForWantOfRegistrationRegistersCorrectsARejectionAndThenTextsTheUs() {
        browser.signIn("staff@clinique-us.example");
        SimulatedAccount account = connect("Clinique US", new BigDecimal("20"));
        browser.select("#country", "US");
        searchAndBuyFirst("212");
        browser.find("#purchased");
        assertThat(browser.text(".number .badge[data-country='US']"))
                .isEqualTo("Ne peut pas encore texter les destinataires américains");
        assertThat(browser.find(".number .compliance-link").getAttribute("href"))
                .endsWith("/settings/compliance");

        // A text to a US patient, refused before it reaches Twilio: why, and where to register.
        String reminder = "Rappel : votre rendez-vous est demain à 10 h.";
        browser.go("/admin/communications");
        browser.openNewMessage();
        browser.type("#to", "(212) 555-0142");
        browser.type("#new-body", reminder);
        browser.submit("#new-send");
        assertThat(browser.text("#send-error"))
                .contains("Les opérateurs américains bloquent")
                .contains("Conformité");
        assertThat(browser.find("#new-body").getAttribute("value"))
                .as("what was typed")
                .isEqualTo(reminder);
        assertThat(simulator.messages())
                .filteredOn(m -> m.to().equals(US_PATIENT))
                .isEmpty();
        browser.screenshot("10-us-text-refused");
        browser.submit("#send-error-compliance");

        // The registration, with a registration number the tax authority does not know.
        simulator.registrations().reviewDelay(REVIEW);
        try {
            simulator
                    .registrations()
                    .rejectNext(RegistrationKind.BRAND, account.sid(), Rejection.of(30794, "Tax ID does not match"));
            assertThat(browser.text("#registration-none")).contains("Pas commencé");
            fillRegistration("98-7654321");
            browser.type("#website", "cliniquesante");
            browser.submit("#submit-registration");
            assertThat(browser.text("#website-error"))
                    .isEqualTo("Ce n’est pas l’adresse d’un site Web (https://www.exemple.com).");
            assertThat(browser.find("#website").getAttribute("aria-describedby"))
                    .contains("website-error");
            assertThat(browser.find("#website").getAttribute("value")).isEqualTo("cliniquesante");
            assertThat(browser.find("#sample-1").getAttribute("value"))
                    .startsWith("Clinique Santé Plus : nous avons reçu");
            assertThat(browser.all("#registration-none"))
                    .as("nothing submitted")
                    .hasSize(1);
            browser.screenshot("11-compliance-form-refused");
            browser.type("#website", "https://www.cliniquesante.example");
            browser.submit("#submit-registration");
            assertThat(browser.find("#registration-state").getAttribute("data-state"))
                    .isEqualTo("IN_REVIEW");
            assertThat(browser.find("#steps [data-step='BUSINESS_PROFILE']").getAttribute("data-status"))
                    .isEqualTo("IN_REVIEW");

            reviewUntil("REJECTED", 4);
            assertThat(browser.find("#steps [data-step='BRAND']").getAttribute("data-status"))
                    .isEqualTo("REJECTED");
            assertThat(browser.text("#reasons"))
                    .contains("ne correspond pas aux registres fiscaux")
                    .doesNotContain("Tax ID does not match");
            assertThat(browser.find("#registrationNumber").getAttribute("value"))
                    .isEqualTo("98-7654321");
            browser.screenshot("12-compliance-rejected");
            browser.go("/settings/compliance?lang=en");
            assertThat(browser.text("#reasons")).contains("does not match the tax authority");
            browser.go("/settings/compliance?lang=fr");

            // Corrected and submitted again: approved, step by step.
            browser.type("#registrationNumber", "12-3456789");
            browser.submit("#submit-registration");
            assertThat(browser.find("#registration-state").getAttribute("data-state"))
                    .isEqualTo("IN_REVIEW");
            reviewUntil("APPROVED", 4);
        } finally {
            simulator.registrations().reviewDelay(Duration.ZERO);
        }
        assertThat(browser.all("#steps .step"))
                .allSatisfy(step -> assertThat(step.getAttribute("data-status")).isEqualTo("APPROVED"));
        assertThat(simulator.registrations().brands(account.sid()))
                .as("never a second brand")
                .hasSize(1);
        browser.screenshot("13-compliance-approved");

        browser.go("/settings/sms");
        assertThat(browser.text(".number .badge[data-country='US']")).isEqualTo("Texte les destinataires américains");
        browser.go("/admin/communications");
        browser.openNewMessage();
        browser.type("#to", "(212) 555-0142");
        browser.type("#new-body", reminder);
        browser.submit("#new-send");
        browser.waitForText(reminder);
        assertThat(browser.all("#send-error")).isEmpty();
        assertThat(simulator.awaitCallbacks(Duration.ofSeconds(10))).isTrue();
        assertThat(simulator.messages())
                .filteredOn(m -> m.to().equals(US_PATIENT))
                .singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo("delivered"));
        browser.driver().navigate().refresh();
        assertThat(browser.find("#messages .message.out .status").getText()).isEqualTo("distribué");
    }

    @Test
    void aDaysRemindersArePastedPreviewedScheduledSentAndOneIsCancelled() {
        TenantId clinic = TenantId.of("clinique-rappels");
        SimulatedAccount account = simulator.createAccount("Clinique rappels");
        twilio.provisioner()
                .purchase(PurchaseRequest.builder(clinic, "rappels-number")
                        .number(PhoneNumber.ofE164(simulator
                                .availableNumbers("CA", NumberType.LOCAL)
                                .get(0)
                                .phoneNumber()))
                        .credentials(account.credentials())
                        .build());
        // A reminder due now leaves now, whatever the hour the suite runs at.
        twilio.updatePolicy(
                clinic,
                twilio.policy(clinic).toBuilder()
                        .quietHours(QuietHours.of(LocalTime.MIN, LocalTime.MAX))
                        .build());
        ZonedDateTime now = ZonedDateTime.now(twilio.policy(clinic).timeZone());
        assertThat(twilio.outbox().dispatcher().isRunning())
                .as("the app started the dispatcher")
                .isTrue();

        browser.signIn("staff@clinique-rappels.example");
        browser.click("#nav-reminders");
        browser.type(
                "#lines",
                "Marie Tremblay, (581) 500-6712, "
                        + now.plusHours(1).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + "\n"
                        + "Paul Ouellet, 123, 10:00\n"
                        + "\"Roy, Jean\", 581-500-6713, 14:00");
        browser.click("#timing-HOURS_BEFORE");
        browser.submit("#preview-button");

        assertThat(browser.text("#preview-valid")).isEqualTo("2");
        assertThat(browser.text("#preview-problems tr[data-line='2'] .reason")).contains("trop peu de chiffres");
        assertThat(browser.text("#preview-messages tr[data-line='3'] .body"))
                .startsWith("Bonjour Roy, Jean, rappel de votre rendez-vous le ")
                .contains(" à 14 h à clinique-rappels.");
        assertThat(twilio.outbox().list(clinic, OutboxQuery.all()).items()).isEmpty();
        browser.screenshot("14-reminders-preview");

        browser.submit("#schedule-button");
        assertThat(browser.text("#result-scheduled")).isEqualTo("2");
        assertThat(browser.text("#result-refused")).isEqualTo("1");
        // The dispatcher sends the first one at once and the simulator delivers it: the list, reloaded.
        browser.go("/reminders#reminders-list");
        for (int reload = 0;
                reload < 20
                        && browser.all("#reminders tr.reminder[data-state='DELIVERED']")
                                .isEmpty();
                reload++) {
            simulator.awaitCallbacks(Duration.ofMillis(500));
            browser.driver().navigate().refresh();
        }
        assertThat(browser.text("#reminders tr.reminder[data-state='DELIVERED']"))
                .contains("Marie Tremblay")
                .contains("distribué");
        assertThat(browser.text("#reminders tr.reminder[data-state='SCHEDULED']"))
                .contains("Roy, Jean")
                .contains("planifié");
        browser.screenshot("15-reminders-scheduled");

        browser.click("#reminders tr.reminder[data-state='SCHEDULED'] .cancel");
        browser.driver().switchTo().alert().accept();
        browser.waitForText("Le rappel est annulé");
        assertThat(browser.text("#reminders tr.reminder[data-state='CANCELED']"))
                .contains("Roy, Jean");
        assertThat(browser.all("#reminders .cancel")).isEmpty();
        assertThat(simulator.messages())
                .filteredOn(m -> m.to().equals("+15815006713"))
                .isEmpty();
        browser.screenshot("16-reminders-cancelled");
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
