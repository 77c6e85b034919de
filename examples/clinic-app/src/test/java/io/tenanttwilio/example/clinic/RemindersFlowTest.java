package io.tenanttwilio.example.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.outbox.OutboxQuery;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.QuietHours;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.test.simulator.NumberType;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reminders page end to end, over HTTP as a browser sends it, with the simulator: a pasted
 * list previewed (its texts, its malformed line by number, nothing scheduled), scheduled (one
 * line refused by the outbox with its reason), scheduled again (nobody texted twice), sent by the
 * dispatcher and delivered, listed with each reminder's status, and cancelled — a reminder that
 * has left answered with the reason, not an error page. The dispatcher is driven step by step.
 */
@SpringBootTest(
        classes = ClinicApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:clinic-reminders;DB_CLOSE_DELAY=-1",
            "clinic.data-dir=target/reminders-data",
            "tenant-twilio.jobs.enabled=false",
            "tenant-twilio.outbox.enabled=false",
            "clinic.reminders.batch-size=2", // a list of four reminders goes in two batches
            "clinic.more-organizations=clinique-rappels"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemindersFlowTest {

    private static final TenantId CLINIC = TenantId.of("clinique-rappels");
    private static final int PORT = freePort();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern PREVIEW_ACTION = Pattern.compile("action=\"(/reminders/preview[^\"#]*)[^\"]*\"");
    private static final Pattern DRAFT = Pattern.compile("name=\"draft\" value=\"([^\"]+)\"");
    private static final Pattern ROW = Pattern.compile(
            "<tr class=\"reminder\" data-key=\"([^\"]+)\" data-state=\"([A-Z_]+)\">(.*?)</tr>", Pattern.DOTALL);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    TwilioSimulator simulator;

    @Autowired
    TenantTwilio twilio;

    private ZoneId zone;

    @BeforeAll
    void aClinicWithANumberWhosePatientsHaveNoQuietHours() {
        SimulatedAccount account = simulator.createAccount("Clinique rappels");
        String number =
                simulator.availableNumbers("CA", NumberType.LOCAL).get(0).phoneNumber();
        twilio.provisioner()
                .purchase(PurchaseRequest.builder(CLINIC, "rappels-number")
                        .number(PhoneNumber.ofE164(number))
                        .credentials(account.credentials())
                        .build());
        // Whatever the hour the test runs at, a reminder due now leaves now.
        twilio.updatePolicy(
                CLINIC,
                twilio.policy(CLINIC).toBuilder()
                        .quietHours(QuietHours.of(LocalTime.MIN, LocalTime.MAX))
                        .build());
        zone = twilio.policy(CLINIC).timeZone();
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP as the browser sends it

    private URI url(String path) {
        return URI.create("http://localhost:" + PORT + path);
    }

    private HttpClient signedIn() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = get(client, "/login").body();
        String form = "username=" + URLEncoder.encode("staff@clinique-rappels.example", StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(Organizations.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf(page), StandardCharsets.UTF_8);
        client.send(
                HttpRequest.newBuilder(url("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return client;
    }

    private static String csrf(String page) {
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("the page carries a CSRF token").isTrue();
        return csrf.group(1);
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(url(path))
                        .header("Accept-Language", "fr-CA")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form and follows its redirect, as a browser does. */
    private HttpResponse<String> post(HttpClient client, String path, Map<String, String> fields) throws Exception {
        String page = get(client, "/reminders").body();
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(csrf(page), StandardCharsets.UTF_8));
        fields.forEach(
                (k, v) -> body.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(url(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept-Language", "fr-CA")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " answers with a redirect").isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        return get(
                client,
                URI.create(location).getRawPath()
                        + (URI.create(location).getRawQuery() == null
                                ? ""
                                : "?" + URI.create(location).getRawQuery()));
    }

    /** Sends the reminders form as the browser does: multipart, its CSRF token in its address. */
    private HttpResponse<String> preview(HttpClient client, Map<String, String> fields, byte[] file) throws Exception {
        String page = get(client, "/reminders").body();
        Matcher action = PREVIEW_ACTION.matcher(page);
        assertThat(action.find()).isTrue();
        String boundary = "----clinic" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                            + "\"\r\n\r\n" + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + (file.length == 0 ? "" : "rendez-vous.csv") + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(
                HttpRequest.newBuilder(url(action.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Accept-Language", "fr-CA")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> form(String text, String timing, LocalDate day) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("text", text);
        fields.put(
                "template",
                "Bonjour {nom}, rappel de votre rendez-vous le {date} à {heure} à {clinique}. Répondez STOP pour"
                        + " ne plus recevoir de rappels.");
        fields.put("timing", timing);
        fields.put("day", day.toString());
        return fields;
    }

    private static String draft(String page) {
        Matcher draft = DRAFT.matcher(page);
        assertThat(draft.find()).as("the preview's schedule button").isTrue();
        return draft.group(1);
    }

    private static String stat(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">([^<]*)<").matcher(page);
        assertThat(m.find()).as(id).isTrue();
        return m.group(1);
    }

    /** The list's rows: client key → state and the row's HTML. */
    private static Map<String, String[]> rows(String page) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(page);
        while (row.find()) {
            rows.put(row.group(1), new String[] {row.group(2), row.group(3)});
        }
        return rows;
    }

    private String keyOf(String name) {
        List<ScheduledMessage> all =
                twilio.outbox().list(CLINIC, OutboxQuery.all()).items();
        Map<String, String> names = new LinkedHashMap<>();
        for (ScheduledMessage m : all) {
            names.put(m.body(), m.clientKey());
        }
        return names.entrySet().stream()
                .filter(e -> e.getKey().startsWith("Bonjour " + name + ","))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no reminder for " + name));
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void aPastedListIsPreviewedScheduledOnceSentDeliveredListedAndCancelled() throws Exception {
        HttpClient staff = signedIn();
        ZonedDateTime now = ZonedDateTime.now(zone);
        LocalDate tomorrow = now.toLocalDate().plusDays(1);
        String soon = now.plusHours(1).truncatedTo(ChronoUnit.MINUTES).format(MINUTE);
        String farAway = now.plusDays(40).format(MINUTE);
        String text = String.join(
                "\n",
                "Marie Tremblay, (581) 500-6712, " + soon, // leaves at once: 2 hours before is past
                "Jean Roy, 581-500-6713, 14:00", // tomorrow, the day chosen
                "\"Gagnon, Luc\", 581-500-6714, 15:30",
                "Paul Ouellet, 123, 10:00", // line 4: not a number
                "Zoé Roy, 581-500-6715, " + farAway); // line 5: the outbox takes 35 days ahead at most

        // Preview: every line read, nothing scheduled.
        HttpResponse<String> preview = preview(staff, form(text, "HOURS_BEFORE", tomorrow), new byte[0]);
        String page = preview.body();
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(stat(page, "preview-lines")).isEqualTo("5");
        assertThat(stat(page, "preview-valid")).isEqualTo("4");
        assertThat(stat(page, "preview-rejected")).isEqualTo("1");
        assertThat(page).contains("data-line=\"4\"").contains("trop peu de chiffres");
        assertThat(page)
                .contains("Bonjour Marie Tremblay, rappel de votre rendez-vous le ")
                .contains("Bonjour Gagnon, Luc, rappel")
                .contains("à 14 h à clinique-rappels")
                .contains("dès que possible");
        assertThat(twilio.outbox().list(CLINIC, OutboxQuery.all()).items())
                .as("nothing scheduled by a preview")
                .isEmpty();

        // Schedule: three reminders, two lines refused, each with its reason.
        String scheduled =
                post(staff, "/reminders/schedule", Map.of("draft", draft(page))).body();
        assertThat(stat(scheduled, "result-scheduled")).isEqualTo("3");
        assertThat(stat(scheduled, "result-already")).isEqualTo("0");
        assertThat(stat(scheduled, "result-refused")).isEqualTo("2");
        assertThat(scheduled)
                .contains("data-line=\"5\" data-result=\"REFUSED\"")
                .contains("35 jours");
        assertThat(twilio.outbox().list(CLINIC, OutboxQuery.all()).items()).hasSize(3);

        // The same list again: nobody twice.
        String again = preview(staff, form(text, "HOURS_BEFORE", tomorrow), new byte[0])
                .body();
        String rescheduled = post(staff, "/reminders/schedule", Map.of("draft", draft(again)))
                .body();
        assertThat(stat(rescheduled, "result-scheduled")).isEqualTo("0");
        assertThat(stat(rescheduled, "result-already")).isEqualTo("3");
        assertThat(twilio.outbox().list(CLINIC, OutboxQuery.all()).items()).hasSize(3);
        assertThat(post(staff, "/reminders/schedule", Map.of("draft", draft(again)))
                        .body())
                .as("a preview scheduled once is gone")
                .contains("Cet aperçu n’est plus disponible");

        // The dispatcher sends what is due; the simulator delivers it.
        twilio.outbox().dispatcher().dispatchDue();
        assertThat(simulator.awaitCallbacks(Duration.ofSeconds(10))).isTrue();
        String marie = keyOf("Marie Tremblay");
        String jean = keyOf("Jean Roy");
        assertThat(twilio.outbox().find(CLINIC, marie).orElseThrow().state()).isEqualTo(OutboxState.SENT);
        assertThat(simulator.messages())
                .filteredOn(m -> m.to().equals("+15815006712"))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).startsWith("Bonjour Marie Tremblay"));

        String list = get(staff, "/reminders").body();
        Map<String, String[]> rows = rows(list);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(marie)[0]).isEqualTo("DELIVERED");
        assertThat(rows.get(marie)[1])
                .contains("Marie Tremblay")
                .contains("distribué")
                .doesNotContain("cancel");
        assertThat(rows.get(jean)[0]).isEqualTo("SCHEDULED");
        assertThat(rows.get(jean)[1]).contains("Jean Roy").contains("planifié").contains("class=\"danger cancel\"");
        assertThat(rows.values()).anySatisfy(r -> assertThat(r[1]).contains("Gagnon, Luc"));

        // Cancel one that waits; one that has left is answered with the reason.
        String canceled = post(staff, "/reminders/cancel", Map.of("key", jean)).body();
        assertThat(canceled).contains("Le rappel est annulé");
        assertThat(rows(canceled).get(jean)[0]).isEqualTo("CANCELED");
        assertThat(rows(canceled).get(jean)[1]).contains("annulé");
        HttpResponse<String> tooLate = post(staff, "/reminders/cancel", Map.of("key", marie));
        assertThat(tooLate.statusCode()).isEqualTo(200);
        assertThat(tooLate.body()).contains("id=\"cancel-error\"").contains("déjà envoyé");
        assertThat(twilio.outbox().find(CLINIC, jean).orElseThrow().state()).isEqualTo(OutboxState.CANCELED);

        // The list reads in English too.
        String english = get(staff, "/reminders?lang=en").body();
        assertThat(english).contains("delivered").contains("canceled").contains("Appointment reminders");
        get(staff, "/reminders?lang=fr");
    }

    @Test
    void aFileOfAHundredThousandAppointmentsIsPreviewedWithItsCountsAndItsFirstLines() throws Exception {
        HttpClient staff = signedIn();
        java.io.StringWriter csv = new java.io.StringWriter();
        try (var in = AppointmentCsvTest.generated(100_000)) {
            in.transferTo(csv);
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(file.length).as("a file well under the upload limit").isLessThan(20 * 1024 * 1024);

        HttpResponse<String> preview =
                preview(staff, form("", "DAY_BEFORE", LocalDate.now(zone).plusDays(1)), file);

        assertThat(preview.statusCode()).isEqualTo(200);
        String page = preview.body();
        assertThat(stat(page, "preview-lines")).isEqualTo("100000");
        assertThat(stat(page, "preview-valid")).isEqualTo("99000");
        assertThat(stat(page, "preview-rejected")).isEqualTo("1000");
        assertThat(Pattern.compile("<tr class=\"message-preview\"")
                        .matcher(page)
                        .results()
                        .count())
                .isEqualTo(Reminders.SHOWN);
        assertThat(Pattern.compile("<tr class=\"problem\"")
                        .matcher(page)
                        .results()
                        .count())
                .isEqualTo(Reminders.SHOWN);
        assertThat(page).contains("Seules les 500 premières sont affichées.");
        assertThat(twilio.outbox().list(CLINIC, OutboxQuery.all()).items().stream()
                        .filter(m -> m.body().contains("Patient,"))
                        .toList())
                .isEmpty();
    }

    @Test
    void anUploadedSemicolonFileIsReadLikePastedLinesAndAnAlteredLinkShowsTheFirstPage() throws Exception {
        HttpClient staff = signedIn();
        LocalDate inTwoDays = LocalDate.now(zone).plusDays(2);
        byte[] file = ("Nom;Numéro;Heure\r\nHélène Côté;581 500-6720;09:15\r\nLuc;581 500-6721;25:00\r\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));

        String page = preview(staff, form("", "DAY_BEFORE", inTwoDays), file).body();

        assertThat(page).contains("Fichier : rendez-vous.csv");
        assertThat(stat(page, "preview-valid")).isEqualTo("1");
        assertThat(page).contains("Bonjour Hélène Côté").contains("data-line=\"3\"");

        HttpResponse<String> altered = get(staff, "/reminders?after=bm90LWEtY3Vyc29y");
        assertThat(altered.statusCode()).isEqualTo(200);
        assertThat(altered.body()).contains("id=\"page-error\"");

        HttpResponse<String> nothing = preview(staff, form("", "DAY_BEFORE", inTwoDays), new byte[0]);
        assertThat(nothing.body()).contains("id=\"lines-error\"");
        Map<String, String> unknown = form("Luc, 581 500-6721, 10:00", "DAY_BEFORE", inTwoDays);
        unknown.put("template", "Bonjour {prenom}");
        assertThat(preview(staff, unknown, new byte[0]).body())
                .contains("id=\"template-error\"")
                .contains("{prenom}");
    }
}
