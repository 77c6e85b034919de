package io.tenanttwilio.guardrails;

import io.tenanttwilio.internal.support.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * When webhook trouble becomes an alert: how many signature failures, 5xx answers or delivery
 * failures of one tenant within a window. One alert per tenant, kind and window, across instances.
 *
 * <pre>{@code
 * AlertThresholds thresholds = AlertThresholds.builder()
 *         .window(Duration.ofMinutes(10))
 *         .deliveryFailures(20)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AlertThresholds {

    private final Duration window;
    private final int signatureFailures;
    private final int webhookErrors;
    private final int deliveryFailures;

    private AlertThresholds(Builder builder) {
        this.window = builder.window;
        this.signatureFailures = builder.signatureFailures;
        this.webhookErrors = builder.webhookErrors;
        this.deliveryFailures = builder.deliveryFailures;
    }

    /**
     * 5 signature failures, 3 errors or 10 delivery failures within 15 minutes.
     *
     * @return the default thresholds
     */
    public static AlertThresholds defaults() {
        return builder().build();
    }

    /**
     * Starts thresholds from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The counting window.
     *
     * @return the window
     */
    public Duration window() {
        return window;
    }

    /**
     * How many webhooks refused for a bad signature raise an alert.
     *
     * @return at least 1
     */
    public int signatureFailures() {
        return signatureFailures;
    }

    /**
     * How many webhooks answered 5xx (storage down, a failure) raise an alert.
     *
     * @return at least 1
     */
    public int webhookErrors() {
        return webhookErrors;
    }

    /**
     * How many messages failed or undelivered raise an alert.
     *
     * @return at least 1
     */
    public int deliveryFailures() {
        return deliveryFailures;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AlertThresholds
                && ((AlertThresholds) other).window.equals(window)
                && ((AlertThresholds) other).signatureFailures == signatureFailures
                && ((AlertThresholds) other).webhookErrors == webhookErrors
                && ((AlertThresholds) other).deliveryFailures == deliveryFailures;
    }

    @Override
    public int hashCode() {
        return Objects.hash(window, signatureFailures, webhookErrors, deliveryFailures);
    }

    @Override
    public String toString() {
        return "AlertThresholds[window=" + window + ", signatureFailures=" + signatureFailures + ", webhookErrors="
                + webhookErrors + ", deliveryFailures=" + deliveryFailures + "]";
    }

    /** Builds {@link AlertThresholds}. Not thread-safe. */
    public static final class Builder {
        private Duration window = Duration.ofMinutes(15);
        private int signatureFailures = 5;
        private int webhookErrors = 3;
        private int deliveryFailures = 10;

        private Builder() {}

        /**
         * The counting window; 15 minutes by default.
         *
         * @param window a positive duration
         * @return this builder
         */
        public Builder window(Duration window) {
            Checks.notNegative(window, "window");
            if (window.isZero()) {
                throw new IllegalArgumentException("window must be positive");
            }
            this.window = window;
            return this;
        }

        /**
         * How many signature failures raise an alert; 5 by default.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder signatureFailures(int count) {
            this.signatureFailures = atLeastOne(count, "signatureFailures");
            return this;
        }

        /**
         * How many 5xx answers to webhooks raise an alert; 3 by default.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder webhookErrors(int count) {
            this.webhookErrors = atLeastOne(count, "webhookErrors");
            return this;
        }

        /**
         * How many failed or undelivered messages raise an alert; 10 by default.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder deliveryFailures(int count) {
            this.deliveryFailures = atLeastOne(count, "deliveryFailures");
            return this;
        }

        /**
         * The thresholds.
         *
         * @return the thresholds
         */
        public AlertThresholds build() {
            return new AlertThresholds(this);
        }

        private static int atLeastOne(int count, String name) {
            if (count < 1) {
                throw new IllegalArgumentException(name + " must be at least 1");
            }
            return count;
        }
    }
}
