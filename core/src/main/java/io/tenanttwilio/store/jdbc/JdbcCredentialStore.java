package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.SecretCipher;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CredentialStore} in {@code tt_credentials}: every secret encrypted by the {@link
 * SecretCipher}, bound to its tenant and field, never in clear. Building it checks the key ring
 * against the database: a missing or wrong key is a clear error at start-up. Thread-safe.
 */
public final class JdbcCredentialStore implements CredentialStore {

    private static final String KEY_CHECK = "tenant-twilio key check";

    private final Sql sql;
    private final SecretCipher cipher;
    private final Clock clock;

    JdbcCredentialStore(Sql sql, SecretCipher cipher, Clock clock) {
        this.sql = sql;
        this.cipher = cipher;
        this.clock = clock;
        checkKeys();
    }

    /** Decrypts the key-check row with the ring (creating it on first start). */
    private void checkKeys() {
        sql.inTransaction(null, connection -> {
            try (PreparedStatement select =
                            connection.prepareStatement("SELECT ciphertext FROM tt_key_check WHERE id = 1");
                    ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    cipher.decrypt(rows.getString(1), "key-check");
                    return null;
                }
            }
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO tt_key_check (id, ciphertext) VALUES (1, ?)")) {
                insert.setString(1, cipher.encrypt(KEY_CHECK, "key-check"));
                Sql.insertUnlessDuplicate(connection, insert);
            }
            return null;
        });
    }

    private static String context(TenantId tenant, String field) {
        return tenant.value() + "/" + field;
    }

    @Override
    public Optional<TwilioCredentials> find(TenantId tenant) {
        return sql.inTransaction(tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT account_sid, kind, api_key_sid, rest_secret, primary_signing_token, secondary_signing_token"
                            + " FROM tt_credentials WHERE tenant_id = ?")) {
                select.setString(1, tenant.value());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    String accountSid = rows.getString("account_sid");
                    String secret = cipher.decrypt(rows.getString("rest_secret"), context(tenant, "rest_secret"));
                    String signing = cipher.decrypt(
                            rows.getString("primary_signing_token"), context(tenant, "primary_signing_token"));
                    String secondaryCipher = rows.getString("secondary_signing_token");
                    String secondary = secondaryCipher == null
                            ? null
                            : cipher.decrypt(secondaryCipher, context(tenant, "secondary_signing_token"));
                    TwilioCredentials credentials =
                            TwilioCredentials.Kind.API_KEY.name().equals(rows.getString("kind"))
                                    ? TwilioCredentials.apiKey()
                                            .accountSid(accountSid)
                                            .apiKeySid(rows.getString("api_key_sid"))
                                            .apiKeySecret(secret)
                                            .signingToken(signing)
                                            .build()
                                    : TwilioCredentials.ofAuthToken(accountSid, secret);
                    return Optional.of(credentials.withSecondarySigningToken(secondary));
                }
            }
        });
    }

    @Override
    public void save(TenantId tenant, TwilioCredentials credentials) {
        String secret = cipher.encrypt(credentials.restPassword(), context(tenant, "rest_secret"));
        String primary = cipher.encrypt(credentials.primarySigningToken(), context(tenant, "primary_signing_token"));
        @Nullable
        String secondary = credentials
                .secondarySigningToken()
                .map(token -> cipher.encrypt(token, context(tenant, "secondary_signing_token")))
                .orElse(null);
        sql.inTransaction(tenant, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tt_credentials SET account_sid = ?, kind = ?, api_key_sid = ?, rest_secret = ?,"
                            + " primary_signing_token = ?, secondary_signing_token = ?, updated_at = ?"
                            + " WHERE tenant_id = ?")) {
                bind(update, credentials, secret, primary, secondary);
                update.setString(8, tenant.value());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO tt_credentials (account_sid, kind, api_key_sid, rest_secret,"
                                    + " primary_signing_token, secondary_signing_token, updated_at, tenant_id)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                        bind(insert, credentials, secret, primary, secondary);
                        insert.setString(8, tenant.value());
                        if (!Sql.insertUnlessDuplicate(connection, insert)) {
                            update.executeUpdate(); // saved at the same moment by another instance
                        }
                    }
                }
            }
            try (PreparedStatement key =
                    connection.prepareStatement("UPDATE tt_credential_keys SET key_id = ? WHERE tenant_id = ?")) {
                key.setString(1, cipher.currentKeyId());
                key.setString(2, tenant.value());
                if (key.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO tt_credential_keys (key_id, tenant_id) VALUES (?, ?)")) {
                        insert.setString(1, cipher.currentKeyId());
                        insert.setString(2, tenant.value());
                        Sql.insertUnlessDuplicate(connection, insert);
                    }
                }
            }
            return null;
        });
    }

    private void bind(
            PreparedStatement statement,
            TwilioCredentials credentials,
            String secret,
            String primary,
            @Nullable String secondary)
            throws java.sql.SQLException {
        statement.setString(1, credentials.accountSid());
        statement.setString(2, credentials.kind().name());
        statement.setString(3, credentials.apiKeySid().orElse(null));
        statement.setString(4, secret);
        statement.setString(5, primary);
        statement.setString(6, secondary);
        Sql.setInstant(statement, 7, clock.instant());
    }

    @Override
    public boolean remove(TenantId tenant) {
        return sql.inTransaction(tenant, connection -> {
            int removed;
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM tt_credentials WHERE tenant_id = ?")) {
                delete.setString(1, tenant.value());
                removed = delete.executeUpdate();
            }
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM tt_credential_keys WHERE tenant_id = ?")) {
                delete.setString(1, tenant.value());
                delete.executeUpdate();
            }
            return removed > 0;
        });
    }

    @Override
    public List<TenantId> tenants(@Nullable TenantId after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return sql.inTransaction(null, connection -> {
            List<TenantId> found = new ArrayList<>();
            // On PostgreSQL through the schema's read-only listing: row-level security shows a
            // session none of the table's rows but its own tenant's.
            try (PreparedStatement select = connection.prepareStatement(
                    sql.isPostgreSql()
                            ? "SELECT tenant_id FROM tt_tenants_after(?, ?)"
                            : "SELECT tenant_id FROM tt_credential_keys WHERE tenant_id > ? ORDER BY tenant_id LIMIT ?")) {
                select.setString(1, after == null ? "" : after.value());
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(TenantId.of(rows.getString(1)));
                    }
                }
            }
            return found;
        });
    }

    /**
     * Encrypts every stored secret (and the key check) again with the ring's current key, so that
     * older keys can then be retired.
     *
     * @return how many tenants' secrets were moved; 0 when all were already under the current key
     */
    public int reencryptAll() {
        String current = cipher.currentKeyId();
        List<String> tenants = sql.inTransaction(null, connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    sql.isPostgreSql()
                            ? "SELECT tenant_id FROM tt_tenants_not_on_key(?)"
                            : "SELECT tenant_id FROM tt_credential_keys WHERE key_id <> ? ORDER BY tenant_id")) {
                select.setString(1, current);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            return ids;
        });
        int moved = 0;
        for (String id : tenants) {
            TenantId tenant = TenantId.of(id);
            Optional<TwilioCredentials> credentials = find(tenant);
            if (credentials.isPresent()) {
                save(tenant, credentials.get());
                moved++;
            }
        }
        sql.inTransaction(null, connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE tt_key_check SET ciphertext = ? WHERE id = 1")) {
                update.setString(1, cipher.encrypt(KEY_CHECK, "key-check"));
                update.executeUpdate();
            }
            return null;
        });
        return moved;
    }

    @Override
    public String toString() {
        return "JdbcCredentialStore[" + sql.dialect() + "]";
    }
}
