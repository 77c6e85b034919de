package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Ids;
import io.tenanttwilio.internal.support.Paging;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.ContactQuery;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ContactDirectory} in {@code tt_contacts}, unique per (tenant, E.164): a lookup is an
 * equality on that key, a listing a range of it (or of the name's search form). Thread-safe.
 */
public final class JdbcContactDirectory implements ContactDirectory {

    /** Inserts a contact; five parameters, bound by {@link #bindNew}. */
    static final String INSERT =
            "INSERT INTO tt_contacts (id, tenant_id, phone_e164, display_name, created_at) VALUES (?, ?, ?, ?, ?)";

    private final Sql sql;
    private final Clock clock;

    JdbcContactDirectory(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public Contact findOrCreate(TenantId tenant, PhoneNumber number) {
        return sql.inTransaction(tenant, connection -> findOrCreate(connection, tenant, number));
    }

    /** {@link #findOrCreate(TenantId, PhoneNumber)} inside the caller's transaction. */
    Contact findOrCreate(Connection connection, TenantId tenant, PhoneNumber number) throws SQLException {
        Optional<Contact> existing = byNumber(connection, tenant, number);
        if (existing.isPresent()) {
            return existing.get();
        }
        return createOrFind(connection, tenant, number);
    }

    /**
     * Creates the contact, known to be absent a moment ago, inside the caller's transaction; finds
     * it when another transaction created it first.
     */
    Contact createOrFind(Connection connection, TenantId tenant, PhoneNumber number) throws SQLException {
        Contact created = newContact(tenant, number);
        boolean inserted = sql.insertUnlessDuplicate(connection, INSERT, insert -> bindNew(insert, 0, created));
        if (inserted) {
            return created;
        }
        return byNumber(connection, tenant, number).orElseThrow(() -> new SQLException("Contact vanished"));
    }

    /** A contact not stored yet: a new id, created now by this directory's clock. */
    Contact newContact(TenantId tenant, PhoneNumber number) {
        return Contact.builder()
                .id(Ids.next())
                .tenantId(tenant)
                .phoneNumber(number)
                .displayName(null)
                .createdAt(clock.instant())
                .build();
    }

    /** Binds {@link #INSERT}'s parameters for {@code contact}, after the first {@code offset}. */
    static void bindNew(PreparedStatement insert, int offset, Contact contact) throws SQLException {
        Sql.setId(insert, offset + 1, contact.id());
        insert.setString(offset + 2, contact.tenantId().value());
        insert.setString(offset + 3, contact.phoneNumber().e164());
        insert.setString(offset + 4, contact.displayName().orElse(null));
        Sql.setInstant(insert, offset + 5, contact.createdAt());
    }

    /** Whether this directory's rows are in the database {@code other} works on. */
    boolean sharesDatabaseWith(Sql other) {
        return sql == other;
    }

    @Override
    public Optional<Contact> find(TenantId tenant, PhoneNumber number) {
        return sql.inTransaction(tenant, connection -> byNumber(connection, tenant, number));
    }

    @Override
    public Optional<Contact> findById(TenantId tenant, String contactId) {
        if (!Sql.isId(contactId)) {
            return Optional.empty();
        }
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, phone_e164, display_name, created_at FROM tt_contacts WHERE tenant_id = ? AND id = ?")) {
                select.setString(1, tenant.value());
                Sql.setId(select, 2, contactId);
                return one(select, tenant);
            }
        });
    }

    private static Optional<Contact> byNumber(Connection connection, TenantId tenant, PhoneNumber number)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, phone_e164, display_name, created_at FROM tt_contacts WHERE tenant_id = ? AND phone_e164 = ?")) {
            select.setString(1, tenant.value());
            select.setString(2, number.e164());
            return one(select, tenant);
        }
    }

    private static Optional<Contact> one(PreparedStatement select, TenantId tenant) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(read(rows, tenant)) : Optional.empty();
        }
    }

    private static Contact read(ResultSet rows, TenantId tenant) throws SQLException {
        return Contact.builder()
                .id(rows.getString("id"))
                .tenantId(tenant)
                .phoneNumber(PhoneNumber.ofE164(rows.getString("phone_e164")))
                .displayName(rows.getString("display_name"))
                .createdAt(Sql.requiredInstant(rows, "created_at"))
                .build();
    }

    @Override
    public Optional<Contact> rename(TenantId tenant, String contactId, @Nullable String displayName) {
        if (!Sql.isId(contactId)) {
            return Optional.empty();
        }
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tt_contacts SET display_name = ?, name_key = ? WHERE tenant_id = ? AND id = ?")) {
                update.setString(1, displayName);
                update.setString(2, displayName == null ? null : ContactQuery.nameKey(displayName));
                update.setString(3, tenant.value());
                Sql.setId(update, 4, contactId);
                if (update.executeUpdate() == 0) {
                    return Optional.<Contact>empty();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, phone_e164, display_name, created_at FROM tt_contacts WHERE tenant_id = ? AND id = ?")) {
                select.setString(1, tenant.value());
                Sql.setId(select, 2, contactId);
                return one(select, tenant);
            }
        });
    }

    /**
     * As {@link ContactDirectory#contacts}: along the unique key (tenant_id, phone_e164), or along
     * {@code tt_contacts_name} (tenant_id, name_key, id) when a name is searched; a search is the
     * range of keys that start with what was searched, and the cursor's contact is read back by
     * id, in the same statement, for the place to go on from.
     */
    @Override
    public Page<Contact> contacts(TenantId tenant, ContactQuery query) {
        Cursor after = query.after().orElse(null);
        if (after != null && !Sql.isId(after.id())) {
            throw Paging.invalidCursor();
        }
        String name = query.namePrefix().orElse(null);
        String nameEnd = name == null ? null : textEnd(name);
        String number = query.numberPrefix().orElse(null);
        String numberEnd = number == null ? null : digitsEnd(number);
        StringBuilder select = new StringBuilder(
                "SELECT k.id, k.phone_e164, k.display_name, k.created_at FROM tt_contacts k WHERE k.tenant_id = ?");
        if (name != null) {
            select.append(" AND k.name_key >= ?").append(nameEnd == null ? "" : " AND k.name_key < ?");
        }
        if (number != null) {
            select.append(" AND k.phone_e164 >= ?").append(numberEnd == null ? "" : " AND k.phone_e164 < ?");
        }
        if (after != null) {
            select.append(
                    name != null
                            ? " AND (k.name_key, k.id) > ((SELECT a.name_key FROM tt_contacts a"
                                    + " WHERE a.tenant_id = ? AND a.id = ?), ?)"
                            : " AND k.phone_e164 > (SELECT a.phone_e164 FROM tt_contacts a"
                                    + " WHERE a.tenant_id = ? AND a.id = ?)");
        }
        select.append(name != null ? " ORDER BY k.name_key, k.id" : " ORDER BY k.phone_e164")
                .append(" LIMIT ?");
        return sql.inTransaction(tenant, connection -> {
            List<Contact> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(select.toString())) {
                int i = 1;
                statement.setString(i++, tenant.value());
                for (String bound : new String[] {name, nameEnd, number, numberEnd}) {
                    if (bound != null) {
                        statement.setString(i++, bound);
                    }
                }
                if (after != null) {
                    statement.setString(i++, tenant.value());
                    Sql.setId(statement, i++, after.id());
                    if (name != null) {
                        Sql.setId(statement, i++, after.id());
                    }
                }
                statement.setInt(i, query.limit() + 1);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(read(result, tenant));
                    }
                }
            }
            return Paging.page(rows, query.limit(), contact -> Cursor.of(contact.id()));
        });
    }

    /**
     * The least text after every text that starts with {@code prefix}, in code point order (the
     * order of {@code name_key}: {@code COLLATE "C"} on PostgreSQL, Java's on H2); {@code null}
     * when there is none.
     */
    static @Nullable String textEnd(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last != 0xD7FF && last != 0xFFFF && last != Character.MAX_CODE_POINT) {
                return prefix.substring(0, start) + Character.toString(last + 1);
            }
            end = start;
        }
        return null;
    }

    /**
     * The least E.164 text after every number that starts with {@code prefix} ({@code "+1599"}:
     * {@code "+16"}), in digits only, so that it holds in any collation; {@code null} when there is
     * none (only nines).
     */
    static @Nullable String digitsEnd(String prefix) {
        int end = prefix.length();
        while (end > 1 && prefix.charAt(end - 1) == '9') {
            end--;
        }
        if (end <= 1) {
            return null;
        }
        return prefix.substring(0, end - 1) + (char) (prefix.charAt(end - 1) + 1);
    }

    @Override
    public String toString() {
        return "JdbcContactDirectory[" + sql.dialect() + "]";
    }
}
