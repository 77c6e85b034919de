package io.tenanttwilio.example.clinic;

import io.tenanttwilio.spi.AuditLog;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.RegistrationStore;
import io.tenanttwilio.spi.StoreFamily;
import io.tenanttwilio.spi.TenantPolicies;
import io.tenanttwilio.spi.UsageStore;
import io.tenanttwilio.store.jdbc.JdbcStores;
import io.tenanttwilio.store.memory.InMemoryRegistrationStore;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The app's stores for the tests: the JDBC stores (H2), except carrier registrations, kept in
 * memory until the JDBC registration store exists ({@code JdbcStores.registrations()} is not
 * written yet and refuses). Import it in every test that starts the application.
 */
@TestConfiguration(proxyBeanMethods = false)
class RegistrationsInMemory {

    @Bean
    @Primary
    StoreFamily clinicTestStores(JdbcStores jdbc) {
        RegistrationStore registrations = new InMemoryRegistrationStore();
        return new StoreFamily() {
            @Override
            public CredentialStore credentials() {
                return jdbc.credentials();
            }

            @Override
            public NumberRegistry numbers() {
                return jdbc.numbers();
            }

            @Override
            public ConversationStore conversations() {
                return jdbc.conversations();
            }

            @Override
            public ContactDirectory contacts() {
                return jdbc.contacts();
            }

            @Override
            public UsageStore usage() {
                return jdbc.usage();
            }

            @Override
            public TenantPolicies policies() {
                return jdbc.policies();
            }

            @Override
            public RegistrationStore registrations() {
                return registrations;
            }

            @Override
            public AuditLog audit() {
                return jdbc.audit();
            }
        };
    }
}
