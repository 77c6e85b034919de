package io.tenanttwilio.example.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.NumberType;
import io.tenanttwilio.test.simulator.RecordedRequest;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The compliance page's form, field by field: each refused value (empty, too long, in the wrong
 * format, or with markup) is explained next to its field in French and in English, the field
 * points at its explanation, everything typed comes back as typed, and nothing reaches Twilio's
 * registration endpoints. A valid form does reach them, so the check has teeth. Over HTTP, signed
 * in through the login form, as in {@link ClinicPagingTest}.
 */
@SpringBootTest(
        classes = ClinicApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:clinic-compliance;DB_CLOSE_DELAY=-1",
            "clinic.data-dir=target/compliance-data",
            "tenant-twilio.jobs.enabled=false",
            "tenant-twilio.public-base-url=http://localhost/twilio",
            "spring.thymeleaf.cache=true",
            "clinic.more-organizations=clinique-formulaire,clinique-conforme"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceFormTest {

    /** The clinic whose forms are refused: nothing of it may reach Twilio. */
    private static final TenantId REFUSED = TenantId.of("clinique-formulaire");

    /** The clinic whose forms are valid. */
    private static final TenantId VALID = TenantId.of("clinique-conforme");

    private static final Set<Endpoint> REGISTRATION_ENDPOINTS = EnumSet.of(
            Endpoint.TRUSTHUB,
            Endpoint.ADDRESSES,
            Endpoint.BRAND_REGISTRATIONS,
            Endpoint.CAMPAIGNS,
            Endpoint.MESSAGING_SERVICES,
            Endpoint.TOLLFREE_VERIFICATIONS,
            Endpoint.EVENT_SINKS,
            Endpoint.EVENT_SUBSCRIPTIONS);

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern ERROR = Pattern.compile("<p id=\"([^\"]+)-error\" class=\"field-error\">([^<]*)</p>");
    private static final String SCRIPT = "<script>alert(1)</script>";

    @LocalServerPort
    int port;

    @Autowired
    TwilioSimulator simulator;

    @Autowired
    TenantTwilio twilio;

    @Autowired
    ConversationStore conversations;

    @Autowired
    ContactDirectory contacts;

    private SimulatedAccount refusedAccount;
    private SimulatedAccount validAccount;
    private String refusedTollFree;
    private String validTollFree;
    private final Map<String, HttpClient> signedIn = new LinkedHashMap<>();

    /** The CSRF token of each signed-in session, read once from the page (it holds for the session). */
    private final Map<HttpClient, String> tokens = new java.util.HashMap<>();

    @BeforeAll
    void clinicsWithATwilioAccountAndATollFreeNumber() {
        refusedAccount = simulator.createAccount("Clinique formulaire");
        validAccount = simulator.createAccount("Clinique conforme");
        refusedTollFree = buyTollFree(REFUSED, refusedAccount, 0);
        validTollFree = buyTollFree(VALID, validAccount, 1);
        simulator.clearRequests(); // the purchases' own calls (a purchase looks for a campaign's service)
    }

    private String buyTollFree(TenantId tenant, SimulatedAccount account, int which) {
        String number = simulator
                .availableNumbers("US", NumberType.TOLL_FREE)
                .get(which)
                .phoneNumber();
        twilio.provisioner()
                .purchase(PurchaseRequest.builder(tenant, "toll-free-" + tenant.value())
                        .number(PhoneNumber.ofE164(number))
                        .credentials(account.credentials())
                        .build());
        return number;
    }

    // ---------------------------------------------------------------------------------------------
    // The form as a valid clinic fills it

    private static Map<String, String> validForm(String tollFreeNumber) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("legalName", "Clinique Santé Plus Inc.");
        form.put("businessType", "CORPORATION");
        form.put("industry", "HEALTHCARE");
        form.put("registrationAuthority", "EIN");
        form.put("registrationNumber", "12-3456789");
        form.put("website", "https://www.cliniquesante.example");
        form.put("street", "100 Main Street");
        form.put("city", "New York");
        form.put("region", "NY");
        form.put("postalCode", "10001");
        form.put("country", "US");
        form.put("contactFirstName", "Marie");
        form.put("contactLastName", "Tremblay");
        form.put("contactTitle", "Directrice");
        form.put("contactPosition", "DIRECTOR");
        form.put("contactEmail", "marie@cliniquesante.example");
        form.put("contactPhone", "+12125550100");
        form.put("useCase", "ACCOUNT_NOTIFICATION");
        form.put("description", "Appointment reminders and answers to patients about their appointments.");
        form.put(
                "messageFlow",
                "Patients give their mobile number at the front desk and agree to receive texts about their"
                        + " appointments.");
        form.put(
                "samples[0]",
                "Clinique Santé Plus : votre rendez-vous est demain à 10 h. Répondez ARRÊT pour vous désabonner.");
        form.put("samples[1]", "Clinique Santé Plus: we received your message and will call you back today.");
        form.put("samples[2]", "");
        form.put("samples[3]", "");
        form.put("samples[4]", "");
        form.put("tollFree[0].number", tollFreeNumber);
        form.put("tollFree[0].categories", "ACCOUNT_NOTIFICATIONS");
        form.put(
                "tollFree[0].useCaseSummary",
                "Appointment reminders for the clinic patients, who agree at the front desk.");
        form.put(
                "tollFree[0].productionMessageSample",
                "Clinique Santé Plus: your appointment is tomorrow at 10:00. Reply STOP to opt out.");
        form.put("tollFree[0].optInType", "VERBAL");
        form.put("tollFree[0].optInImageUrl", "https://www.cliniquesante.example/consent");
        form.put("tollFree[0].messageVolume", "1,000");
        form.put("tollFree[0].additionalInformation", "");
        return form;
    }

    /** The page's field of a form name: {@code samples[1]} is {@code sample-1}, {@code tollFree[0].x} is {@code tf0-x}. */
    private static String fieldId(String name) {
        Matcher sample = Pattern.compile("samples\\[(\\d)]").matcher(name);
        if (sample.matches()) {
            return "sample-" + sample.group(1);
        }
        Matcher tollFree = Pattern.compile("tollFree\\[(\\d)]\\.(.+)").matcher(name);
        if (tollFree.matches()) {
            return "tf" + tollFree.group(1) + "-" + tollFree.group(2);
        }
        return name;
    }

    // ---------------------------------------------------------------------------------------------
    // What the SDK says, in both languages

    /** A reason, as the page shows it in French and in English. */
    record Says(String french, String english) {
        String in(Locale locale) {
            return locale.getLanguage().equals("fr") ? french : english;
        }
    }

    private static final Says REQUIRED = new Says("Ce champ est obligatoire.", "This field is required.");
    private static final Says MARKUP =
            new Says("Il ne peut pas contenir < ni > (pas de HTML).", "It may not contain < or > (no HTML).");
    private static final Says CONTROL =
            new Says("Il contient des caractères de contrôle invisibles.", "It contains invisible control characters.");
    private static final Says EMAIL = new Says(
            "Ce n’est pas une adresse courriel (nom@exemple.com).", "This is not an email address (name@example.com).");
    private static final Says WEBSITE = new Says(
            "Ce n’est pas l’adresse d’un site Web (https://www.exemple.com).",
            "This is not a website address (https://www.example.com).");
    private static final Says COUNTRY = new Says(
            "Ce n’est pas un code de pays (deux lettres, comme CA ou US).",
            "This is not a country code (two letters, such as CA or US).");
    private static final Says PHONE =
            new Says("Ce n’est pas un numéro de téléphone valide.", "This is not a valid phone number.");
    private static final Says ZIP = new Says(
            "Un code ZIP américain a 5 chiffres (12345 ou 12345-6789).",
            "A US ZIP code has 5 digits (12345 or 12345-6789).");
    private static final Says EIN = new Says("Un EIN a 9 chiffres (12-3456789).", "An EIN has 9 digits (12-3456789).");
    private static final Says NEQ = new Says(
            "Un numéro d’entreprise du Québec (NEQ) a 10 chiffres.", "A Québec enterprise number (NEQ) has 10 digits.");
    private static final Says OPT_OUT = new Says(
            "Au moins un exemple doit dire comment arrêter les textos",
            "At least one sample must say how to stop the texts");
    private static final Says LINKS = new Says(
            "Un exemple contient un lien : cochez « les messages contiennent des liens ».",
            "A sample contains a link: tick \"messages contain links\".");
    private static final Says PHONES = new Says(
            "Un exemple contient un numéro de téléphone : cochez « les messages contiennent des numéros de"
                    + " téléphone ».",
            "A sample contains a phone number: tick \"messages contain phone numbers\".");
    private static final Says VOLUME =
            new Says("Choisissez parmi : 10 | 100 | 1,000", "Choose one of: 10 | 100 | 1,000");

    private static Says tooLong(int max, int has) {
        return new Says(
                "Il peut avoir au plus " + max + " caractères ; il en a " + has + ".",
                "It may have at most " + max + " characters; it has " + has + ".");
    }

    private static Says tooShort(int min, int has) {
        return new Says(
                "Il lui faut au moins " + min + " caractères ; il en a " + has + ".",
                "It needs at least " + min + " characters; it has " + has + ".");
    }

    private static Says samplesCount(int given) {
        return new Says(
                "Donnez de 2 à 5 exemples de messages ; il y en a " + given + ".",
                "Give 2 to 5 sample messages; there are " + given + ".");
    }

    // ---------------------------------------------------------------------------------------------
    // The cases

    /**
     * One refused form: the valid form with {@code changes}, sent to the A2P registration or to
     * the toll-free verification; the field that must show {@code says}.
     */
    record Case(String name, boolean tollFree, Map<String, String> changes, String field, Says says) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case a2p(String field, String value, Says says) {
        return new Case(field + " = " + shown(value), false, Map.of(field, value), fieldId(field), says);
    }

    private static Case tollFree(String field, String value, Says says) {
        String name = "tollFree[0]." + field;
        return new Case(name + " = " + shown(value), true, Map.of(name, value), fieldId(name), says);
    }

    private static String shown(String value) {
        if (value.isEmpty()) {
            return "(empty)";
        }
        String printable = value.replace("\u0007", "\\u0007");
        return printable.length() > 40 ? printable.length() + " characters" : "\"" + printable + "\"";
    }

    private static String times(int n) {
        return "a".repeat(n);
    }

    static Stream<Case> refusedForms() {
        List<Case> cases = new ArrayList<>();
        // Text of the business: empty, too long, markup.
        Object[][] texts = {
            {"legalName", 255},
            {"street", 255},
            {"city", 100},
            {"region", 100},
            {"contactFirstName", 100},
            {"contactLastName", 100},
            {"contactTitle", 100},
            {"registrationNumber", 32},
            {"postalCode", 16},
            {"contactPhone", 32},
        };
        for (Object[] text : texts) {
            String field = (String) text[0];
            int max = (Integer) text[1];
            cases.add(a2p(field, "", REQUIRED));
            cases.add(a2p(field, times(max + 1), tooLong(max, max + 1)));
            cases.add(a2p(field, field.equals("postalCode") ? "<b>10001</b>" : SCRIPT, MARKUP));
        }
        cases.add(a2p("legalName", "\u0007Clinique Santé Plus", CONTROL));
        cases.add(a2p("contactTitle", "D", tooShort(2, 1)));
        // Choices: none, or one the page does not offer.
        for (String choice : List.of("businessType", "industry", "registrationAuthority", "useCase")) {
            cases.add(a2p(choice, "", REQUIRED));
            cases.add(a2p(choice, "NOT_A_CHOICE", REQUIRED));
        }
        cases.add(a2p("country", "", REQUIRED));
        cases.add(a2p("country", "XX", COUNTRY));
        // Formats.
        cases.add(a2p("registrationNumber", "12345", EIN));
        cases.add(new Case(
                "registrationNumber = EIN typed as NEQ",
                false,
                Map.of("registrationAuthority", "NEQ"),
                "registrationNumber",
                NEQ));
        cases.add(a2p("website", "", REQUIRED));
        cases.add(a2p("website", "pas un site", WEBSITE));
        cases.add(a2p("website", "javascript:alert(1)", WEBSITE));
        cases.add(a2p("website", "ftp://cliniquesante.example", WEBSITE));
        cases.add(a2p("website", "https://www." + times(250) + ".example", tooLong(255, 270)));
        cases.add(a2p("website", "https://<b>clinique</b>.example", MARKUP));
        cases.add(a2p("postalCode", "ABCDE", ZIP));
        cases.add(a2p("contactEmail", "", REQUIRED));
        cases.add(a2p("contactEmail", "marie@", EMAIL));
        cases.add(a2p("contactEmail", "marie@cliniquesante", EMAIL));
        cases.add(a2p("contactEmail", times(243) + "@clinique.ca", tooLong(254, 255)));
        cases.add(a2p("contactEmail", "<marie@cliniquesante.example>", MARKUP));
        cases.add(a2p("contactPhone", "12", PHONE));
        cases.add(a2p("contactPhone", "pas un numéro", PHONE));
        // The campaign.
        for (Object[] text : new Object[][] {{"description", 4096}, {"messageFlow", 2048}}) {
            String field = (String) text[0];
            int max = (Integer) text[1];
            cases.add(a2p(field, "", REQUIRED));
            cases.add(a2p(field, "Trop court.", tooShort(40, 11)));
            cases.add(a2p(field, times(max + 1), tooLong(max, max + 1)));
            cases.add(a2p(field, SCRIPT + " rappels de rendez-vous pour les patients de la clinique", MARKUP));
        }
        cases.add(a2p("samples[1]", "Court", tooShort(20, 5)));
        cases.add(a2p("samples[1]", times(1025), tooLong(1024, 1025)));
        cases.add(a2p("samples[1]", SCRIPT + " Rappel : rendez-vous demain.", MARKUP));
        cases.add(new Case("samples: one only", false, Map.of("samples[1]", ""), "samples", samplesCount(1)));
        cases.add(new Case(
                "samples: none says how to stop",
                false,
                Map.of("samples[0]", "Clinique Santé Plus: your appointment is tomorrow at 10:00."),
                "samples",
                OPT_OUT));
        cases.add(new Case(
                "samples: a blank box before a refused one",
                false,
                Map.of("samples[1]", "", "samples[2]", "Court"),
                "sample-2",
                tooShort(20, 5)));
        cases.add(new Case(
                "samples: a link not declared",
                false,
                Map.of("samples[1]", "Confirm your appointment at https://www.cliniquesante.example/rdv today."),
                "hasEmbeddedLinks",
                LINKS));
        cases.add(new Case(
                "samples: a phone number not declared",
                false,
                Map.of("samples[1]", "Call us back at 212-555-0100 to change your appointment."),
                "hasEmbeddedPhone",
                PHONES));
        // A toll-free number's verification.
        cases.add(tollFree("categories", "", REQUIRED));
        cases.add(tollFree("categories", "NOT_A_CHOICE", REQUIRED));
        for (String field : List.of("useCaseSummary", "productionMessageSample")) {
            cases.add(tollFree(field, "", REQUIRED));
            cases.add(tollFree(field, "Trop court.", tooShort(20, 11)));
            cases.add(tollFree(field, times(1001), tooLong(1000, 1001)));
            cases.add(tollFree(field, SCRIPT + " rappels de rendez-vous des patients", MARKUP));
        }
        cases.add(tollFree("optInType", "", REQUIRED));
        cases.add(tollFree("optInType", "SMOKE_SIGNAL", REQUIRED));
        cases.add(tollFree("optInImageUrl", "", REQUIRED));
        cases.add(tollFree("optInImageUrl", "pas une adresse", WEBSITE));
        cases.add(tollFree("optInImageUrl", "javascript:alert(1)", WEBSITE));
        cases.add(tollFree("messageVolume", "", REQUIRED));
        cases.add(tollFree("messageVolume", "42", VOLUME));
        cases.add(tollFree("additionalInformation", times(1001), tooLong(1000, 1001)));
        cases.add(tollFree("additionalInformation", SCRIPT, MARKUP));
        // The business is checked with the toll-free verification too.
        cases.add(new Case("toll-free with legalName = (empty)", true, Map.of("legalName", ""), "legalName", REQUIRED));
        cases.add(new Case(
                "toll-free with contactEmail = \"marie@\"",
                true,
                Map.of("contactEmail", "marie@"),
                "contactEmail",
                EMAIL));
        return cases.stream();
    }

    static Stream<Arguments> refusedFormsInBothLanguages() {
        return refusedForms().flatMap(c -> Stream.of(Arguments.of(c, Locale.FRENCH), Arguments.of(c, Locale.ENGLISH)));
    }

    // ---------------------------------------------------------------------------------------------
    // Tests

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("refusedFormsInBothLanguages")
    void aRefusedFieldIsExplainedNextToItTheFormKeepsWhatWasTypedAndNothingReachesTwilio(Case refused, Locale locale)
            throws Exception {
        Map<String, String> form = validForm(refusedTollFree);
        form.putAll(refused.changes());
        if (refused.tollFree()) {
            form.put("tollFreeNumber", refusedTollFree);
        }
        String path = refused.tollFree() ? "/settings/compliance/toll-free" : "/settings/compliance";

        HttpResponse<String> response = post(client("staff@clinique-formulaire.example", locale), path, form);
        String page = response.body();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.uri().getPath()).isEqualTo("/settings/compliance");
        Map<String, String> errors = errors(page);
        assertThat(errors).as("the fields the page says are refused").containsOnlyKeys(refused.field());
        assertThat(errors.get(refused.field())).contains(refused.says().in(locale));
        assertThat(describedBy(page, refused.field()))
                .as("the refused field points at its explanation")
                .contains(refused.field() + "-error");
        assertThat(page).contains("id=\"form-errors\"");
        assertThat(Pattern.compile("aria-invalid=\"true\"")
                        .matcher(page)
                        .results()
                        .count())
                .as("fields marked invalid")
                .isEqualTo(refused.field().equals("samples") || refused.field().endsWith("categories") ? 0 : 1);
        assertThat(page).doesNotContain("aria-invalid=\"\"").doesNotContain("aria-describedby=\"\"");
        assertThat(Pattern.compile("\\sid=\"([^\"]+)\"").matcher(page).results().map(m -> m.group(1)))
                .as("ids on the page")
                .doesNotHaveDuplicates();
        for (Map.Entry<String, String> typed : form.entrySet()) {
            assertKept(page, typed.getKey(), typed.getValue());
        }
        assertThat(page).as("markup typed is shown as text").doesNotContain(SCRIPT);
        assertThat(registrationCalls(refusedAccount.sid()))
                .as("nothing was sent to Twilio's registration endpoints")
                .isEmpty();
        assertThat(twilio.registration().registration(REFUSED)).isEmpty();
        assertThat(twilio.registration().tollFreeVerifications(REFUSED)).isEmpty();
    }

    @Test
    void aValidRegistrationReachesTwilioAndThePageFollowsItsSteps() throws Exception {
        HttpClient staff = client("staff@clinique-conforme.example", Locale.FRENCH);

        String page =
                post(staff, "/settings/compliance", validForm(validTollFree)).body();

        assertThat(errors(page)).isEmpty();
        assertThat(page).contains("L’enregistrement est soumis.").contains("id=\"registration-state\"");
        assertThat(twilio.registration().registration(VALID)).isPresent();
        assertThat(registrationCalls(validAccount.sid()))
                .as("the same look-up as for refused forms finds the registration's calls")
                .extracting(RecordedRequest::endpoint)
                .contains(Endpoint.TRUSTHUB);
        assertThat(page)
                .contains("data-step=\"BUSINESS_PROFILE\" data-status=\"IN_REVIEW\"")
                .contains("data-step=\"BRAND\" data-status=\"NOT_STARTED\"")
                .contains("Profil d’entreprise")
                .contains("id=\"registration-locked\"");
        assertThat(page).as("submitted: not offered again").doesNotContain("id=\"submit-registration\"");

        String refreshed = post(staff, "/settings/compliance/refresh", Map.of()).body();
        assertThat(refreshed).contains("L’état est à jour avec Twilio.");
    }

    @Test
    void aValidTollFreeVerificationIsSubmittedAndItsStatusShown() throws Exception {
        HttpClient staff = client("staff@clinique-conforme.example", Locale.ENGLISH);
        Map<String, String> form = validForm(validTollFree);
        form.put("tollFreeNumber", validTollFree);

        String page = post(staff, "/settings/compliance/toll-free", form).body();

        assertThat(errors(page)).isEmpty();
        assertThat(page).contains("The toll-free verification is submitted.");
        assertThat(twilio.registration().tollFreeVerifications(VALID)).hasSize(1);
        assertThat(registrationCalls(validAccount.sid()))
                .extracting(RecordedRequest::endpoint)
                .contains(Endpoint.TOLLFREE_VERIFICATIONS);
        Matcher status = Pattern.compile("class=\"badge toll-free-status[^\"]*\">([^<]+)<")
                .matcher(page);
        assertThat(status.find()).isTrue();
        assertThat(status.group(1)).isIn("waiting for review", "in review", "approved");
    }

    @Test
    void aNumberThatIsNotTheClinicsIsNotVerified() throws Exception {
        Map<String, String> form = validForm(validTollFree);
        form.put("tollFreeNumber", validTollFree); // the other clinic's

        String page = post(
                        client("staff@clinique-formulaire.example", Locale.ENGLISH),
                        "/settings/compliance/toll-free",
                        form)
                .body();

        assertThat(page).contains("This toll-free number is not one of the clinic’s.");
        assertThat(registrationCalls(refusedAccount.sid())).isEmpty();
    }

    @Test
    void theUsageNoticeOfTextsBlockedForWantOfRegistrationLeadsToTheCompliancePage() throws Exception {
        PhoneNumber ours = PhoneNumber.ofE164(refusedTollFree);
        Contact patient = contacts.findOrCreate(REFUSED, PhoneNumber.ofE164("+12125550142"));
        Instant now = Instant.now();
        Conversation conversation = conversations.openConversation(REFUSED, patient, ours, now);
        conversations.insertMessage(SmsMessage.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(REFUSED)
                .conversationId(conversation.id())
                .direction(MessageDirection.OUTBOUND)
                .twilioSid("SM" + UUID.randomUUID().toString().replace("-", ""))
                .from(ours)
                .to(patient.phoneNumber())
                .body("Rappel : rendez-vous demain.")
                .status(MessageStatus.UNDELIVERED)
                .errorCode(30032)
                .createdAt(now)
                .updatedAt(now)
                .build());

        String usage = get(client("staff@clinique-formulaire.example", Locale.FRENCH), "/usage")
                .body();

        Matcher link = Pattern.compile("id=\"blocked-for-registration\".*?<a href=\"([^\"]+)\"", Pattern.DOTALL)
                .matcher(usage);
        assertThat(link.find()).as("the notice and its link").isTrue();
        assertThat(link.group(1)).isEqualTo(ComplianceController.PATH);
        assertThat(get(client("staff@clinique-formulaire.example", Locale.FRENCH), link.group(1))
                        .body())
                .contains("<h1>Conformité</h1>");
    }

    @Test
    void englishPagesWriteAnApostropheOnceWhetherOrNotTheMessageHasArguments() throws Exception {
        HttpClient staff = client("staff@clinique-formulaire.example", Locale.ENGLISH);
        for (String path : List.of("/settings", "/usage", ComplianceController.PATH)) {
            String page = get(staff, path).body();
            assertThat(page).as(path).doesNotContain("''").doesNotContain("&#39;&#39;");
        }
        assertThat(get(staff, "/usage").body()).contains("Twilio&#39;s");
    }

    // ---------------------------------------------------------------------------------------------
    // The page, read

    /** The refused fields the page shows, with their explanation. */
    private static Map<String, String> errors(String page) {
        Map<String, String> errors = new LinkedHashMap<>();
        Matcher error = ERROR.matcher(page);
        while (error.find()) {
            errors.put(error.group(1), unescape(error.group(2)));
        }
        return errors;
    }

    private static String tag(String page, String id) {
        Matcher tag = Pattern.compile("<(input|textarea|select|fieldset)[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>")
                .matcher(page);
        assertThat(tag.find()).as("the field " + id).isTrue();
        return tag.group();
    }

    private static String describedBy(String page, String id) {
        Matcher described = Pattern.compile("aria-describedby=\"([^\"]*)\"").matcher(tag(page, id));
        return described.find() ? described.group(1) : "";
    }

    /** The value the page shows in a field, as the person would read it. */
    private static String shownValue(String page, String id) {
        String tag = tag(page, id);
        int at = page.indexOf(tag) + tag.length();
        if (tag.startsWith("<textarea")) {
            return unescape(page.substring(at, page.indexOf("</textarea>", at)));
        }
        if (tag.startsWith("<select")) {
            String options = page.substring(at, page.indexOf("</select>", at));
            Matcher selected = Pattern.compile("<option value=\"([^\"]*)\"[^>]*\\sselected")
                    .matcher(options);
            return selected.find() ? unescape(selected.group(1)) : "";
        }
        Matcher value = Pattern.compile("\\svalue=\"([^\"]*)\"").matcher(tag);
        return value.find() ? unescape(value.group(1)) : "";
    }

    private static boolean checked(String page, String id) {
        return tag(page, id).matches("(?s).*\\schecked(=\"checked\")?[\\s>/].*");
    }

    private static void assertKept(String page, String name, String value) {
        switch (name) {
            case "tollFreeNumber", "tollFree[0].number" -> {
                // where the form was sent, not typed
            }
            case "tollFree[0].categories" -> {
                if (!value.isBlank() && !value.equals("NOT_A_CHOICE")) {
                    assertThat(checked(page, "tf0-category-" + value)).as(name).isTrue();
                }
            }
            default -> assertThat(shownValue(page, fieldId(name))).as(name).isEqualTo(value);
        }
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private List<RecordedRequest> registrationCalls(String accountSid) {
        return simulator.requests().stream()
                .filter(r -> REGISTRATION_ENDPOINTS.contains(r.endpoint()))
                .filter(r -> accountSid.equals(r.username()) || accountSid.equals(r.pathAccountSid()))
                .toList();
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP, signed in through the login form

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpClient client(String user, Locale locale) throws Exception {
        String key = user + "/" + locale.getLanguage();
        HttpClient known = signedIn.get(key);
        if (known != null) {
            return known;
        }
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String login = client.send(HttpRequest.newBuilder(url("/login")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", user);
        form.put("password", Organizations.PASSWORD);
        form.put("_csrf", csrf(login));
        client.send(
                HttpRequest.newBuilder(url("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        signedIn.put(key, client);
        return client;
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(url(path))
                        .header("Accept-Language", language(client))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String language(HttpClient client) {
        for (Map.Entry<String, HttpClient> known : signedIn.entrySet()) {
            if (known.getValue() == client) {
                return known.getKey().endsWith("/fr") ? "fr-CA" : "en-US";
            }
        }
        return "fr-CA";
    }

    /** Sends the form as the page would, with the page's CSRF token, and follows the redirect. */
    private HttpResponse<String> post(HttpClient client, String path, Map<String, String> fields) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", tokens.computeIfAbsent(client, c -> {
            try {
                return csrf(get(c, "/settings/compliance").body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        return client.send(
                HttpRequest.newBuilder(url(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept-Language", language(client))
                        .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("the page carries a CSRF token").isTrue();
        return csrf.group(1);
    }

    private static String encode(Map<String, String> form) {
        Set<String> pairs = new LinkedHashSet<>();
        for (Map.Entry<String, String> field : form.entrySet()) {
            pairs.add(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }
}
