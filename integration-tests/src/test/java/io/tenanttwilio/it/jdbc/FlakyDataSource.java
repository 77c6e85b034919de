package io.tenanttwilio.it.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source whose transactions running a chosen statement fail on demand, the two ways a
 * dropped connection makes them fail: before the statement runs (the transaction is rolled back,
 * nothing applied), or in the commit after the database applied it (the answer was lost).
 */
final class FlakyDataSource {

    private final DataSource target;
    private final String marker;
    private final AtomicInteger failBeforeRunning = new AtomicInteger();
    private final AtomicInteger failAfterCommitting = new AtomicInteger();

    /** Fails transactions that prepare a statement whose SQL contains {@code marker}. */
    FlakyDataSource(DataSource target, String marker) {
        this.target = target;
        this.marker = marker;
    }

    /** The next {@code times} such statements fail when prepared. */
    void failBeforeRunning(int times) {
        failBeforeRunning.set(times);
    }

    /** The next {@code times} such transactions are committed, then their commit throws. */
    void failAfterCommitting(int times) {
        failAfterCommitting.set(times);
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return method.getName().equals("getConnection") ? connection((Connection) result) : result;
                });
    }

    private Connection connection(Connection connection) {
        boolean[] marked = {false};
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "prepareStatement" -> {
                    if (((String) args[0]).contains(marker)) {
                        if (failBeforeRunning.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                        }
                        marked[0] = true;
                    }
                }
                case "commit" -> {
                    boolean fail = marked[0] && failAfterCommitting.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                    marked[0] = false;
                    Object result = invoke(connection, method, args);
                    if (fail) {
                        throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                    }
                    return result;
                }
                case "rollback", "close" -> marked[0] = false;
                default -> {
                    // passed through below
                }
            }
            return invoke(connection, method, args);
        };
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
