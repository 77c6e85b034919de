package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Ids;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * A {@link ContactDirectory} in {@code tt_contacts}, unique per (tenant, E.164): a lookup is an
 * equality on that key. Thread-safe.
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
        return new Contact(Ids.next(), tenant, number, null, clock.instant());
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
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new Contact(
                    rows.getString("id"),
                    tenant,
                    PhoneNumber.ofE164(rows.getString("phone_e164")),
                    rows.getString("display_name"),
                    Sql.requiredInstant(rows, "created_at")));
        }
    }

    @Override
    public String toString() {
        return "JdbcContactDirectory[" + sql.dialect() + "]";
    }
}
