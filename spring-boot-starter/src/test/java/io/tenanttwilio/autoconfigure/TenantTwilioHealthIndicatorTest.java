package io.tenanttwilio.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.HttpSettings;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.crypto.AesGcmSecretCipher;
import io.tenanttwilio.crypto.KeyRing;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.store.jdbc.JdbcStores;
import io.tenanttwilio.store.jdbc.SchemaInstaller;
import io.tenanttwilio.store.memory.InMemoryCredentialStore;
import io.tenanttwilio.store.memory.InMemoryNumberRegistry;
import io.tenanttwilio.store.memory.InMemoryStores;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatorClock;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class TenantTwilioHealthIndicatorTest {

    @Test
    void asksTwilioForASampleOfTenantsAtMostOnceAMinute() {
        SimulatorClock clock = SimulatorClock.fixedAt(Instant.parse("2026-11-23T15:00:00Z"));
        try (TwilioSimulator simulator = TwilioSimulator.start()) {
            InMemoryStores stores = InMemoryStores.create();
            InMemoryCredentialStore credentials = stores.credentials();
            SimulatedAccount good = simulator.createAccount("Clinique A");
            credentials.save(TenantId.of("clinique-a"), good.credentials());
            credentials.save(
                    TenantId.of("clinique-b"),
                    TwilioCredentials.ofAuthToken(good.sid(), "0123456789abcdef0123456789abcdef"));
            try (TenantTwilio twilio = TenantTwilio.builder()
                    .stores(stores)
                    .http(HttpSettings.builder().apiBaseUrl(simulator.baseUrl()).build())
                    .build()) {
                TenantTwilioHealthIndicator indicator = new TenantTwilioHealthIndicator(
                        twilio, credentials, new InMemoryNumberRegistry(), null, null, clock);

                Health first = indicator.health();
                simulator.clearRequests();
                indicator.health();
                int askedAgainWithinAMinute = simulator.requests().size();
                clock.advance(Duration.ofSeconds(61));
                indicator.health();

                assertThat(first.getStatus()).isEqualTo(Status.UP);
                assertThat(first.getDetails().get("twilio"))
                        .isEqualTo(Map.of("sampled", 2, "reachable", 2, "credentialsRefused", 1));
                assertThat(askedAgainWithinAMinute).isZero();
                assertThat(simulator.requests()).isNotEmpty();
            }
        }
    }

    @Test
    void theOutboxDetailListsTheTenantsWaitingLongestAndStaysUpWithABacklogAtRisk() {
        Instant now = Instant.parse("2026-11-23T15:00:00Z");
        SimulatorClock clock = SimulatorClock.fixedAt(now);
        InMemoryStores stores = InMemoryStores.create(clock);
        // Tenant i waits i + 1 minutes; the last one's messages expire before they can leave.
        int tenants = TenantTwilioHealthIndicator.OUTBOX_TENANTS + 2;
        for (int i = 0; i < tenants; i++) {
            TenantId tenant = TenantId.of("clinique-" + i);
            Instant due = now.minus(Duration.ofMinutes(i + 1));
            stores.outbox().insertIfAbsent(due(tenant, "rappel-1", due, null));
            stores.outbox().insertIfAbsent(due(tenant, "rappel-2", due.plusSeconds(30), null));
        }
        TenantId risky = TenantId.of("clinique-" + (tenants - 1));
        stores.outbox().insertIfAbsent(due(risky, "rappel-3", now.minusSeconds(5), now.plusSeconds(60)));
        try (TenantTwilio twilio =
                TenantTwilio.builder().stores(stores).clock(clock).build()) {
            TenantTwilioHealthIndicator indicator = new TenantTwilioHealthIndicator(
                    twilio, stores.credentials(), stores.numbers(), stores.outbox(), null, clock);

            Health health = indicator.health();

            assertThat(health.getStatus())
                    .as("a backlog is not a reason to restart")
                    .isEqualTo(Status.UP);
            Map<String, Object> outbox = map(health.getDetails().get("outbox"));
            assertThat(outbox)
                    .containsEntry("dispatcher", "stopped")
                    .containsEntry("tenantsWithBacklog", TenantTwilioHealthIndicator.OUTBOX_TENANTS)
                    .containsEntry("moreTenantsWithBacklog", true)
                    .containsEntry("tenantsAtRisk", 1);
            List<Map<String, Object>> backlog = list(outbox.get("backlog"));
            assertThat(backlog).hasSize(TenantTwilioHealthIndicator.OUTBOX_TENANTS);
            assertThat(backlog.get(0))
                    .containsEntry("tenant", risky.value())
                    .containsEntry("due", 3L)
                    .containsEntry("oldestWaitSeconds", (long) tenants * 60)
                    .containsEntry("atRisk", true);
            assertThat(backlog.get(1))
                    .containsEntry("tenant", "clinique-" + (tenants - 2))
                    .containsEntry("atRisk", false);
            assertThat(backlog).extracting(entry -> entry.get("tenant")).doesNotContain("clinique-0", "clinique-1");

            // Read again only after a while: probes do not query every tenant's backlog each time.
            TenantId newcomer = TenantId.of("clinique-nouvelle");
            stores.outbox().insertIfAbsent(due(newcomer, "rappel-1", now.minus(Duration.ofHours(1)), null));
            assertThat(indicator.health().getDetails().get("outbox")).isEqualTo(outbox);
            clock.advance(TenantTwilioHealthIndicator.OUTBOX_READ_EVERY.plusSeconds(1));
            Map<String, Object> later = map(indicator.health().getDetails().get("outbox"));
            assertThat(list(later.get("backlog")).get(0)).containsEntry("tenant", newcomer.value());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object detail) {
        return (Map<String, Object>) detail;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object detail) {
        return (List<Map<String, Object>>) detail;
    }

    /** A message due at {@code dueAt}, stored as the outbox would have scheduled it. */
    private static ScheduledMessage due(TenantId tenant, String key, Instant dueAt, @Nullable Instant expiresAt) {
        return ScheduledMessage.builder()
                .id(tenant.value() + "/" + key)
                .tenantId(tenant)
                .clientKey(key)
                .to(PhoneNumber.ofE164("+15815006712"))
                .from(PhoneNumber.ofE164("+14185550100"))
                .sender("+14185550100")
                .body("Rappel : rendez-vous demain à 9 h")
                .sendAt(dueAt)
                .dueAt(dueAt)
                .expiresAt(expiresAt)
                .state(OutboxState.SCHEDULED)
                .createdAt(dueAt.minus(Duration.ofDays(1)))
                .updatedAt(dueAt.minus(Duration.ofDays(1)))
                .build();
    }

    @Test
    void anUnreachableDatabaseIsDown() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:health-down;DB_CLOSE_DELAY=-1");
        Breakable database = new Breakable(h2);
        SchemaInstaller.install(database);
        JdbcStores stores = JdbcStores.of(
                database,
                AesGcmSecretCipher.of(KeyRing.builder()
                        .key("t", "dGVuYW50LXR3aWxpby10ZXN0LWtleS0zMi1ieXRlcyE=")
                        .build()));
        try (TenantTwilio twilio = TenantTwilio.builder().build()) {
            TenantTwilioHealthIndicator indicator =
                    new TenantTwilioHealthIndicator(twilio, stores.credentials(), stores.numbers(), stores);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            database.broken = true;

            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("store", "unreachable");
        }
    }

    /** A data source that can be made to fail, as a database that went away. */
    static final class Breakable implements DataSource {
        private final DataSource delegate;
        volatile boolean broken;

        Breakable(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (broken) {
                throw new SQLException("Connection refused", "08001");
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
