package io.tenanttwilio.internal;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Runs store operations: any failure of a store becomes {@link ErrorCode#STORAGE_UNAVAILABLE}. */
final class Stores {

    private Stores() {}

    static <T> T call(@Nullable TenantId tenant, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (TenantTwilioException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TenantTwilioException.builder(ErrorCode.STORAGE_UNAVAILABLE)
                    .tenant(tenant)
                    .cause(new RuntimeException(
                            e.getClass().getName() + ": " + Redaction.maskPhonesIn(String.valueOf(e.getMessage())),
                            e.getCause()))
                    .build();
        }
    }

    static void run(@Nullable TenantId tenant, Runnable operation) {
        call(tenant, () -> {
            operation.run();
            return null;
        });
    }
}
