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

    /**
     * The tenant of the current request or job. Called on the thread making the call, so it may
     * read what is bound to that thread (a request, a security context).
     *
     * @return the tenant; empty when none is known (a call that needs one then fails with {@link
     *     io.tenanttwilio.ErrorCode#NO_CURRENT_TENANT})
     */
    Optional<TenantId> currentTenant();

    /**
     * Who acts (a staff user's name or id), for the audit trail, when a call does not say.
     *
     * @return the actor; empty (the default) when not known
     */
    default Optional<Actor> currentActor() {
        return Optional.empty();
    }

    /**
     * Always {@code tenant}: for single-tenant tools, jobs and tests.
     *
     * @param tenant the one tenant
     * @return the resolver, immutable and thread-safe
     */
    static TenantResolver fixed(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        Optional<TenantId> answer = Optional.of(tenant);
        return () -> answer;
    }

    /**
     * Never a tenant: every call must name its tenant. The default of {@code TenantTwilio}.
     *
     * @return the resolver, immutable and thread-safe
     */
    static TenantResolver none() {
        return Optional::empty;
    }
}
