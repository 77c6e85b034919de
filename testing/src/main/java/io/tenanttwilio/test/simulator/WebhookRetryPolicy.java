package io.tenanttwilio.test.simulator;

/**
 * How the simulator retries a webhook that got no answer or a 5xx (Twilio's connection overrides
 * {@code rc} and {@code rp}). The default retries once.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxAttempts total attempts, at least 1
 * @param retryOnServerError whether a 5xx answer is retried
 * @param retryOnConnectionFailure whether a refused connection or a timeout is retried
 */
public record WebhookRetryPolicy(int maxAttempts, boolean retryOnServerError, boolean retryOnConnectionFailure) {

    /**
     * A policy; see {@link #defaults()}, {@link #none()} and {@link #attempts(int)} for the usual
     * ones.
     *
     * @param maxAttempts total attempts, at least 1
     * @param retryOnServerError whether a 5xx answer is retried
     * @param retryOnConnectionFailure whether a refused connection or a timeout is retried
     * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
     */
    public WebhookRetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /**
     * Two attempts, on 5xx and on connection failures.
     *
     * @return the default policy
     */
    public static WebhookRetryPolicy defaults() {
        return new WebhookRetryPolicy(2, true, true);
    }

    /**
     * One attempt, never retried.
     *
     * @return a policy without retries
     */
    public static WebhookRetryPolicy none() {
        return new WebhookRetryPolicy(1, false, false);
    }

    /**
     * {@code attempts} attempts, on 5xx and on connection failures.
     *
     * @param attempts total attempts, at least 1
     * @return the policy
     * @throws IllegalArgumentException if {@code attempts} is less than 1
     */
    public static WebhookRetryPolicy attempts(int attempts) {
        return new WebhookRetryPolicy(attempts, true, true);
    }
}
