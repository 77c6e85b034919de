package io.tenanttwilio.store.memory;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.spi.TenantPolicies;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tenant policies kept in memory, changeable, lost at restart. Thread-safe. */
public final class InMemoryTenantPolicies implements TenantPolicies {

    private final Map<TenantId, TenantPolicy> policies = new ConcurrentHashMap<>();

    @Override
    public Optional<TenantPolicy> policyOf(TenantId tenant) {
        return Optional.ofNullable(policies.get(tenant));
    }

    @Override
    public void save(TenantId tenant, TenantPolicy policy) {
        policies.put(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(policy, "policy"));
    }

    @Override
    public boolean remove(TenantId tenant) {
        return policies.remove(tenant) != null;
    }

    @Override
    public String toString() {
        return "InMemoryTenantPolicies[" + policies.size() + " tenants]";
    }
}
