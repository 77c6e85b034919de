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

    /**
     * The tenant's credentials, decrypted.
     *
     * @param tenant the tenant
     * @return its credentials; empty when it has none
     */
    Optional<TwilioCredentials> find(TenantId tenant);

    /**
     * Saves (inserts or replaces) the tenant's credentials; {@link #find} returns them from then
     * on, on every instance that shares the store.
     *
     * @param tenant the tenant
     * @param credentials its credentials
     */
    void save(TenantId tenant, TwilioCredentials credentials);

    /**
     * Removes the tenant's credentials; removing them again does nothing.
     *
     * @param tenant the tenant
     * @return whether there were any
     */
    boolean remove(TenantId tenant);

    /**
     * The tenants with credentials, in the order of their ids, after {@code after} ({@code null}:
     * from the first): for scheduled jobs that visit every tenant. The default throws.
     *
     * @param after the last tenant of the previous page; {@code null}: from the first
     * @param limit the most tenants returned
     * @return up to {@code limit} tenants whose ids follow {@code after}, in order; empty when no
     *     more
     * @throws UnsupportedOperationException when the store cannot list (the built-in stores can)
     */
    default List<TenantId> tenants(@Nullable TenantId after, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " does not list tenants");
    }
}
