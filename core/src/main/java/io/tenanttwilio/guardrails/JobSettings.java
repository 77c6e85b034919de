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
        this.balanceConcurrency = b.balanceConcurrency;
        this.healthChecksPerMinute = b.healthChecksPerMinute;
        this.reconcileAfter = b.reconcileAfter;
        this.reconcileWithin = b.reconcileWithin;
        this.leaseTtl = b.leaseTtl;
        this.jitter = b.jitter;
        this.masterLowBalanceThreshold = b.masterLowBalanceThreshold;
    }

    /** Balances hourly, numbers daily, reconciliation every 15 minutes. */
    public static JobSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration balanceEvery() {
        return balanceEvery;
    }

    /** The period over which every active number is verified once, spread evenly. */
    public Duration healthCheckEvery() {
        return healthCheckEvery;
    }

    public Duration reconciliationEvery() {
        return reconciliationEvery;
    }

    /** How many balances are fetched at once. */
    public int balanceConcurrency() {
        return balanceConcurrency;
    }

    /** The most numbers verified per minute (each verification is a few Twilio requests). */
    public int healthChecksPerMinute() {
        return healthChecksPerMinute;
    }

    /** How old a message must be before reconciliation asks Twilio about it (callbacks come first). */
    public Duration reconcileAfter() {
        return reconcileAfter;
    }

    /** How far back reconciliation looks. */
    public Duration reconcileWithin() {
        return reconcileWithin;
    }

    /** How long a job's lease lasts without renewal: how soon another instance takes over a dead one's job. */
    public Duration leaseTtl() {
        return leaseTtl;
    }

    /** The random spread of each run's start, as a fraction of its period (0.1: ±10 %). */
    public double jitter() {
        return jitter;
    }

    /**
     * The balance of the master account (which pays for every subaccount) under which the platform
     * is warned; the default policy's threshold when not set.
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
        private int balanceConcurrency = 4;
        private int healthChecksPerMinute = 30;
        private Duration reconcileAfter = Duration.ofMinutes(10);
        private Duration reconcileWithin = Duration.ofDays(7);
        private Duration leaseTtl = Duration.ofMinutes(2);
        private double jitter = 0.1;
        private @Nullable BigDecimal masterLowBalanceThreshold;

        private Builder() {}

        public Builder balanceEvery(Duration every) {
            this.balanceEvery = Checks.notNegative(every, "every");
            return this;
        }

        public Builder healthCheckEvery(Duration every) {
            this.healthCheckEvery = Checks.notNegative(every, "every");
            return this;
        }

        public Builder reconciliationEvery(Duration every) {
            this.reconciliationEvery = Checks.notNegative(every, "every");
            return this;
        }

        public Builder balanceConcurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("concurrency must be between 1 and 64");
            }
            this.balanceConcurrency = concurrency;
            return this;
        }

        public Builder healthChecksPerMinute(int perMinute) {
            if (perMinute < 1) {
                throw new IllegalArgumentException("perMinute must be at least 1");
            }
            this.healthChecksPerMinute = perMinute;
            return this;
        }

        public Builder reconcileAfter(Duration after) {
            this.reconcileAfter = Objects.requireNonNull(after, "after");
            return this;
        }

        public Builder reconcileWithin(Duration within) {
            this.reconcileWithin = Checks.notNegative(within, "within");
            return this;
        }

        public Builder leaseTtl(Duration ttl) {
            this.leaseTtl = Checks.notNegative(ttl, "ttl");
            return this;
        }

        public Builder jitter(double jitter) {
            if (jitter < 0 || jitter > 0.5) {
                throw new IllegalArgumentException("jitter must be between 0 and 0.5");
            }
            this.jitter = jitter;
            return this;
        }

        public Builder masterLowBalanceThreshold(@Nullable BigDecimal threshold) {
            this.masterLowBalanceThreshold = threshold;
            return this;
        }

        public JobSettings build() {
            return new JobSettings(this);
        }
    }
}
