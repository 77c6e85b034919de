package io.tenanttwilio.outbox;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.internal.text.Problems;
import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox's dispatcher works on this instance: how many sends at once, how it claims, and
 * the carriers' pace per kind of sender. The defaults suit a long code under A2P 10DLC; a tenant
 * with a high-throughput toll-free number or a campaign with more throughput sets its rate.
 *
 * <p>Immutable and thread-safe.
 */
public final class OutboxSettings {
    private final boolean enabled;
    private final int workers;
    private final Duration pollEvery;
    private final Duration claimHorizon;
    private final Duration leaseTtl;
    private final int claimBatch;
    private final int tenantsPerPass;
    private final int accountConcurrency;
    private final double longCodeRate;
    private final double tollFreeRate;
    private final double internationalRate;
    private final double messagingServiceRate;
    private final Duration throttleBackoff;

    private OutboxSettings(Builder b) {
        this.enabled = b.enabled;
        this.workers = b.workers;
        this.pollEvery = b.pollEvery;
        this.claimHorizon = b.claimHorizon;
        this.leaseTtl = b.leaseTtl;
        this.claimBatch = b.claimBatch;
        this.tenantsPerPass = b.tenantsPerPass;
        this.accountConcurrency = b.accountConcurrency;
        this.longCodeRate = b.longCodeRate;
        this.tollFreeRate = b.tollFreeRate;
        this.internationalRate = b.internationalRate;
        this.messagingServiceRate = b.messagingServiceRate;
        this.throttleBackoff = b.throttleBackoff;
    }

    /** {@return the defaults} */
    public static OutboxSettings defaults() {
        return builder().build();
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these settings} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.workers = workers;
        b.pollEvery = pollEvery;
        b.claimHorizon = claimHorizon;
        b.leaseTtl = leaseTtl;
        b.claimBatch = claimBatch;
        b.tenantsPerPass = tenantsPerPass;
        b.accountConcurrency = accountConcurrency;
        b.longCodeRate = longCodeRate;
        b.tollFreeRate = tollFreeRate;
        b.internationalRate = internationalRate;
        b.messagingServiceRate = messagingServiceRate;
        b.throttleBackoff = throttleBackoff;
        return b;
    }

    /** {@return whether this instance runs the dispatcher at all (the Spring Boot starter starts it when enabled)} */
    public boolean isEnabled() {
        return enabled;
    }

    /** {@return how many messages this instance sends at once} */
    public int workers() {
        return workers;
    }

    /** {@return how often the dispatcher looks for due messages when it found none} */
    public Duration pollEvery() {
        return pollEvery;
    }

    /** {@return how far ahead of their slot messages are claimed} */
    public Duration claimHorizon() {
        return claimHorizon;
    }

    /** {@return how long a claim holds before another instance takes the message over} */
    public Duration leaseTtl() {
        return leaseTtl;
    }

    /** {@return the most messages claimed for one tenant in one turn} */
    public int claimBatch() {
        return claimBatch;
    }

    /** {@return the most tenants served in one pass (the rest in the next)} */
    public int tenantsPerPass() {
        return tenantsPerPass;
    }

    /** {@return the most requests in flight at once per Twilio account, across instances} */
    public int accountConcurrency() {
        return accountConcurrency;
    }

    /** {@return segments per second a long code (local or mobile number) sends} */
    public double longCodeRate() {
        return longCodeRate;
    }

    /** {@return segments per second a toll-free number sends} */
    public double tollFreeRate() {
        return tollFreeRate;
    }

    /** {@return segments per second a number sends outside North America} */
    public double internationalRate() {
        return internationalRate;
    }

    /** {@return segments per second a Messaging Service sends (its campaign's throughput)} */
    public double messagingServiceRate() {
        return messagingServiceRate;
    }

    /** {@return how long an account waits after Twilio answered 429 without Retry-After} */
    public Duration throttleBackoff() {
        return throttleBackoff;
    }

    @Override
    public String toString() {
        return "OutboxSettings[workers=" + workers + ", horizon=" + claimHorizon + ", lease=" + leaseTtl
                + ", concurrency=" + accountConcurrency + "]";
    }

    /** Builds {@link OutboxSettings}. Not thread-safe. */
    public static final class Builder {
        private boolean enabled = true;
        private int workers = 8;
        private Duration pollEvery = Duration.ofMillis(250);
        private Duration claimHorizon = Duration.ofSeconds(2);
        private Duration leaseTtl = Duration.ofSeconds(60);
        private int claimBatch = 50;
        private int tenantsPerPass = 1000;
        private int accountConcurrency = 20;
        private double longCodeRate = 1.0;
        private double tollFreeRate = 3.0;
        private double internationalRate = 10.0;
        private double messagingServiceRate = 1.0;
        private Duration throttleBackoff = Duration.ofSeconds(1);

        private Builder() {}

        /**
         * Sets whether this instance runs the dispatcher at all (the Spring Boot starter starts it when enabled) (default true).
         *
         * @param enabled the value
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Sets how many messages this instance sends at once (default 8).
         *
         * @param workers the value
         * @return this builder
         */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw invalid("workers", workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * Sets how often the dispatcher looks for due messages when it found none (default 250 ms).
         *
         * @param pollEvery the value
         * @return this builder
         */
        public Builder pollEvery(Duration pollEvery) {
            Objects.requireNonNull(pollEvery, "pollEvery");
            if (pollEvery.isNegative() || pollEvery.isZero()) {
                throw invalid("pollEvery", pollEvery);
            }
            this.pollEvery = pollEvery;
            return this;
        }

        /**
         * Sets how far ahead of their slot messages are claimed (default 2 s).
         *
         * @param claimHorizon the value
         * @return this builder
         */
        public Builder claimHorizon(Duration claimHorizon) {
            Objects.requireNonNull(claimHorizon, "claimHorizon");
            if (claimHorizon.isNegative() || claimHorizon.isZero()) {
                throw invalid("claimHorizon", claimHorizon);
            }
            this.claimHorizon = claimHorizon;
            return this;
        }

        /**
         * Sets how long a claim holds before another instance takes the message over (default 60 s).
         *
         * @param leaseTtl the value
         * @return this builder
         */
        public Builder leaseTtl(Duration leaseTtl) {
            Objects.requireNonNull(leaseTtl, "leaseTtl");
            if (leaseTtl.isNegative() || leaseTtl.isZero()) {
                throw invalid("leaseTtl", leaseTtl);
            }
            this.leaseTtl = leaseTtl;
            return this;
        }

        /**
         * Sets the most messages claimed for one tenant in one turn (default 50).
         *
         * @param claimBatch the value
         * @return this builder
         */
        public Builder claimBatch(int claimBatch) {
            if (claimBatch < 1) {
                throw invalid("claimBatch", claimBatch);
            }
            this.claimBatch = claimBatch;
            return this;
        }

        /**
         * Sets the most tenants served in one pass (the rest in the next) (default 1000).
         *
         * @param tenantsPerPass the value
         * @return this builder
         */
        public Builder tenantsPerPass(int tenantsPerPass) {
            if (tenantsPerPass < 1) {
                throw invalid("tenantsPerPass", tenantsPerPass);
            }
            this.tenantsPerPass = tenantsPerPass;
            return this;
        }

        /**
         * Sets the most requests in flight at once per Twilio account, across instances (default 20).
         *
         * @param accountConcurrency the value
         * @return this builder
         */
        public Builder accountConcurrency(int accountConcurrency) {
            if (accountConcurrency < 1) {
                throw invalid("accountConcurrency", accountConcurrency);
            }
            this.accountConcurrency = accountConcurrency;
            return this;
        }

        /**
         * Sets segments per second a long code (local or mobile number) sends (default 1.0).
         *
         * @param longCodeRate the value
         * @return this builder
         */
        public Builder longCodeRate(double longCodeRate) {
            if (!(longCodeRate > 0) || longCodeRate > 10_000) {
                throw invalid("longCodeRate", longCodeRate);
            }
            this.longCodeRate = longCodeRate;
            return this;
        }

        /**
         * Sets segments per second a toll-free number sends (default 3.0).
         *
         * @param tollFreeRate the value
         * @return this builder
         */
        public Builder tollFreeRate(double tollFreeRate) {
            if (!(tollFreeRate > 0) || tollFreeRate > 10_000) {
                throw invalid("tollFreeRate", tollFreeRate);
            }
            this.tollFreeRate = tollFreeRate;
            return this;
        }

        /**
         * Sets segments per second a number sends outside North America (default 10.0).
         *
         * @param internationalRate the value
         * @return this builder
         */
        public Builder internationalRate(double internationalRate) {
            if (!(internationalRate > 0) || internationalRate > 10_000) {
                throw invalid("internationalRate", internationalRate);
            }
            this.internationalRate = internationalRate;
            return this;
        }

        /**
         * Sets segments per second a Messaging Service sends (its campaign's throughput) (default 1.0).
         *
         * @param messagingServiceRate the value
         * @return this builder
         */
        public Builder messagingServiceRate(double messagingServiceRate) {
            if (!(messagingServiceRate > 0) || messagingServiceRate > 10_000) {
                throw invalid("messagingServiceRate", messagingServiceRate);
            }
            this.messagingServiceRate = messagingServiceRate;
            return this;
        }

        /**
         * Sets how long an account waits after Twilio answered 429 without Retry-After (default 1 s).
         *
         * @param throttleBackoff the value
         * @return this builder
         */
        public Builder throttleBackoff(Duration throttleBackoff) {
            Objects.requireNonNull(throttleBackoff, "throttleBackoff");
            if (throttleBackoff.isNegative() || throttleBackoff.isZero()) {
                throw invalid("throttleBackoff", throttleBackoff);
            }
            this.throttleBackoff = throttleBackoff;
            return this;
        }

        private static RuntimeException invalid(String name, Object value) {
            return Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                    .detail("outbox.setting", name, String.valueOf(value))
                    .build();
        }

        /**
         * The settings.
         *
         * @return the settings
         * @throws io.tenanttwilio.TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} when
         *     the lease is not longer than the claim horizon
         */
        public OutboxSettings build() {
            if (leaseTtl.compareTo(claimHorizon.multipliedBy(2)) < 0) {
                throw invalid("leaseTtl", leaseTtl);
            }
            return new OutboxSettings(this);
        }
    }
}
