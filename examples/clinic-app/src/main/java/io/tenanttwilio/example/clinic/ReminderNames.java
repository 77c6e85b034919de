package io.tenanttwilio.example.clinic;

import io.tenanttwilio.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The patients' names of the reminders, by the reminder's client key: the outbox keeps numbers
 * and texts, not names, and the page shows who each reminder is for. In the app's database, in a
 * table of its own ({@code clinic_reminder_names}, created at start when missing; with the
 * "postgres" profile, its owner creates it, see {@link #DDL}). Without the table the page still
 * works, showing numbers only. Thread-safe.
 */
@Component
class ReminderNames {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderNames.class);

    /** The table, as created. */
    static final String DDL = "CREATE TABLE IF NOT EXISTS clinic_reminder_names ("
            + "tenant_id VARCHAR(128) NOT NULL, "
            + "client_key VARCHAR(200) NOT NULL, "
            + "patient_name VARCHAR(200) NOT NULL, "
            + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, "
            + "PRIMARY KEY (tenant_id, client_key))";

    private static final String INSERT = "INSERT INTO clinic_reminder_names (tenant_id, client_key, patient_name,"
            + " created_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM clinic_reminder_names WHERE tenant_id"
            + " = ? AND client_key = ?)";

    /** Keys looked up in one query. */
    private static final int LOOKUP_BATCH = 100;

    private final JdbcTemplate jdbc;
    private volatile boolean available;

    ReminderNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        try {
            jdbc.execute(DDL);
            available = true;
        } catch (DataAccessException e) {
            LOG.warn(
                    "The reminders page shows no patient names: the table clinic_reminder_names could not be"
                            + " created ({}). Create it as the database's owner: {}",
                    e.getMostSpecificCause(),
                    DDL);
        }
    }

    /**
     * Keeps the names of reminders, each the first time its key is seen: a list scheduled again
     * keeps the names it had.
     *
     * @param tenant the clinic
     * @param names the names by client key
     */
    void remember(TenantId tenant, Map<String, String> names) {
        if (!available || names.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>(names.size());
        names.forEach((key, name) -> rows.add(new Object[] {tenant.value(), key, name, now, tenant.value(), key}));
        try {
            jdbc.batchUpdate(INSERT, rows);
        } catch (DuplicateKeyException e) {
            // The same list scheduled twice at once: one at a time, the other's rows are there.
            for (Object[] row : rows) {
                try {
                    jdbc.update(INSERT, row);
                } catch (DuplicateKeyException again) {
                    // already there
                }
            }
        } catch (DataAccessException e) {
            LOG.warn(
                    "Patient names of {} reminders not kept: {}",
                    rows.size(),
                    e.getMostSpecificCause().toString());
        }
    }

    /**
     * The names of reminders.
     *
     * @param tenant the clinic
     * @param keys their client keys
     * @return the names known, by client key
     */
    Map<String, String> of(TenantId tenant, Collection<String> keys) {
        Map<String, String> names = new HashMap<>();
        if (!available || keys.isEmpty()) {
            return names;
        }
        List<String> all = new ArrayList<>(keys);
        try {
            for (int from = 0; from < all.size(); from += LOOKUP_BATCH) {
                List<String> batch = all.subList(from, Math.min(all.size(), from + LOOKUP_BATCH));
                String marks = String.join(",", java.util.Collections.nCopies(batch.size(), "?"));
                List<Object> args = new ArrayList<>(batch.size() + 1);
                args.add(tenant.value());
                args.addAll(batch);
                jdbc.query(
                        "SELECT client_key, patient_name FROM clinic_reminder_names WHERE tenant_id = ? AND client_key"
                                + " IN (" + marks + ")",
                        rs -> {
                            names.put(rs.getString(1), rs.getString(2));
                        },
                        args.toArray());
            }
        } catch (DataAccessException e) {
            LOG.warn(
                    "Patient names of the reminders not read: {}",
                    e.getMostSpecificCause().toString());
        }
        return names;
    }
}
