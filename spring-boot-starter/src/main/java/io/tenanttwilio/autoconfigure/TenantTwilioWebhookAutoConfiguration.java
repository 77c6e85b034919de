package io.tenanttwilio.autoconfigure;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.servlet.TwilioWebhookServlet;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Registers the webhook servlet under {@code tenant-twilio.webhook.path} in a servlet web
 * application, and, with Spring Security, exempts that path from CSRF and from login: Twilio
 * cannot send a CSRF token or a session, and every request there must carry a valid Twilio
 * signature instead (the servlet refuses the others with 403).
 *
 * <p>Used by Spring only; thread-safe like any Spring configuration class.
 */
@AutoConfiguration(after = TenantTwilioAutoConfiguration.class)
@ConditionalOnClass(name = {"jakarta.servlet.Servlet", "io.tenanttwilio.servlet.TwilioWebhookServlet"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(TenantTwilio.class)
@ConditionalOnProperty(prefix = "tenant-twilio.webhook", name = "enabled", havingValue = "true", matchIfMissing = true)
public final class TenantTwilioWebhookAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TenantTwilioWebhookAutoConfiguration.class);

    /** The path as a servlet mapping expects it: a leading slash, no trailing one. */
    static String path(TenantTwilioProperties properties) {
        String path = properties.getWebhook().getPath().strip();
        path = path.startsWith("/") ? path : "/" + path;
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Bean
    @ConditionalOnMissingBean(name = "tenantTwilioWebhookServlet")
    ServletRegistrationBean<TwilioWebhookServlet> tenantTwilioWebhookServlet(
            TenantTwilio twilio, TenantTwilioProperties properties) {
        String path = path(properties);
        URI publicUrl = twilio.settings().publicBaseUrl().orElse(null);
        if (publicUrl != null && !path.equals(publicUrl.getPath())) {
            LOG.warn(
                    "The webhook servlet is mapped at {} but tenant-twilio.public-base-url ends with {}: fine behind a"
                            + " proxy that rewrites the path, otherwise Twilio's requests will not reach it",
                    path,
                    publicUrl.getPath());
        }
        int maxBody = (int) Math.min(
                Integer.MAX_VALUE, properties.getWebhook().getMaxBodySize().toBytes());
        ServletRegistrationBean<TwilioWebhookServlet> registration =
                new ServletRegistrationBean<>(new TwilioWebhookServlet(twilio.webhooks(), maxBody), path + "/*");
        registration.setName("tenantTwilioWebhook");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** Spring Security: the webhook path needs no CSRF token and no login, only Twilio's signature. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
    static class SecurityConfiguration {

        /**
         * Applied by Spring Security to every {@code HttpSecurity} it creates (the application's
         * filter chains and Spring Boot's default one), before their own rules.
         */
        @Bean
        @ConditionalOnMissingBean(name = "tenantTwilioWebhookSecurity")
        Customizer<HttpSecurity> tenantTwilioWebhookSecurity(TenantTwilioProperties properties) {
            String pattern = path(properties) + "/**";
            return http -> {
                try {
                    http.csrf(csrf -> csrf.ignoringRequestMatchers(pattern))
                            .authorizeHttpRequests(requests ->
                                    requests.requestMatchers(pattern).permitAll());
                } catch (Exception e) {
                    throw new IllegalStateException("Could not exempt " + pattern + " from CSRF and login", e);
                }
            };
        }
    }
}
