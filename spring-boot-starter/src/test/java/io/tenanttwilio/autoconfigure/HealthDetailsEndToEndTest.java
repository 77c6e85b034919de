package io.tenanttwilio.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A multi-tenant application as people build it: embedded Tomcat, Spring Security with every
 * clinic's staff signing in, the health endpoint open to probes and showing details {@code
 * when-authorized}, without {@code management.endpoint.health.roles}. A clinic's staff member is
 * signed in but gets no details; an operator with the role does.
 */
@SpringBootTest(
        classes = HealthDetailsEndToEndTest.SaasApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tenant-twilio.public-base-url=https://app.example.com/twilio",
            "tenant-twilio.store.type=memory",
            "management.endpoint.health.show-details=when-authorized"
        })
class HealthDetailsEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An application without component scanning (the test classes beside it are not part of it). */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class SaasApplication {

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health")
                            .permitAll()
                            .anyRequest()
                            .authenticated())
                    .httpBasic(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("staff@clinique-a.example")
                            .password("{noop}staff-password")
                            .authorities("ROLE_STAFF", "TENANT_clinique-a")
                            .build(),
                    User.withUsername("ops@platform.example")
                            .password("{noop}ops-password")
                            .roles("TWILIO_OPERATOR")
                            .build());
        }
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> health(@Nullable String user, @Nullable String password) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"));
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutASignInTheHealthIsTheStatusAlone() throws Exception {
        HttpResponse<String> response = health(null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\"").doesNotContain("components", "details", "tenantTwilio");
    }

    @Test
    void aClinicsStaffMemberIsSignedInButGetsNoDetails() throws Exception {
        HttpResponse<String> response = health("staff@clinique-a.example", "staff-password");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\"").doesNotContain("components", "details", "tenantTwilio");
    }

    @Test
    void anOperatorWithTheRoleGetsTheTenantTwilioDetails() throws Exception {
        HttpResponse<String> response = health("ops@platform.example", "ops-password");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"tenantTwilio\"")
                .contains("\"store\":\"in-memory\"")
                .contains("\"numbersNeedingAttention\":0");
    }
}
