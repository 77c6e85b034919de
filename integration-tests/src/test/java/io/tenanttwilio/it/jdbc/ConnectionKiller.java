package io.tenanttwilio.it.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Terminates every connection of the application role to a test database, over and over, until
 * closed: the database dropping connections mid-transaction, as a failover or a restart does.
 */
final class ConnectionKiller implements AutoCloseable {

    private final Databases.Postgres database;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger terminated = new AtomicInteger();
    private final Thread thread;

    /** Starts terminating every {@code intervalMillis}. */
    ConnectionKiller(Databases.Postgres database, long intervalMillis) {
        this.database = database;
        this.thread = new Thread(
                () -> {
                    while (running.get()) {
                        terminated.addAndGet(terminateOnce());
                        try {
                            Thread.sleep(intervalMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                },
                "connection-killer");
        thread.setDaemon(true);
        thread.start();
    }

    /** How many connections were terminated so far. */
    int terminated() {
        return terminated.get();
    }

    private int terminateOnce() {
        try (Connection connection = database.admin().getConnection();
                PreparedStatement kill = connection.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM"
                        + " pg_stat_activity WHERE usename = ? AND datname = ?")) {
            kill.setString(1, Databases.APP_ROLE);
            kill.setString(2, database.name);
            try (ResultSet rows = kill.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Stops terminating, and waits for the last round. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}
