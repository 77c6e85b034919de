package io.tenanttwilio.store.memory;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.spi.CredentialStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/** A {@link CredentialStore} in memory: lost at restart, not encrypted. Thread-safe. */
public final class InMemoryCredentialStore implements CredentialStore {

    private final ConcurrentMap<TenantId, TwilioCredentials> credentials = new ConcurrentHashMap<>();

    @Override
    public Optional<TwilioCredentials> find(TenantId tenant) {
        return Optional.ofNullable(credentials.get(tenant));
    }

    @Override
    public void save(TenantId tenant, TwilioCredentials value) {
        credentials.put(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(value, "credentials"));
    }

    @Override
    public boolean remove(TenantId tenant) {
        return credentials.remove(tenant) != null;
    }

    @Override
    public List<TenantId> tenants(@Nullable TenantId after, int limit) {
        return credentials.keySet().stream()
                .filter(tenant -> after == null || tenant.compareTo(after) > 0)
                .sorted()
                .limit(Math.max(limit, 0))
                .toList();
    }

    @Override
    public String toString() {
        return "InMemoryCredentialStore[" + credentials.size() + " tenants]";
    }
}
