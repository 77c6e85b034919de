package io.tenanttwilio.resolver;

import io.tenanttwilio.Actor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.spi.TenantResolver;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TenantResolver} that reads a tenant (and actor) held for the current thread, set for
 * the duration of a piece of work and cleared after it, even when it fails.
 *
 * <pre>{@code
 * ThreadLocalTenantResolver tenants = new ThreadLocalTenantResolver();
 * tenants.runAs(TenantId.of("clinique-a"), Actor.of("marie@clinique-a"),
 *         () -> twilio.currentClient().sendSms(reminder));
 * }</pre>
 *
 * <p>Thread-safe; the value does not leak into other threads (or into pooled threads after the
 * work is done).
 */
public final class ThreadLocalTenantResolver implements TenantResolver {

    private record Context(TenantId tenant, @Nullable Actor actor) {}

    private final ThreadLocal<@Nullable Context> current = new ThreadLocal<>();

    @Override
    public Optional<TenantId> currentTenant() {
        Context context = current.get();
        return context == null ? Optional.empty() : Optional.of(context.tenant());
    }

    @Override
    public Optional<Actor> currentActor() {
        Context context = current.get();
        return context == null ? Optional.empty() : Optional.ofNullable(context.actor());
    }

    /**
     * Runs {@code work} as {@code tenant}, without an actor, then restores what was there before.
     *
     * @param tenant the current tenant while {@code work} runs
     * @param work what to run
     */
    public void runAs(TenantId tenant, Runnable work) {
        Objects.requireNonNull(work, "work");
        call(tenant, null, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work} as {@code tenant} and {@code actor}, then restores what was there before.
     *
     * @param tenant the current tenant while {@code work} runs
     * @param actor the current actor while {@code work} runs
     * @param work what to run
     */
    public void runAs(TenantId tenant, Actor actor, Runnable work) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(work, "work");
        call(tenant, actor, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Calls {@code work} as {@code tenant} and {@code actor} and returns its result, then restores
     * what was there before.
     *
     * @param <T> the type of the result
     * @param tenant the tenant current while {@code work} runs
     * @param actor who acts, for the audit trail
     * @param work what to call on this thread
     * @return what {@code work} returned
     * @throws IllegalStateException wrapping a checked exception {@code work} threw; unchecked ones
     *     pass through as they are
     */
    public <T> T callAs(TenantId tenant, Actor actor, Callable<T> work) {
        return call(tenant, Objects.requireNonNull(actor, "actor"), work);
    }

    /**
     * Calls {@code work} as {@code tenant}, without an actor, and returns its result, then
     * restores what was there before.
     *
     * @param <T> the type of the result
     * @param tenant the tenant current while {@code work} runs
     * @param work what to call on this thread
     * @return what {@code work} returned
     * @throws IllegalStateException wrapping a checked exception {@code work} threw; unchecked ones
     *     pass through as they are
     */
    public <T> T callAs(TenantId tenant, Callable<T> work) {
        return call(tenant, null, work);
    }

    private <T> T call(TenantId tenant, @Nullable Actor actor, Callable<T> work) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(work, "work");
        Context previous = current.get();
        current.set(new Context(tenant, actor));
        try {
            return work.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        }
    }
}
