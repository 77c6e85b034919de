package io.tenanttwilio.guardrails;

import io.tenanttwilio.outbox.ConsentRule;
import io.tenanttwilio.outbox.QuietHours;
import io.tenanttwilio.outbox.QuietHoursAction;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's guardrails: its time zone (for calendar periods), SMS quotas, purchase limits and
 * spend cap, the balance under which it is warned, and whether drift is repaired automatically.
 * One policy applies by default; {@link io.tenanttwilio.spi.TenantPolicies} may override it per
 * tenant.
 *
 * <pre>{@code
 * TenantPolicy policy = TenantPolicy.builder()
 *         .timeZone(ZoneId.of("America/Toronto"))
 *         .monthlySmsLimit(5_000).dailySmsLimit(500).countSegments(true)
 *         .maxPurchasesPer24Hours(3).maxNumbersOwned(5)
 *         .lowBalanceThreshold(new BigDecimal("10.00"))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TenantPolicy {

    private static final TenantPolicy DEFAULTS = builder().build();

    private final ZoneId timeZone;
    private final @Nullable Long dailySmsLimit;
    private final @Nullable Long monthlySmsLimit;
    private final boolean countSegments;
    private final int maxPurchasesPer24Hours;
    private final int maxNumbersOwned;
    private final @Nullable BigDecimal monthlyNumberSpendCap;
    private final BigDecimal estimatedNumberMonthlyPrice;
    private final BigDecimal lowBalanceThreshold;
    private final boolean autoRepair;
    private final UnregisteredTraffic unregisteredTraffic;
    private final CanadianLongCodes canadianLongCodes;
    private final QuietHours quietHours;
    private final QuietHoursAction quietHoursAction;
    private final ConsentRule consentRule;

    private TenantPolicy(Builder b) {
        this.timeZone = b.timeZone;
        this.dailySmsLimit = b.dailySmsLimit;
        this.monthlySmsLimit = b.monthlySmsLimit;
        this.countSegments = b.countSegments;
        this.maxPurchasesPer24Hours = b.maxPurchasesPer24Hours;
        this.maxNumbersOwned = b.maxNumbersOwned;
        this.monthlyNumberSpendCap = b.monthlyNumberSpendCap;
        this.estimatedNumberMonthlyPrice = b.estimatedNumberMonthlyPrice;
        this.lowBalanceThreshold = b.lowBalanceThreshold;
        this.autoRepair = b.autoRepair;
        this.unregisteredTraffic = b.unregisteredTraffic;
        this.quietHours = b.quietHours;
        this.quietHoursAction = b.quietHoursAction;
        this.consentRule = b.consentRule;
        this.canadianLongCodes = b.canadianLongCodes;
    }

    /**
     * No SMS quota, 5 purchases per 24 h, 10 numbers, warned under 5 USD, UTC, repairs drift.
     *
     * @return the default policy
     */
    public static TenantPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a policy from the defaults.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this policy's values, to change some} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.timeZone = timeZone;
        b.dailySmsLimit = dailySmsLimit;
        b.monthlySmsLimit = monthlySmsLimit;
        b.countSegments = countSegments;
        b.maxPurchasesPer24Hours = maxPurchasesPer24Hours;
        b.maxNumbersOwned = maxNumbersOwned;
        b.monthlyNumberSpendCap = monthlyNumberSpendCap;
        b.estimatedNumberMonthlyPrice = estimatedNumberMonthlyPrice;
        b.lowBalanceThreshold = lowBalanceThreshold;
        b.autoRepair = autoRepair;
        b.unregisteredTraffic = unregisteredTraffic;
        b.quietHours = quietHours;
        b.quietHoursAction = quietHoursAction;
        b.consentRule = consentRule;
        b.canadianLongCodes = canadianLongCodes;
        return b;
    }

    /** {@return the zone of the tenant's days and months} */
    public ZoneId timeZone() {
        return timeZone;
    }

    /**
     * The most SMS the tenant may send in a day of its time zone.
     *
     * @return the limit; empty when there is none
     */
    public OptionalLong dailySmsLimit() {
        return dailySmsLimit == null ? OptionalLong.empty() : OptionalLong.of(dailySmsLimit);
    }

    /**
     * The most SMS the tenant may send in a month of its time zone.
     *
     * @return the limit; empty when there is none
     */
    public OptionalLong monthlySmsLimit() {
        return monthlySmsLimit == null ? OptionalLong.empty() : OptionalLong.of(monthlySmsLimit);
    }

    /** {@return whether quotas count SMS segments (what Twilio bills) rather than messages} */
    public boolean countSegments() {
        return countSegments;
    }

    /** {@return the most numbers the tenant may buy in any 24 hours} */
    public int maxPurchasesPer24Hours() {
        return maxPurchasesPer24Hours;
    }

    /** {@return the most numbers the tenant may own at once} */
    public int maxNumbersOwned() {
        return maxNumbersOwned;
    }

    /**
     * {@return the most a month of numbers may cost, estimated with {@link
     * #estimatedNumberMonthlyPrice()}}
     */
    public Optional<BigDecimal> monthlyNumberSpendCap() {
        return Optional.ofNullable(monthlyNumberSpendCap);
    }

    /**
     * {@return what a number is estimated to cost a month (Twilio's API does not say when buying)}
     */
    public BigDecimal estimatedNumberMonthlyPrice() {
        return estimatedNumberMonthlyPrice;
    }

    /** {@return the Twilio balance under which the tenant (or the platform) is warned} */
    public BigDecimal lowBalanceThreshold() {
        return lowBalanceThreshold;
    }

    /** {@return whether the health check writes a drifted webhook configuration back by itself} */
    public boolean autoRepair() {
        return autoRepair;
    }

    /** {@return what a send does when the carriers would block it for want of registration} */
    public UnregisteredTraffic unregisteredTraffic() {
        return unregisteredTraffic;
    }

    /** {@return whether Canadian long codes need registration for Canadian recipients} */
    public CanadianLongCodes canadianLongCodes() {
        return canadianLongCodes;
    }

    /**
     * {@return the hours at which scheduled messages may reach a recipient, in the recipient's
     * local time (from the number; this policy's time zone when the number does not tell)}
     */
    public QuietHours quietHours() {
        return quietHours;
    }

    /** {@return what the outbox does with a message whose time is in the recipient's quiet hours} */
    public QuietHoursAction quietHoursAction() {
        return quietHoursAction;
    }

    /** {@return whether scheduled messages need a recorded consent} */
    public ConsentRule consentRule() {
        return consentRule;
    }

    @Override
    public String toString() {
        return "TenantPolicy[zone=" + timeZone + ", daily=" + dailySmsLimit + ", monthly=" + monthlySmsLimit
                + (countSegments ? " segments" : " messages") + ", purchases/24h=" + maxPurchasesPer24Hours
                + ", numbers=" + maxNumbersOwned + ", spendCap=" + monthlyNumberSpendCap + ", lowBalance="
                + lowBalanceThreshold + ", autoRepair=" + autoRepair + ", unregistered=" + unregisteredTraffic
                + ", canada=" + canadianLongCodes + ", quietHours=" + quietHours.toText() + " " + quietHoursAction
                + ", consent=" + consentRule + "]";
    }

    /** Builds a {@link TenantPolicy}. Not thread-safe. */
    public static final class Builder {
        private ZoneId timeZone = ZoneId.of("UTC");
        private @Nullable Long dailySmsLimit;
        private @Nullable Long monthlySmsLimit;
        private boolean countSegments;
        private int maxPurchasesPer24Hours = 5;
        private int maxNumbersOwned = 10;
        private @Nullable BigDecimal monthlyNumberSpendCap;
        private BigDecimal estimatedNumberMonthlyPrice = new BigDecimal("1.15");
        private BigDecimal lowBalanceThreshold = new BigDecimal("5.00");
        private boolean autoRepair = true;
        private UnregisteredTraffic unregisteredTraffic = UnregisteredTraffic.REFUSE;
        private CanadianLongCodes canadianLongCodes = CanadianLongCodes.NO_REGISTRATION;
        private QuietHours quietHours = QuietHours.TCPA;
        private QuietHoursAction quietHoursAction = QuietHoursAction.WAIT;
        private ConsentRule consentRule = ConsentRule.NOT_CHECKED;

        private Builder() {}

        /**
         * The hours at which scheduled messages may reach a recipient, in their local time; 8:00
         * to 21:00 ({@link QuietHours#TCPA}) by default.
         *
         * @param hours the allowed hours
         * @return this builder
         */
        public Builder quietHours(QuietHours hours) {
            this.quietHours = java.util.Objects.requireNonNull(hours, "hours");
            return this;
        }

        /**
         * What the outbox does with a message whose time is in the recipient's quiet hours; it
         * waits for them to end by default.
         *
         * @param action wait, or refuse
         * @return this builder
         */
        public Builder quietHoursAction(QuietHoursAction action) {
            this.quietHoursAction = java.util.Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * Whether scheduled messages need a recorded consent; not checked by default (reminders of
         * a patient's own appointments are transactional).
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder consentRule(ConsentRule rule) {
            this.consentRule = java.util.Objects.requireNonNull(rule, "rule");
            return this;
        }

        /**
         * Says what a send does when the carriers would block it for want of registration; it is
         * refused by default.
         *
         * @param traffic refuse, or warn and send
         * @return this builder
         */
        public Builder unregisteredTraffic(UnregisteredTraffic traffic) {
            this.unregisteredTraffic = java.util.Objects.requireNonNull(traffic, "traffic");
            return this;
        }

        /**
         * Says whether Canadian long codes need registration for Canadian recipients; Twilio's
         * documented rule (they do not) by default.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder canadianLongCodes(CanadianLongCodes rule) {
            this.canadianLongCodes = java.util.Objects.requireNonNull(rule, "rule");
            return this;
        }

        /**
         * Sets the zone of the tenant's days and months; UTC by default.
         *
         * @param zone the time zone
         * @return this builder
         */
        public Builder timeZone(ZoneId zone) {
            this.timeZone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * At most this many SMS (or segments) a calendar day; {@code null} for no limit.
         *
         * @param limit the limit, not negative, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is negative
         */
        public Builder dailySmsLimit(@Nullable Long limit) {
            this.dailySmsLimit = positiveOrNull(limit);
            return this;
        }

        /**
         * Sets the most SMS (or segments) a calendar day.
         *
         * @param limit the limit, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is negative
         */
        public Builder dailySmsLimit(long limit) {
            return dailySmsLimit(Long.valueOf(limit));
        }

        /**
         * At most this many SMS (or segments) a calendar month; {@code null} for no limit.
         *
         * @param limit the limit, not negative, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is negative
         */
        public Builder monthlySmsLimit(@Nullable Long limit) {
            this.monthlySmsLimit = positiveOrNull(limit);
            return this;
        }

        /**
         * Sets the most SMS (or segments) a calendar month.
         *
         * @param limit the limit, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is negative
         */
        public Builder monthlySmsLimit(long limit) {
            return monthlySmsLimit(Long.valueOf(limit));
        }

        /**
         * Says whether quotas count SMS segments (what Twilio bills) rather than messages; messages
         * by default.
         *
         * @param segments {@code true} to count segments
         * @return this builder
         */
        public Builder countSegments(boolean segments) {
            this.countSegments = segments;
            return this;
        }

        /**
         * Sets the most numbers the tenant may buy in any 24 hours; 5 by default.
         *
         * @param max the limit, not negative; 0 forbids purchases
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is negative
         */
        public Builder maxPurchasesPer24Hours(int max) {
            this.maxPurchasesPer24Hours = atLeastZero(max);
            return this;
        }

        /**
         * Sets the most numbers the tenant may own at once; 10 by default.
         *
         * @param max the limit, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is negative
         */
        public Builder maxNumbersOwned(int max) {
            this.maxNumbersOwned = atLeastZero(max);
            return this;
        }

        /**
         * Sets the most a month of the tenant's numbers may cost, estimated; no cap by default.
         *
         * @param cap the amount, in the account's currency, or {@code null} for no cap
         * @return this builder
         */
        public Builder monthlyNumberSpendCap(@Nullable BigDecimal cap) {
            this.monthlyNumberSpendCap = cap;
            return this;
        }

        /**
         * Sets what a number is estimated to cost a month, for the spend cap; 1.15 by default.
         *
         * @param price the amount, in the account's currency
         * @return this builder
         */
        public Builder estimatedNumberMonthlyPrice(BigDecimal price) {
            this.estimatedNumberMonthlyPrice = Objects.requireNonNull(price, "price");
            return this;
        }

        /**
         * Sets the Twilio balance under which the tenant is warned; 5.00 by default.
         *
         * @param threshold the amount, in the account's currency
         * @return this builder
         */
        public Builder lowBalanceThreshold(BigDecimal threshold) {
            this.lowBalanceThreshold = Objects.requireNonNull(threshold, "threshold");
            return this;
        }

        /**
         * Says whether the health check writes a drifted webhook configuration back by itself; it
         * does by default.
         *
         * @param autoRepair {@code true} to repair drift without asking
         * @return this builder
         */
        public Builder autoRepair(boolean autoRepair) {
            this.autoRepair = autoRepair;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy, immutable
         */
        public TenantPolicy build() {
            return new TenantPolicy(this);
        }

        private static @Nullable Long positiveOrNull(@Nullable Long limit) {
            if (limit != null && limit < 0) {
                throw new IllegalArgumentException("A limit cannot be negative");
            }
            return limit;
        }

        private static int atLeastZero(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("A limit cannot be negative");
            }
            return value;
        }
    }
}
