package io.tenanttwilio.it.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Records every SQL text the JDBC stores send through a {@link DataSource}, so that a test can
 * check what each statement names: every reference to a tenant table must come with that table's
 * {@code tenant_id} (a condition, a join on it, or an inserted column), whatever row-level
 * security would add.
 */
final class StatementRecorder {

    /** A table named after FROM, JOIN, UPDATE or INTO, with its alias when it has one. */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(?:FROM|JOIN|UPDATE|INTO)\\s+(tt_[a-z_]+)\\b(?!\\s*\\()(?:\\s+(?:AS\\s+)?(?!(?:WHERE|SET|ON|JOIN|LEFT|"
                    + "INNER|ORDER|GROUP|LIMIT|VALUES|SELECT|RETURNING|FOR|WITH)\\b)([a-z]\\w*))?",
            Pattern.CASE_INSENSITIVE);

    private final Set<String> statements = ConcurrentHashMap.newKeySet();

    /** {@code dataSource}, recording the text of every statement prepared or executed through it. */
    DataSource wrap(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection ? connection(connection) : result;
        });
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                statements.add(sql);
            }
            Object result = invoke(target, method, args);
            if (result instanceof Statement statement && !(result instanceof java.sql.PreparedStatement)) {
                return statement(statement);
            }
            return result;
        });
    }

    private Statement statement(Statement statement) {
        return proxy(Statement.class, statement, (target, method, args) -> {
            if (method.getName().startsWith("execute") && args != null && args[0] instanceof String sql) {
                statements.add(sql);
            }
            return invoke(target, method, args);
        });
    }

    /** Records {@code sql} as if a store had sent it. */
    void record(String sql) {
        statements.add(sql);
    }

    Set<String> statements() {
        return new TreeSet<>(statements);
    }

    /**
     * The recorded statements that reference one of {@code tenantTables} without its {@code
     * tenant_id}, each with the table it forgot.
     */
    List<String> statementsWithoutTheirTenant(Set<String> tenantTables) {
        List<String> missing = new ArrayList<>();
        for (String sql : statements()) {
            Matcher reference = REFERENCE.matcher(sql);
            while (reference.find()) {
                String table = reference.group(1).toLowerCase(Locale.ROOT);
                if (!tenantTables.contains(table)) {
                    continue;
                }
                String alias = reference.group(2);
                String needed = alias == null ? "tenant_id" : alias + ".tenant_id";
                if (!Pattern.compile("(?<![\\w.])" + Pattern.quote(needed) + "\\b", Pattern.CASE_INSENSITIVE)
                        .matcher(sql)
                        .find()) {
                    missing.add(table + " (" + needed + "): " + sql);
                }
            }
        }
        return missing;
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
        return type.cast(
                Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(), new Class<?>[] {type}, invocation));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
