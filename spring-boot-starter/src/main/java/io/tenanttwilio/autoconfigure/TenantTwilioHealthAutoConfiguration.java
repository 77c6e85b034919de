package io.tenanttwilio.autoconfigure;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.OutboxStore;
import io.tenanttwilio.spi.StoreFamily;
import io.tenanttwilio.store.jdbc.JdbcStores;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code tenantTwilio} health indicator, with Spring Boot's health support (Actuator); with the
 * health endpoint, its details shown {@code when-authorized} need a role ({@code
 * tenant-twilio.health.details-roles}) unless the application names roles itself.
 *
 * <p>Used by Spring only; thread-safe like any Spring configuration class.
 */
@AutoConfiguration(after = TenantTwilioAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(TenantTwilio.class)
@ConditionalOnEnabledHealthIndicator("tenantTwilio")
public final class TenantTwilioHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "tenantTwilioHealthIndicator")
    TenantTwilioHealthIndicator tenantTwilioHealthIndicator(
            TenantTwilio twilio,
            CredentialStore credentials,
            NumberRegistry numbers,
            ObjectProvider<StoreFamily> stores,
            ObjectProvider<JdbcStores> jdbc) {
        return new TenantTwilioHealthIndicator(
                twilio, credentials, numbers, outboxStore(stores.getIfAvailable()), jdbc.getIfAvailable());
    }

    /** The stores' outbox, or {@code null} when they keep none (yet). */
    private static @Nullable OutboxStore outboxStore(@Nullable StoreFamily stores) {
        if (stores == null) {
            return null;
        }
        try {
            return stores.outbox();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The health endpoint's details need a role rather than any sign-in (see {@link HealthDetailsRoles}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {
                "org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor",
                "org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper"
            })
    static class DetailsRolesConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "tenantTwilioHealthDetailsRoles")
        HealthEndpointGroupsPostProcessor tenantTwilioHealthDetailsRoles(
                TenantTwilioProperties properties, ObjectProvider<HealthEndpointProperties> endpoint) {
            return new HealthDetailsRoles(properties.getHealth().getDetailsRoles(), endpoint);
        }
    }
}
