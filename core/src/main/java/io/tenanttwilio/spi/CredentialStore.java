package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.account.TwilioCredentials;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Keeps each tenant's Twilio credentials, given the tenant explicitly. Implementations store the
 * secrets encrypted (the JDBC store does) and never log them.
 *
 * <p>Each method is one atomic operation. Implementations must be thread-safe.
 */
public interface CredentialStore {

    /** The tenant's credentials, if it has any. */
    Optional<TwilioCredentials> find(TenantId tenant);

    /** Saves (inserts or replaces) the tenant's credentials. */
    void save(TenantId tenant, TwilioCredentials credentials);

    /** Removes the tenant's credentials; returns whether there were any. */
    boolean remove(TenantId tenant);

    /**
     * The tenants with credentials, in the order of their ids, after {@code after} ({@code null}:
     * from the first): for scheduled jobs that visit every tenant.
     *
     * @throws UnsupportedOperationException when the store cannot list (the built-in stores can)
     */
    default List<TenantId> tenants(@Nullable TenantId after, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " does not list tenants");
    }
}
