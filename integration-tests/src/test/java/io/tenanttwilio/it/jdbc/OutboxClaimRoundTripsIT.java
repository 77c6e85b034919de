package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.OutboxClaim;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A claim on PostgreSQL costs a handful of round trips, however many messages it takes: the
 * statements that reach the server (each execution, and the commit) are counted on the stores'
 * connections while one claim takes fifty messages of two senders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxClaimRoundTripsIT {

    private static final String LONG_CODE = "+15815550100";
    private static final String TOLL_FREE = "+18005550100";

    private final AtomicInteger executions = new AtomicInteger();
    private Databases.Postgres database;
    private JdbcStores stores;

    @BeforeAll
    void start() {
        database = Databases.Postgres.start(4);
        stores = JdbcStores.of(counting(database.app()), Databases.cipher());
    }

    @AfterAll
    void stop() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aClaimOfFiftyMessagesIsFiveRoundTripsWithItsCommit() {
        TenantId tenant = TenantId.of("clinique-" + UUID.randomUUID().toString().substring(0, 8));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 40; i++) {
            stores.outbox()
                    .insertIfAbsent(
                            message(tenant, LONG_CODE, i, now.minusSeconds(60).plusMillis(i)));
            stores.outbox()
                    .insertIfAbsent(
                            message(tenant, TOLL_FREE, i, now.minusSeconds(60).plusMillis(i)));
        }
        executions.set(0);

        List<ScheduledMessage> claimed = stores.outbox()
                .claim(OutboxClaim.of(
                        tenant,
                        now,
                        "instance-1",
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(10),
                        50,
                        500,
                        sender -> 25.0));

        assertThat(claimed).hasSize(50);
        assertThat(executions.get())
                .as("the scope with the tenant's lock, the senders, their due messages, the writes, the commit")
                .isEqualTo(5);
    }

    private static ScheduledMessage message(TenantId tenant, String sender, int i, Instant due) {
        return ScheduledMessage.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(tenant)
                .clientKey(sender + "-" + i)
                .to(PhoneNumber.ofE164("+15815550123"))
                .from(PhoneNumber.ofE164(sender))
                .sender(sender)
                .body("Rappel : rendez-vous demain à 9 h.")
                .sendAt(due)
                .dueAt(due)
                .createdAt(due)
                .updatedAt(due)
                .build();
    }

    /** {@code dataSource}, counting each statement execution and each commit on its connections. */
    private DataSource counting(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection
                    ? proxy(Connection.class, connection, (c, m, a) -> {
                        if (m.getName().equals("commit")) {
                            executions.incrementAndGet();
                        }
                        Object made = invoke(c, m, a);
                        if (made instanceof java.sql.PreparedStatement prepared) {
                            return proxy(java.sql.PreparedStatement.class, prepared, this::counted);
                        }
                        if (made instanceof Statement statement) {
                            return proxy(Statement.class, statement, this::counted);
                        }
                        return made;
                    })
                    : result;
        });
    }

    private Object counted(Object target, Method method, Object[] args) throws Throwable {
        if (method.getName().startsWith("execute")) {
            executions.incrementAndGet();
        }
        return invoke(target, method, args);
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        return type.cast(Proxy.newProxyInstance(
                OutboxClaimRoundTripsIT.class.getClassLoader(),
                new Class<?>[] {type},
                (proxy, method, args) -> handler.handle(target, method, args)));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
