package io.tenanttwilio.example.clinic;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Staff sign in with a form; each user carries the authority {@code TENANT_<id>} of its
 * organization, from which the starter's resolver tells tenant-twilio the current tenant. The
 * webhook path needs no login: the starter exempts it, and Twilio's signature protects it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain clinicSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login", "/css/**", "/js/**", "/favicon.ico", "/actuator/health")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/admin/communications", true))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager staffUsers(Organizations organizations, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        String password = encoder.encode(Organizations.PASSWORD);
        for (Organizations.Organization organization : organizations.all()) {
            for (String user : organization.staff()) {
                users.add(User.withUsername(user)
                        .password(password)
                        .authorities("ROLE_STAFF", "TENANT_" + organization.id().value())
                        .build());
            }
        }
        return new InMemoryUserDetailsManager(users);
    }
}
