package io.tenanttwilio.benchmarks.inbound;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} that, while switched on, counts and times what goes to the database:
 * connections taken (one per transaction of the SDK's stores), statements by SQL text, commits,
 * rollbacks and savepoints. Switched off, it hands out the pool's connections untouched.
 */
final class SqlCounter implements DataSource {

    /** Calls and total time of one kind of call. */
    static final class Tally {
        final LongAdder calls = new LongAdder();
        final LongAdder nanos = new LongAdder();

        void add(long elapsed) {
            calls.increment();
            nanos.add(elapsed);
        }
    }

    private final DataSource delegate;
    private volatile boolean on;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    SqlCounter(DataSource delegate) {
        this.delegate = delegate;
    }

    /** Starts counting from zero. */
    void start() {
        tallies.clear();
        on = true;
    }

    /** Stops counting; the tallies stay readable. */
    void stop() {
        on = false;
    }

    /** What was counted, by kind: "connection", "commit", "savepoint", a statement's SQL... */
    Map<String, Tally> tallies() {
        return tallies;
    }

    private void add(String key, long elapsed) {
        tallies.computeIfAbsent(key, k -> new Tally()).add(elapsed);
    }

    /** The SQL text shortened to what tells statements apart. */
    static String shorten(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        int values = flat.indexOf(" VALUES");
        if (values > 0) {
            flat = flat.substring(0, values);
        }
        int columns = flat.indexOf(" (");
        if (flat.startsWith("INSERT") && columns > 0) {
            flat = flat.substring(0, columns);
        }
        if (flat.startsWith("SELECT") && flat.contains(" FROM ")) {
            flat = "SELECT … " + flat.substring(flat.indexOf(" FROM ") + 1);
        }
        if (flat.startsWith("UPDATE") && flat.contains(" SET ")) {
            flat = flat.substring(0, flat.indexOf(" SET ")) + " SET … " + tail(flat, " WHERE ");
        }
        return flat.length() > 110 ? flat.substring(0, 110) + "…" : flat;
    }

    private static String tail(String text, String marker) {
        int at = text.indexOf(marker);
        return at < 0 ? "" : text.substring(at + 1);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!on) {
            return delegate.getConnection();
        }
        long started = System.nanoTime();
        Connection connection = delegate.getConnection();
        add("(take a connection from the pool)", System.nanoTime() - started);
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new Connections(connection));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("one pool, one user");
    }

    private final class Connections implements InvocationHandler {
        private final Connection target;
        /** Whether the transaction under way has written (its commit is then a durable one). */
        private boolean wrote;

        Connections(Connection target) {
            this.target = target;
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
            String name = method.getName();
            long started = System.nanoTime();
            Object result = call(target, method, args);
            long elapsed = System.nanoTime() - started;
            switch (name) {
                case "commit" -> {
                    add(wrote ? "(commit after a write)" : "(commit, read only)", elapsed);
                    wrote = false;
                }
                case "rollback" -> {
                    add(args == null ? "(rollback)" : "(rollback to savepoint)", elapsed);
                    wrote = wrote && args != null;
                }
                case "setSavepoint" -> add("(savepoint)", elapsed);
                case "releaseSavepoint" -> add("(release savepoint)", elapsed);
                case "prepareStatement" -> {
                    return Proxy.newProxyInstance(
                            PreparedStatement.class.getClassLoader(),
                            new Class<?>[] {PreparedStatement.class},
                            new Statements(this, result, shorten((String) args[0])));
                }
                case "createStatement" -> {
                    return Proxy.newProxyInstance(
                            Statement.class.getClassLoader(),
                            new Class<?>[] {Statement.class},
                            new Statements(this, result, null));
                }
                default -> {
                    // not counted
                }
            }
            return result;
        }
    }

    private final class Statements implements InvocationHandler {
        private final Connections owner;
        private final Object target;
        private final @Nullable String sql;

        Statements(Connections owner, Object target, @Nullable String sql) {
            this.owner = owner;
            this.target = target;
            this.sql = sql;
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
            if (!method.getName().startsWith("execute")) {
                return call(target, method, args);
            }
            String text = sql != null ? sql : shorten(String.valueOf(args[0]));
            boolean writes = text.startsWith("INSERT")
                    || text.startsWith("UPDATE")
                    || text.startsWith("DELETE")
                    || (text.startsWith("WITH")
                            && (text.contains("INSERT ") || text.contains("UPDATE ") || text.contains("DELETE ")));
            if (writes) {
                if (owner.target.getAutoCommit()) {
                    add("(auto-commit after a write)", 0);
                } else {
                    owner.wrote = true;
                }
            }
            long started = System.nanoTime();
            try {
                return call(target, method, args);
            } finally {
                add(text, System.nanoTime() - started);
            }
        }
    }

    private static @Nullable Object call(Object target, Method method, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The tallies as rows (kind, calls, total nanoseconds), most time first. */
    List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        tallies.forEach((key, tally) -> rows.add(new Object[] {key, tally.calls.sum(), tally.nanos.sum()}));
        rows.sort((a, b) -> Long.compare((long) b[2], (long) a[2]));
        return rows;
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
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
