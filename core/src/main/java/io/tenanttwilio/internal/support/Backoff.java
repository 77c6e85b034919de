package io.tenanttwilio.internal.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Trying an operation again after a failure, with pauses that double. Stateless. */
public final class Backoff {

    private Backoff() {}

    /**
     * Runs {@code operation}, and again while it throws a failure that {@code retryable} accepts:
     * {@code attempts} times in all, after pauses of {@code firstPause}, then twice as long each
     * time. The last failure, or the first one not to retry, is thrown; an interrupt stops the
     * retries at once (the failure is thrown, the interrupt flag set again).
     */
    public static <T> T retry(
            int attempts, Duration firstPause, Predicate<RuntimeException> retryable, Supplier<T> operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !retryable.test(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(firstPause.toMillis() << (attempt - 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
