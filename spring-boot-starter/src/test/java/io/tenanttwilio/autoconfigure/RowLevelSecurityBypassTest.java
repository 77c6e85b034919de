package io.tenanttwilio.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.autoconfigure.TenantTwilioConfigurationException.Problem;
import io.tenanttwilio.store.jdbc.JdbcStores;
import io.tenanttwilio.store.jdbc.JdbcStores.ConnectedRole;
import io.tenanttwilio.store.jdbc.SchemaInstaller;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Against a real PostgreSQL (127.0.0.1:5432, a fresh database for this class): in a production
 * profile, the JDBC stores may not connect as a role that row-level security does not apply to.
 * Without a PostgreSQL server the tests are skipped, except in CI, where they are required.
 */
@ExtendWith(OutputCaptureExtension.class)
class RowLevelSecurityBypassTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String ADMIN = "postgres";
    private static final String KEY = "dGVuYW50LXR3aWxpby10ZXN0LWtleS0zMi1ieXRlcyE="; // a test key only
    private static final String SUFFIX =
            UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    private static final String DATABASE = "tt_starter_rls_" + SUFFIX;
    private static final String ORDINARY_ROLE = "tt_starter_app_" + SUFFIX;
    private static final String BYPASS_ROLE = "tt_starter_bypass_" + SUFFIX;
    private static final String PASSWORD = UUID.randomUUID().toString();

    private static boolean created;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, TenantTwilioAutoConfiguration.class))
            .withPropertyValues(
                    "spring.datasource.url=" + SERVER + DATABASE,
                    "spring.datasource.hikari.maximum-pool-size=2",
                    "tenant-twilio.public-base-url=https://app.example.com/twilio",
                    "tenant-twilio.encryption.keys.test-1=" + KEY);

    private final ApplicationContextRunner asSuperuser =
            runner.withPropertyValues("spring.datasource.username=" + ADMIN, "spring.datasource.password=");

    @BeforeAll
    static void createDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", ADMIN, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
            created = true;
            statement.execute("CREATE ROLE " + ORDINARY_ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE ROLE " + BYPASS_ROLE + " LOGIN BYPASSRLS PASSWORD '" + PASSWORD + "'");
        } catch (SQLException e) {
            if (created || "true".equalsIgnoreCase(System.getenv("CI"))) {
                throw e;
            }
            System.err.println("[tenant-twilio] SKIPPING the row-level security start-up tests: no PostgreSQL at"
                    + " 127.0.0.1:5432 (" + e.getMessage() + ")");
            Assumptions.abort("PostgreSQL is not available at 127.0.0.1:5432: " + e.getMessage());
        }
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(SERVER + DATABASE);
        admin.setUser(ADMIN);
        SchemaInstaller.install(admin);
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            for (String role : new String[] {ORDINARY_ROLE, BYPASS_ROLE}) {
                // The README's production steps.
                statement.execute("GRANT USAGE ON SCHEMA public TO " + role);
                statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
                statement.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + role);
            }
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (!created) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", ADMIN, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("DROP ROLE IF EXISTS " + ORDINARY_ROLE);
            statement.execute("DROP ROLE IF EXISTS " + BYPASS_ROLE);
        }
    }

    private static ApplicationContextRunner as(ApplicationContextRunner runner, String role) {
        return runner.withPropertyValues(
                "spring.datasource.username=" + role, "spring.datasource.password=" + PASSWORD);
    }

    private static TenantTwilioConfigurationException failure(ApplicationContextAssertProvider<?> context) {
        assertThat(context).hasFailed();
        Throwable cause = context.getStartupFailure();
        while (cause != null && !(cause instanceof TenantTwilioConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a start-up check stopped the start").isNotNull();
        return (TenantTwilioConfigurationException) cause;
    }

    @Test
    void aSuperuserIsRefusedInAProductionProfileWithWhatToDo() {
        asSuperuser.withPropertyValues("spring.profiles.active=prod").run(context -> {
            assertThat(failure(context).problem()).isEqualTo(Problem.ROW_LEVEL_SECURITY_BYPASSED);
            FailureAnalysis analysis = new TenantTwilioFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("'prod' profile")
                    .contains("a superuser")
                    .contains("row-level security")
                    .contains("isolate tenants");
            assertThat(analysis.getAction())
                    .contains("ordinary role")
                    .contains("CREATE ROLE")
                    .contains("GRANT SELECT, INSERT, UPDATE, DELETE")
                    .contains("tenant-twilio.store.allow-row-level-security-bypass=true");
        });
    }

    @Test
    void aBypassRlsRoleIsRefusedInAProductionProfile() {
        as(runner, BYPASS_ROLE)
                .withPropertyValues("spring.profiles.active=production")
                .run(context -> {
                    TenantTwilioConfigurationException failure = failure(context);
                    assertThat(failure.problem()).isEqualTo(Problem.ROW_LEVEL_SECURITY_BYPASSED);
                    assertThat(failure.getMessage())
                            .contains("'production' profile")
                            .contains("a BYPASSRLS role");
                });
    }

    @Test
    void outsideProductionProfilesASuperuserStartsWithTheStoresWarning(CapturedOutput output) {
        asSuperuser.withPropertyValues("spring.profiles.active=staging").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(TenantTwilio.class);
            assertThat(context.getBean(JdbcStores.class).connectedRole()).isEqualTo(ConnectedRole.SUPERUSER);
        });
        assertThat(output).contains("superuser").contains("row-level security");
    }

    @Test
    void theBypassCanBeAcceptedKnowingly() {
        asSuperuser
                .withPropertyValues(
                        "spring.profiles.active=prod", "tenant-twilio.store.allow-row-level-security-bypass=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(TenantTwilio.class);
                    assertThat(context.getBean(JdbcStores.class).connectedRole())
                            .isEqualTo(ConnectedRole.SUPERUSER);
                });
    }

    @Test
    void anOrdinaryRoleStartsInAProductionProfile() {
        as(runner, ORDINARY_ROLE)
                .withPropertyValues("spring.profiles.active=prod")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(TenantTwilio.class);
                    assertThat(context.getBean(JdbcStores.class).connectedRole())
                            .isEqualTo(ConnectedRole.ORDINARY);
                });
    }
}
