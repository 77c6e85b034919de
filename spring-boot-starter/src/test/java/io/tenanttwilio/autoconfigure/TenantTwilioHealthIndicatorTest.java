package io.tenanttwilio.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.HttpSettings;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.crypto.AesGcmSecretCipher;
import io.tenanttwilio.crypto.KeyRing;
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
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
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
                TenantTwilioHealthIndicator indicator =
                        new TenantTwilioHealthIndicator(twilio, credentials, new InMemoryNumberRegistry(), null, clock);

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
