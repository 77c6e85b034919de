package io.tenanttwilio.it.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * PostgreSQL's plan of every listing the JDBC stores read through a {@link DataSource} (a SELECT
 * with ORDER BY and LIMIT): just before the store runs it, the same statement with the same
 * parameters, in the same transaction (so as the same tenant), is run under {@code EXPLAIN
 * (ANALYZE, BUFFERS)}, once as planned for these values and once as the generic plan a statement
 * prepared on the server gets after a few executions.
 */
final class PlanRecorder {

    /** A listing's statement and its two plans. */
    record Plans(String sql, String custom, String generic) {}

    private final List<Plans> plans = new ArrayList<>();

    /** {@code dataSource}, explaining each listing before running it. */
    DataSource wrap(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection ? connection(connection) : result;
        });
    }

    /** The plans of the last listing read. */
    synchronized Plans last() {
        if (plans.isEmpty()) {
            throw new IllegalStateException("No listing was read");
        }
        return plans.get(plans.size() - 1);
    }

    private static boolean isListing(String sql) {
        String text = sql.toUpperCase(Locale.ROOT);
        return text.startsWith("SELECT ") && text.contains(" ORDER BY ") && text.contains(" LIMIT ?");
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (method.getName().equals("prepareStatement")
                    && args != null
                    && args[0] instanceof String sql
                    && isListing(sql)) {
                return statement(connection, sql, (PreparedStatement) result);
            }
            return result;
        });
    }

    private PreparedStatement statement(Connection connection, String sql, PreparedStatement statement) {
        List<Object[]> parameters = new ArrayList<>();
        return proxy(PreparedStatement.class, statement, (target, method, args) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                parameters.add(new Object[] {method, args});
            }
            if (method.getName().equals("executeQuery") && (args == null || args.length == 0)) {
                String custom = explain(connection, sql, parameters);
                String generic = explainGeneric(connection, sql, parameters);
                synchronized (this) {
                    plans.add(new Plans(sql, custom, generic));
                }
            }
            return invoke(target, method, args);
        });
    }

    private static String explain(Connection connection, String sql, List<Object[]> parameters) throws Exception {
        try (PreparedStatement explain =
                connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql)) {
            for (Object[] call : parameters) {
                ((Method) call[0]).invoke(explain, (Object[]) call[1]);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        } catch (SQLException e) {
            throw new IllegalStateException("EXPLAIN failed for " + sql, e);
        }
    }

    /**
     * The generic plan: the statement prepared on the server ({@code PREPARE}, its parameters
     * {@code $1}, {@code $2}…, as a driver's server-side statement has them), run with {@code
     * plan_cache_mode = force_generic_plan}, so planned without the values.
     */
    private static String explainGeneric(Connection connection, String sql, List<Object[]> parameters)
            throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            numbered.append(c == '?' ? "$" + ++n : String.valueOf(c));
        }
        StringBuilder values = new StringBuilder();
        for (Object[] call : parameters) {
            Object value = ((Object[]) call[1])[1];
            values.append(values.length() == 0 ? "" : ", ")
                    .append(
                            value instanceof Number
                                    ? value.toString()
                                    : "'" + value.toString().replace("'", "''") + "'");
        }
        StringBuilder plan = new StringBuilder();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE tt_listing AS " + numbered);
            try (ResultSet rows = statement.executeQuery(
                    "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE tt_listing(" + values
                            + ")")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            statement.execute("DEALLOCATE tt_listing");
            statement.execute("SET LOCAL plan_cache_mode = auto");
        }
        return plan.toString();
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
        return type.cast(
                Proxy.newProxyInstance(PlanRecorder.class.getClassLoader(), new Class<?>[] {type}, invocation));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
