package io.tenanttwilio.guardrails;

import io.tenanttwilio.internal.support.Checks;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How often the scheduled jobs run and how hard they may push Twilio. Immutable and thread-safe.
 *
 * <pre>{@code
 * JobSettings.builder().balanceEvery(Duration.ofMinutes(30)).healthCheckEvery(Duration.ofHours(6)).build();
 * }</pre>
 */
public final class JobSettings {

    private static final JobSettings DEFAULTS = builder().build();

    private final Duration balanceEvery;
    private final Duration healthCheckEvery;
    private final Duration reconciliationEvery;
    private final Duration registrationsEvery;
    private final int balanceConcurrency;
    private final int healthChecksPerMinute;
    private final Duration reconcileAfter;
    private final Duration reconcileWithin;
    private final Duration leaseTtl;
    private final double jitter;
    private final @Nullable BigDecimal masterLowBalanceThreshold;

    private JobSettings(Builder b) {
        this.balanceEvery = b.balanceEvery;
        this.healthCheckEvery = b.healthCheckEvery;
        this.reconciliationEvery = b.reconciliationEvery;
        this.registrationsEvery = b.registrationsEvery;
        this.balanceConcurrency = b.balanceConcurrency;
        this.healthChecksPerMinute = b.healthChecksPerMinute;
        this.reconcileAfter = b.reconcileAfter;
        this.reconcileWithin = b.reconcileWithin;
        this.leaseTtl = b.leaseTtl;
        this.jitter = b.jitter;
        this.masterLowBalanceThreshold = b.masterLowBalanceThreshold;
    }

    /**
     * Balances hourly, numbers daily, reconciliation every 15 minutes.
     *
     * @return the default settings
     */
    public static JobSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Starts settings from the defaults.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return how often every tenant's balance is fetched} */
    public Duration balanceEvery() {
        return balanceEvery;
    }

    /** {@return the period over which every active number is verified once, spread evenly} */
    public Duration healthCheckEvery() {
        return healthCheckEvery;
    }

    /** {@return how often the reconciliation runs} */
    public Duration reconciliationEvery() {
        return reconciliationEvery;
    }

    /** {@return how often the carrier registrations due for a check are followed} */
    public Duration registrationsEvery() {
        return registrationsEvery;
    }

    /** {@return how many balances are fetched at once} */
    public int balanceConcurrency() {
        return balanceConcurrency;
    }

    /**
     * {@return the most numbers verified per minute (each verification is a few Twilio requests)}
     */
    public int healthChecksPerMinute() {
        return healthChecksPerMinute;
    }

    /**
     * {@return how old a message must be before reconciliation asks Twilio about it (callbacks come
     * first)}
     */
    public Duration reconcileAfter() {
        return reconcileAfter;
    }

    /** {@return how far back reconciliation looks} */
    public Duration reconcileWithin() {
        return reconcileWithin;
    }

    /**
     * {@return how long a job's lease lasts without renewal: how soon another instance takes over a
     * dead one's job}
     */
    public Duration leaseTtl() {
        return leaseTtl;
    }

    /** {@return the random spread of each run's start, as a fraction of its period (0.1: ±10 %)} */
    public double jitter() {
        return jitter;
    }

    /**
     * {@return the balance of the master account (which pays for every subaccount) under which the
     * platform is warned; the default policy's threshold when not set}
     */
    public Optional<BigDecimal> masterLowBalanceThreshold() {
        return Optional.ofNullable(masterLowBalanceThreshold);
    }

    @Override
    public String toString() {
        return "JobSettings[balance=" + balanceEvery + ", health=" + healthCheckEvery + ", reconciliation="
                + reconciliationEvery + ", lease=" + leaseTtl + "]";
    }

    /** Builds {@link JobSettings}. Not thread-safe. */
    public static final class Builder {
        private Duration balanceEvery = Duration.ofHours(1);
        private Duration healthCheckEvery = Duration.ofHours(24);
        private Duration reconciliationEvery = Duration.ofMinutes(15);
        private Duration registrationsEvery = Duration.ofMinutes(5);
        private int balanceConcurrency = 4;
        private int healthChecksPerMinute = 30;
        private Duration reconcileAfter = Duration.ofMinutes(10);
        private Duration reconcileWithin = Duration.ofDays(7);
        private Duration leaseTtl = Duration.ofMinutes(2);
        private double jitter = 0.1;
        private @Nullable BigDecimal masterLowBalanceThreshold;

        private Builder() {}

        /**
         * Sets how often every tenant's balance is fetched; hourly by default.
         *
         * @param every the period, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code every} is negative
         */
        public Builder balanceEvery(Duration every) {
            this.balanceEvery = Checks.notNegative(every, "every");
            return this;
        }

        /**
         * Sets the period over which every active number is verified once; a day by default.
         *
         * @param every the period, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code every} is negative
         */
        public Builder healthCheckEvery(Duration every) {
            this.healthCheckEvery = Checks.notNegative(every, "every");
            return this;
        }

        /**
         * Sets how often the reconciliation runs; every 15 minutes by default.
         *
         * @param every the period, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code every} is negative
         */
        public Builder reconciliationEvery(Duration every) {
            this.reconciliationEvery = Checks.notNegative(every, "every");
            return this;
        }

        /**
         * Sets how often the carrier registrations due for a check are followed; every 5 minutes by
         * default (each registration backs off on its own while nothing changes).
         *
         * @param every the period, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code every} is negative
         */
        public Builder registrationsEvery(Duration every) {
            this.registrationsEvery = Checks.notNegative(every, "every");
            return this;
        }

        /**
         * Sets how many balances are fetched at once; 4 by default.
         *
         * @param concurrency 1 to 64
         * @return this builder
         * @throws IllegalArgumentException if {@code concurrency} is out of range
         */
        public Builder balanceConcurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("concurrency must be between 1 and 64");
            }
            this.balanceConcurrency = concurrency;
            return this;
        }

        /**
         * Sets the most numbers verified a minute; 30 by default.
         *
         * @param perMinute at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code perMinute} is less than 1
         */
        public Builder healthChecksPerMinute(int perMinute) {
            if (perMinute < 1) {
                throw new IllegalArgumentException("perMinute must be at least 1");
            }
            this.healthChecksPerMinute = perMinute;
            return this;
        }

        /**
         * Sets how old a message must be before reconciliation asks Twilio about it; 10 minutes by
         * default.
         *
         * @param after the age
         * @return this builder
         */
        public Builder reconcileAfter(Duration after) {
            this.reconcileAfter = Objects.requireNonNull(after, "after");
            return this;
        }

        /**
         * Sets how far back reconciliation looks; 7 days by default.
         *
         * @param within the age of the oldest message asked about, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code within} is negative
         */
        public Builder reconcileWithin(Duration within) {
            this.reconcileWithin = Checks.notNegative(within, "within");
            return this;
        }

        /**
         * Sets how long a job's lease lasts without renewal; 2 minutes by default.
         *
         * @param ttl the lease's life, not negative; another instance takes over a dead one's job
         *     after it
         * @return this builder
         * @throws IllegalArgumentException if {@code ttl} is negative
         */
        public Builder leaseTtl(Duration ttl) {
            this.leaseTtl = Checks.notNegative(ttl, "ttl");
            return this;
        }

        /**
         * Sets the random spread of each run's start, as a fraction of its period; 0.1 by default.
         *
         * @param jitter 0 to 0.5
         * @return this builder
         * @throws IllegalArgumentException if {@code jitter} is out of range
         */
        public Builder jitter(double jitter) {
            if (jitter < 0 || jitter > 0.5) {
                throw new IllegalArgumentException("jitter must be between 0 and 0.5");
            }
            this.jitter = jitter;
            return this;
        }

        /**
         * Sets the balance of the master account under which the platform is warned.
         *
         * @param threshold the amount, in the account's currency, or {@code null} for the default
         *     policy's threshold
         * @return this builder
         */
        public Builder masterLowBalanceThreshold(@Nullable BigDecimal threshold) {
            this.masterLowBalanceThreshold = threshold;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings, immutable
         */
        public JobSettings build() {
            return new JobSettings(this);
        }
    }
}
