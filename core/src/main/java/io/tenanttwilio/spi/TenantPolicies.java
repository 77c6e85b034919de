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

    /**
     * The tenant's own policy. An exception fails the call that needed it with {@link
     * io.tenanttwilio.ErrorCode#STORAGE_UNAVAILABLE}.
     *
     * @param tenant the tenant
     * @return its policy; empty when it has none of its own (the default applies)
     */
    Optional<TenantPolicy> policyOf(TenantId tenant);

    /**
     * Sets (inserts or replaces) the tenant's own policy; {@link #policyOf} returns it from then
     * on. The default throws.
     *
     * @param tenant the tenant
     * @param policy its policy
     * @throws UnsupportedOperationException when the policies are read-only (the application's);
     *     {@code TenantTwilio.updatePolicy} then fails with {@link
     *     io.tenanttwilio.ErrorCode#CONFIGURATION_ERROR}
     */
    default void save(TenantId tenant, TenantPolicy policy) {
        throw new UnsupportedOperationException("These tenant policies are read-only");
    }

    /**
     * Removes the tenant's own policy (the default applies again). The default throws.
     *
     * @param tenant the tenant
     * @return whether it had one
     * @throws UnsupportedOperationException when the policies are read-only
     */
    default boolean remove(TenantId tenant) {
        throw new UnsupportedOperationException("These tenant policies are read-only");
    }

    /**
     * No overrides: every tenant has the default policy.
     *
     * @return read-only policies, immutable and thread-safe
     */
    static TenantPolicies none() {
        return tenant -> Optional.empty();
    }

    /**
     * Fixed, read-only overrides.
     *
     * @param policies each tenant's own policy (copied); tenants not in it have the default
     * @return read-only policies, immutable and thread-safe
     */
    static TenantPolicies of(Map<TenantId, TenantPolicy> policies) {
        Map<TenantId, TenantPolicy> copy = Map.copyOf(policies);
        return tenant -> Optional.ofNullable(copy.get(tenant));
    }
}
