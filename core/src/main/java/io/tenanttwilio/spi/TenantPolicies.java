package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.guardrails.TenantPolicy;
import java.util.Map;
import java.util.Optional;

/**
 * Per-tenant overrides of the default {@link TenantPolicy}: a plan's quotas, a clinic's time zone.
 * An application may answer from its own plans (a lambda), or keep overrides in a built-in store
 * (in memory, JDBC) that {@code TenantTwilio.updatePolicy} changes and audits.
 *
 * <p>{@link #policyOf} is called on every send: answer from memory (or a cache). Implementations
 * must be thread-safe.
 */
@FunctionalInterface
public interface TenantPolicies {

    /** The tenant's own policy, if it has one (the default applies otherwise). */
    Optional<TenantPolicy> policyOf(TenantId tenant);

    /**
     * Sets the tenant's own policy.
     *
     * @throws UnsupportedOperationException when the policies are read-only (the application's)
     */
    default void save(TenantId tenant, TenantPolicy policy) {
        throw new UnsupportedOperationException("These tenant policies are read-only");
    }

    /**
     * Removes the tenant's own policy (the default applies again); returns whether there was one.
     *
     * @throws UnsupportedOperationException when the policies are read-only
     */
    default boolean remove(TenantId tenant) {
        throw new UnsupportedOperationException("These tenant policies are read-only");
    }

    /** No overrides. */
    static TenantPolicies none() {
        return tenant -> Optional.empty();
    }

    /** Fixed, read-only overrides. */
    static TenantPolicies of(Map<TenantId, TenantPolicy> policies) {
        Map<TenantId, TenantPolicy> copy = Map.copyOf(policies);
        return tenant -> Optional.ofNullable(copy.get(tenant));
    }
}
