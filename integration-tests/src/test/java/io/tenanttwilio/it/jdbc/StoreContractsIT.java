package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.spi.AuditLog;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.OutboxStore;
import io.tenanttwilio.spi.RegistrationStore;
import io.tenanttwilio.spi.TenantPolicies;
import io.tenanttwilio.spi.UsageStore;
import io.tenanttwilio.store.jdbc.JdbcStores;
import io.tenanttwilio.store.memory.InMemoryAuditSink;
import io.tenanttwilio.store.memory.InMemoryContactDirectory;
import io.tenanttwilio.store.memory.InMemoryConversationStore;
import io.tenanttwilio.store.memory.InMemoryCredentialStore;
import io.tenanttwilio.store.memory.InMemoryNumberRegistry;
import io.tenanttwilio.store.memory.InMemoryOutboxStore;
import io.tenanttwilio.store.memory.InMemoryRegistrationStore;
import io.tenanttwilio.store.memory.InMemoryTenantPolicies;
import io.tenanttwilio.store.memory.InMemoryUsageStore;
import io.tenanttwilio.test.contract.AuditLogContract;
import io.tenanttwilio.test.contract.ContactDirectoryContract;
import io.tenanttwilio.test.contract.ConversationStoreContract;
import io.tenanttwilio.test.contract.CredentialStoreContract;
import io.tenanttwilio.test.contract.NumberRegistryContract;
import io.tenanttwilio.test.contract.OutboxStoreContract;
import io.tenanttwilio.test.contract.RegistrationStoreContract;
import io.tenanttwilio.test.contract.TenantPoliciesContract;
import io.tenanttwilio.test.contract.UsageStoreContract;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The same SPI contract kits, passed by the in-memory, H2 and PostgreSQL stores; the usage,
 * registration and outbox stores also with a second instance (another pool on the same database).
 */
class StoreContractsIT {

    @Nested
    class InMemory {
        private final CredentialStore credentials = new InMemoryCredentialStore();
        private final NumberRegistry numbers = new InMemoryNumberRegistry();
        private final ContactDirectory contacts = new InMemoryContactDirectory();
        private final ConversationStore conversations = new InMemoryConversationStore();
        private final UsageStore usage = new InMemoryUsageStore();
        private final TenantPolicies policies = new InMemoryTenantPolicies();
        private final AuditLog audit = new InMemoryAuditSink();
        private final RegistrationStore registrations = new InMemoryRegistrationStore();
        private final OutboxStore outbox = new InMemoryOutboxStore();

        @Nested
        class Registrations extends RegistrationStoreContract {
            @Override
            protected RegistrationStore store() {
                return registrations;
            }
        }

        @Nested
        class Outbox extends OutboxStoreContract {
            @Override
            protected OutboxStore store() {
                return outbox;
            }
        }

        @Nested
        class Audit extends AuditLogContract {
            @Override
            protected AuditLog log() {
                return audit;
            }
        }

        @Nested
        class Usage extends UsageStoreContract {
            @Override
            protected UsageStore store() {
                return usage;
            }
        }

        @Nested
        class Policies extends TenantPoliciesContract {
            @Override
            protected TenantPolicies policies() {
                return policies;
            }
        }

        @Nested
        class Credentials extends CredentialStoreContract {
            @Override
            protected CredentialStore store() {
                return credentials;
            }
        }

        @Nested
        class Numbers extends NumberRegistryContract {
            @Override
            protected NumberRegistry registry() {
                return numbers;
            }
        }

        @Nested
        class Contacts extends ContactDirectoryContract {
            @Override
            protected ContactDirectory directory() {
                return contacts;
            }
        }

        @Nested
        class Conversations extends ConversationStoreContract {
            @Override
            protected ConversationStore store() {
                return conversations;
            }

            @Override
            protected ContactDirectory contacts() {
                return contacts;
            }
        }
    }

    @Nested
    class H2 {
        private final String url = Databases.newH2Url();
        private final DataSource first = Databases.h2Pool(url);
        private final JdbcStores stores = installed(first);
        private final JdbcStores second = JdbcStores.of(Databases.h2Pool(url), Databases.cipher());

        private JdbcStores installed(DataSource dataSource) {
            io.tenanttwilio.store.jdbc.SchemaInstaller.install(dataSource);
            return JdbcStores.of(dataSource, Databases.cipher());
        }

        @Nested
        class Audit extends AuditLogContract {
            @Override
            protected AuditLog log() {
                return stores.audit();
            }
        }

        @Nested
        class Usage extends UsageStoreContract {
            @Override
            protected UsageStore store() {
                return stores.usage();
            }

            @Override
            protected UsageStore otherInstance() {
                return second.usage();
            }
        }

        @Nested
        class Registrations extends RegistrationStoreContract {
            @Override
            protected RegistrationStore store() {
                return stores.registrations();
            }

            @Override
            protected RegistrationStore otherInstance() {
                return second.registrations();
            }
        }

        @Nested
        class Outbox extends OutboxStoreContract {
            @Override
            protected OutboxStore store() {
                return stores.outbox();
            }

            @Override
            protected OutboxStore otherInstance() {
                return second.outbox();
            }
        }

        @Nested
        class Policies extends TenantPoliciesContract {
            @Override
            protected TenantPolicies policies() {
                return stores.policies();
            }
        }

        @Nested
        class Credentials extends CredentialStoreContract {
            @Override
            protected CredentialStore store() {
                return stores.credentials();
            }
        }

        @Nested
        class Numbers extends NumberRegistryContract {
            @Override
            protected NumberRegistry registry() {
                return stores.numbers();
            }
        }

        @Nested
        class Contacts extends ContactDirectoryContract {
            @Override
            protected ContactDirectory directory() {
                return stores.contacts();
            }
        }

        @Nested
        class Conversations extends ConversationStoreContract {
            @Override
            protected ConversationStore store() {
                return stores.conversations();
            }

            @Override
            protected ContactDirectory contacts() {
                return stores.contacts();
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PostgreSql {
        private final StatementRecorder recorder = new StatementRecorder();
        private Databases.Postgres database;
        private JdbcStores stores;
        private com.zaxxer.hikari.HikariDataSource secondPool;
        private JdbcStores second;

        @BeforeAll
        void start() {
            database = Databases.Postgres.start(16);
            stores = JdbcStores.of(recorder.wrap(database.app()), Databases.cipher());
            secondPool = database.newAppPool(16);
            second = JdbcStores.of(recorder.wrap(secondPool), Databases.cipher());
        }

        /**
         * Every statement the contracts made the stores send names its tenant table's tenant_id
         * explicitly, though row-level security would confine it anyway: defence in depth, and a
         * schema that can be sharded by tenant_id.
         */
        @AfterAll
        void everyStatementNamedItsTenant() throws Exception {
            if (database == null) {
                return;
            }
            assertThat(recorder.statements()).hasSizeGreaterThan(40);
            assertThat(recorder.statementsWithoutTheirTenant(database.tenantTables()))
                    .isEmpty();
        }

        @AfterAll
        void stop() throws Exception {
            if (secondPool != null) {
                secondPool.close();
            }
            if (database != null) {
                database.close();
            }
        }

        @Nested
        class Audit extends AuditLogContract {
            @Override
            protected AuditLog log() {
                return stores.audit();
            }
        }

        @Nested
        class Usage extends UsageStoreContract {
            @Override
            protected UsageStore store() {
                return stores.usage();
            }

            @Override
            protected UsageStore otherInstance() {
                return second.usage();
            }
        }

        @Nested
        class Registrations extends RegistrationStoreContract {
            @Override
            protected RegistrationStore store() {
                return stores.registrations();
            }

            @Override
            protected RegistrationStore otherInstance() {
                return second.registrations();
            }
        }

        @Nested
        class Outbox extends OutboxStoreContract {
            @Override
            protected OutboxStore store() {
                return stores.outbox();
            }

            @Override
            protected OutboxStore otherInstance() {
                return second.outbox();
            }
        }

        @Nested
        class Policies extends TenantPoliciesContract {
            @Override
            protected TenantPolicies policies() {
                return stores.policies();
            }
        }

        @Nested
        class Credentials extends CredentialStoreContract {
            @Override
            protected CredentialStore store() {
                return stores.credentials();
            }
        }

        @Nested
        class Numbers extends NumberRegistryContract {
            @Override
            protected NumberRegistry registry() {
                return stores.numbers();
            }
        }

        @Nested
        class Contacts extends ContactDirectoryContract {
            @Override
            protected ContactDirectory directory() {
                return stores.contacts();
            }
        }

        @Nested
        class Conversations extends ConversationStoreContract {
            @Override
            protected ConversationStore store() {
                return stores.conversations();
            }

            @Override
            protected ContactDirectory contacts() {
                return stores.contacts();
            }
        }
    }
}
