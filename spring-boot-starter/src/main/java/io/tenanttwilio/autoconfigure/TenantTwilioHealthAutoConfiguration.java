package io.tenanttwilio.autoconfigure;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.store.jdbc.JdbcStores;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code tenantTwilio} health indicator, with Spring Boot's health support (Actuator). */
@AutoConfiguration(after = TenantTwilioAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(TenantTwilio.class)
@ConditionalOnEnabledHealthIndicator("tenantTwilio")
public final class TenantTwilioHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "tenantTwilioHealthIndicator")
    TenantTwilioHealthIndicator tenantTwilioHealthIndicator(
            TenantTwilio twilio, CredentialStore credentials, NumberRegistry numbers, ObjectProvider<JdbcStores> jdbc) {
        return new TenantTwilioHealthIndicator(twilio, credentials, numbers, jdbc.getIfAvailable());
    }
}
