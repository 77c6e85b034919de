package io.tenanttwilio;

import io.tenanttwilio.internal.support.Checks;
import java.time.Duration;

/**
 * How the SDK retries calls to Twilio. Only what cannot have taken effect is retried: a 429 /
 * 20429 answer (Twilio says the request was not processed), a connection that could not be
 * opened, and reads ({@code GET}) after a server error. A send or a purchase whose outcome is
 * unknown (a timeout, a 5xx after the request was written) is never retried blindly; the SDK
 * looks the resource up instead.
 *
 * <p>Backoff is exponential with full jitter, capped at {@link #maxBackoff()}; a
 * {@code Retry-After} longer than {@link #maxRetryAfter()} is not waited for.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(250)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = builder().build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.maxRetryAfter = builder.maxRetryAfter;
    }

    /**
     * Three attempts, 200 ms initial backoff, 5 s at most between attempts, Retry-After up to 10 s.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * One attempt, no retry.
     *
     * @return the policy that never retries
     */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    /**
     * A builder that starts from the {@linkplain #defaults() defaults}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return how many attempts a call gets in all, the first included; at least 1} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * {@return the longest pause before the first retry} Each retry may wait up to twice as long
     * as the one before, up to {@link #maxBackoff()}; the pause is drawn at random below that
     * bound.
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** {@return the longest pause between two attempts, unless Twilio asks for one} */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * {@return the longest {@code Retry-After} of a 429 answer that is waited for} A longer one
     * ends the retries: the call fails with {@link ErrorCode#RATE_LIMITED}.
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + "]";
    }

    /** Builds a {@link RetryPolicy}. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration maxRetryAfter = Duration.ofSeconds(10);

        private Builder() {}

        /**
         * How many attempts a call gets in all, the first included (3 unless set).
         *
         * @param maxAttempts the number of attempts; 1 for no retry
         * @return this builder
         * @throws IllegalArgumentException when {@code maxAttempts} is less than 1
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The longest pause before the first retry, doubled for each retry after (200 ms unless
         * set).
         *
         * @param initialBackoff the first bound of the pause
         * @return this builder
         * @throws IllegalArgumentException when {@code initialBackoff} is negative
         */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Checks.notNegative(initialBackoff, "initialBackoff");
            return this;
        }

        /**
         * The longest pause between two attempts (5 s unless set).
         *
         * @param maxBackoff the cap of the pause
         * @return this builder
         * @throws IllegalArgumentException when {@code maxBackoff} is negative
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Checks.notNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * The longest {@code Retry-After} that is waited for (10 s unless set); Twilio asking for
         * a longer wait ends the retries.
         *
         * @param maxRetryAfter the longest wait asked by Twilio that is honoured
         * @return this builder
         * @throws IllegalArgumentException when {@code maxRetryAfter} is negative
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = Checks.notNegative(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /**
         * The policy as set so far; the builder may go on being used.
         *
         * @return the policy
         */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
