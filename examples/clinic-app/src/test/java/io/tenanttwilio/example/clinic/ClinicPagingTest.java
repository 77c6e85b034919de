package io.tenanttwilio.example.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The communications page of a clinic with more conversations and messages than a page shows:
 * the inbox and a thread each link to their next page, the links lead through every conversation
 * and message once, and a link altered on the way shows the first page with the reason in the
 * staff's language, not an error page. Over HTTP, signed in through the login form.
 */
@SpringBootTest(
        classes = ClinicApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:clinic-paging;DB_CLOSE_DELAY=-1",
            "clinic.data-dir=target/paging-data",
            "tenant-twilio.jobs.enabled=false",
            "tenant-twilio.public-base-url=http://localhost/twilio",
            "clinic.more-organizations=clinique-pages"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicPagingTest {

    private static final TenantId CLINIC = TenantId.of("clinique-pages");
    private static final PhoneNumber OURS = PhoneNumber.ofE164("+14185550142");
    private static final int CONVERSATIONS = CommunicationsController.INBOX_PAGE + 12;
    private static final int MESSAGES = CommunicationsController.THREAD_PAGE + 7;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CONVERSATION = Pattern.compile("class=\"conversation\" data-id=\"([^\"]+)\"");
    private static final Pattern MESSAGE = Pattern.compile("<li class=\"message in\"");
    private static final Pattern LINK = Pattern.compile("id=\"(inbox-more|thread-earlier)\"[^>]*href=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ConversationStore conversations;

    @Autowired
    ContactDirectory contacts;

    private String busiest;

    @BeforeAll
    void seedMoreThanAPage() {
        Instant at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < CONVERSATIONS; i++) {
            Contact contact = contacts.findOrCreate(
                    CLINIC, PhoneNumber.ofE164(String.format(Locale.ROOT, "+1581500%04d", 1000 + i)));
            Conversation conversation = conversations.openConversation(CLINIC, contact, OURS, at);
            int count = i == 0 ? MESSAGES : 1;
            for (int m = 0; m < count; m++) {
                conversations.insertMessage(inbound(conversation, at.plusSeconds(m)));
            }
            if (i == 0) {
                busiest = conversation.id();
            }
        }
    }

    private static SmsMessage inbound(Conversation conversation, Instant at) {
        return SmsMessage.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(conversation.tenantId())
                .conversationId(conversation.id())
                .direction(MessageDirection.INBOUND)
                .twilioSid("SM" + UUID.randomUUID().toString().replace("-", ""))
                .from(conversation.contact().phoneNumber())
                .to(conversation.ourNumber())
                .body("Rendez-vous ?")
                .status(MessageStatus.RECEIVED)
                .createdAt(at)
                .updatedAt(at)
                .build();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpClient signedIn() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = get(client, "/login").body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "username=" + URLEncoder.encode("staff@clinique-pages.example", StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(Organizations.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        client.send(
                HttpRequest.newBuilder(url("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return client;
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(url(path))
                        .header("Accept-Language", "fr-CA")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String link(String page, String id) {
        Matcher link = LINK.matcher(page);
        while (link.find()) {
            if (link.group(1).equals(id)) {
                return link.group(2).replace("&amp;", "&");
            }
        }
        return null;
    }

    private static long count(Pattern pattern, String page) {
        return pattern.matcher(page).results().count();
    }

    @Test
    void theInboxLinksToItsNextPageAndTheLinksLeadThroughEveryConversationOnce() throws Exception {
        HttpClient staff = signedIn();

        HttpResponse<String> first = get(staff, "/admin/communications");
        String next = link(first.body(), "inbox-more");
        HttpResponse<String> second = get(staff, next);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(count(CONVERSATION, first.body())).isEqualTo(CommunicationsController.INBOX_PAGE);
        assertThat(next).startsWith("/admin/communications?after=");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(count(CONVERSATION, second.body())).isEqualTo(CONVERSATIONS - CommunicationsController.INBOX_PAGE);
        assertThat(link(second.body(), "inbox-more")).as("the last page").isNull();
        assertThat(CONVERSATION.matcher(first.body() + second.body()).results().map(m -> m.group(1)))
                .doesNotHaveDuplicates()
                .hasSize(CONVERSATIONS);
    }

    @Test
    void aThreadLinksToItsEarlierMessages() throws Exception {
        HttpClient staff = signedIn();

        HttpResponse<String> newest = get(staff, "/admin/communications?c=" + busiest);
        String earlier = link(newest.body(), "thread-earlier");
        HttpResponse<String> older = get(staff, earlier);

        assertThat(count(MESSAGE, newest.body())).isEqualTo(CommunicationsController.THREAD_PAGE);
        assertThat(earlier).contains("c=" + busiest).contains("earlier=");
        assertThat(count(MESSAGE, older.body())).isEqualTo(MESSAGES - CommunicationsController.THREAD_PAGE);
        assertThat(link(older.body(), "thread-earlier")).isNull();
    }

    @Test
    void aLinkAlteredOnTheWayShowsTheFirstPageWithTheReason() throws Exception {
        HttpClient staff = signedIn();

        HttpResponse<String> page = get(staff, "/admin/communications?after=bm90LWEtY3Vyc29y");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"page-error\"").contains("recommencez à la première page");
        assertThat(count(CONVERSATION, page.body())).isEqualTo(CommunicationsController.INBOX_PAGE);
    }
}
