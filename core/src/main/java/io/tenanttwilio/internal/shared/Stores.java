package io.tenanttwilio.internal.shared;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.support.Backoff;
import io.tenanttwilio.internal.support.Redaction;
import io.tenanttwilio.internal.text.Problems;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Runs store operations: any failure of a store becomes {@link ErrorCode#STORAGE_UNAVAILABLE}. */
public final class Stores {

    private Stores() {}

    public static <T> T call(@Nullable TenantId tenant, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (TenantTwilioException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Problems.builder(ErrorCode.STORAGE_UNAVAILABLE)
                    .tenant(tenant)
                    .cause(new RuntimeException(
                            e.getClass().getName() + ": " + Redaction.maskPhonesIn(String.valueOf(e.getMessage())),
                            e.getCause()))
                    .build();
        }
    }

    /**
     * Like {@link #call}, tried again while the store is unavailable: {@code attempts} times in
     * all, after pauses of {@code firstPause}, then twice as long each time. The last failure is
     * thrown; an interrupt stops the retries at once. Only for idempotent operations: a store's
     * failure may come after it applied the change.
     */
    public static <T> T callRetrying(
            @Nullable TenantId tenant, int attempts, Duration firstPause, Supplier<T> operation) {
        return Backoff.retry(
                attempts,
                firstPause,
                e -> e instanceof TenantTwilioException t && t.errorCode() == ErrorCode.STORAGE_UNAVAILABLE,
                () -> call(tenant, operation));
    }

    public static void run(@Nullable TenantId tenant, Runnable operation) {
        call(tenant, () -> {
            operation.run();
            return null;
        });
    }
}
