package io.tenanttwilio.spi;

import io.tenanttwilio.Actor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.resolver.ThreadLocalTenantResolver;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers "who is the current tenant?" for the code running now: a web request, a security
 * principal, a job. It is only consulted by {@code currentClient()}-style calls; every other call
 * takes the tenant explicitly.
 *
 * <p>Built-ins: {@link #fixed(TenantId)} and {@link ThreadLocalTenantResolver}; the Spring Boot
 * starter adds one that reads Spring Security's principal. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TenantResolver {

    /** The tenant of the current request or job, if one is known. */
    Optional<TenantId> currentTenant();

    /** Who acts (a staff user's name or id), for the audit trail, if known. */
    default Optional<Actor> currentActor() {
        return Optional.empty();
    }

    /** Always {@code tenant}: for single-tenant tools, jobs and tests. */
    static TenantResolver fixed(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        Optional<TenantId> answer = Optional.of(tenant);
        return () -> answer;
    }

    /** Never a tenant: every call must name its tenant. */
    static TenantResolver none() {
        return Optional::empty;
    }
}
