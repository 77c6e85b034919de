package io.tenanttwilio.example.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The clinic app's health endpoint, open to probes, shows a clinic's staff the status alone: the
 * {@code tenantTwilio} indicator's details (the store, the numbers needing attention, Twilio's
 * answers for a sample of clinics) are the platform's. Staff sign in through the login form, as
 * in the browser.
 */
@SpringBootTest(
        classes = ClinicApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:clinic-health;DB_CLOSE_DELAY=-1",
            "clinic.data-dir=target/health-data",
            "tenant-twilio.jobs.enabled=false",
            "tenant-twilio.public-base-url=http://localhost/twilio"
        })
class ClinicHealthTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A client signed in as {@code user} through the login form (its session in a cookie). */
    private HttpClient signedIn(String user) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = client.send(HttpRequest.newBuilder(url("/login")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(Organizations.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = client.send(
                HttpRequest.newBuilder(url("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location"))
                .as("signed in")
                .hasValueSatisfying(location -> assertThat(location).endsWith("/admin/communications"));
        return client;
    }

    private static HttpResponse<String> get(HttpClient client, URI url) throws Exception {
        return client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClinicsStaffMemberSeesTheStatusButNoDetails() throws Exception {
        HttpClient staff = signedIn("marie@clinique-a.example");

        HttpResponse<String> health = get(staff, url("/actuator/health"));

        assertThat(get(staff, url("/admin/communications")).statusCode())
                .as("the session is signed in")
                .isEqualTo(200);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"status\":\"UP\"")
                .doesNotContain("components", "details", "tenantTwilio", "store");
    }

    @Test
    void withoutASignInTheHealthIsTheStatusAlone() throws Exception {
        HttpResponse<String> health = get(HttpClient.newHttpClient(), url("/actuator/health"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "details");
    }
}
