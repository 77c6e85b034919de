package io.tenanttwilio.numbers;

import io.tenanttwilio.phone.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a purchase ended: the number's record and state, each step, the verification report, and
 * when the number could not be set up, what a person must do. A purchase that spent money never
 * ends silently: either the number is {@link NumberState#ACTIVE}, or it is {@link
 * NumberState#NEEDS_ATTENTION} with {@link #manualInstructions()}, or it was released
 * ({@link #isReleased()}).
 *
 * <p>Immutable and thread-safe.
 */
public final class PurchaseResult {

    private final NumberRecord record;
    private final List<PurchaseStep> steps;
    private final @Nullable VerificationReport verification;
    private final @Nullable ManualInstructions manualInstructions;
    private final List<io.tenanttwilio.Detail> notices;

    private PurchaseResult(Builder b) {
        this.record = Objects.requireNonNull(b.record, "record");
        this.steps = List.copyOf(b.steps);
        this.verification = b.verification;
        this.manualInstructions = b.manualInstructions;
        this.notices = List.copyOf(b.notices);
    }

    /**
     * Starts a result; the SDK makes them, applications only in tests. The record must be set; there
     * are no steps, no verification and no instructions unless set.
     *
     * <pre>{@code
     * PurchaseResult result = PurchaseResult.builder()
     *         .record(record)
     *         .steps(List.of(PurchaseStep.of(PurchaseStep.Step.BUY, PurchaseStep.Outcome.SUCCEEDED)))
     *         .build();
     * }</pre>
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the number's record in the registry} */
    public NumberRecord record() {
        return record;
    }

    /** {@return where the number stands now} */
    public NumberState state() {
        return record.state();
    }

    /** {@return the number bought} */
    public Optional<PhoneNumber> phoneNumber() {
        return record.phoneNumber();
    }

    /** {@return whether the number is bought, configured and verified} */
    public boolean isActive() {
        return record.state() == NumberState.ACTIVE;
    }

    /** {@return whether the number was released because it could not be set up} */
    public boolean isReleased() {
        return record.state() == NumberState.RELEASED;
    }

    /** {@return the steps, in order} */
    public List<PurchaseStep> steps() {
        return steps;
    }

    /** {@return the last verification, when the number got that far} */
    public Optional<VerificationReport> verification() {
        return Optional.ofNullable(verification);
    }

    /** {@return what a person must do in the Twilio Console, when the number needs attention} */
    public Optional<ManualInstructions> manualInstructions() {
        return Optional.ofNullable(manualInstructions);
    }

    /**
     * {@return what a person should know about the number, in their language (for example that
     * texts to US recipients need the organization's carrier registration); empty when nothing}
     */
    public List<io.tenanttwilio.Detail> notices() {
        return notices;
    }

    /** The record (its number masked) and the steps. */
    @Override
    public String toString() {
        return "PurchaseResult[" + record + ", steps=" + steps + "]";
    }

    /** Builds a {@link PurchaseResult}. Not thread-safe. */
    public static final class Builder {
        private @Nullable NumberRecord record;
        private List<PurchaseStep> steps = List.of();
        private @Nullable VerificationReport verification;
        private @Nullable ManualInstructions manualInstructions;
        private final List<io.tenanttwilio.Detail> notices = new java.util.ArrayList<>();

        private Builder() {}

        /**
         * Adds a notice for the person who bought the number.
         *
         * @param notice what they should know
         * @return this builder
         */
        public Builder notice(io.tenanttwilio.Detail notice) {
            this.notices.add(Objects.requireNonNull(notice, "notice"));
            return this;
        }

        /**
         * Sets {@link PurchaseResult#record()}.
         *
         * @param record the number's record in the registry
         * @return this builder
         */
        public Builder record(NumberRecord record) {
            this.record = Objects.requireNonNull(record, "record");
            return this;
        }

        /**
         * Sets {@link PurchaseResult#steps()}; none by default.
         *
         * @param steps the steps, in order; copied
         * @return this builder
         */
        public Builder steps(List<PurchaseStep> steps) {
            this.steps = List.copyOf(steps);
            return this;
        }

        /**
         * Sets {@link PurchaseResult#verification()}; none by default.
         *
         * @param verification the last verification, or {@code null} when the number did not get
         *     that far
         * @return this builder
         */
        public Builder verification(@Nullable VerificationReport verification) {
            this.verification = verification;
            return this;
        }

        /**
         * Sets {@link PurchaseResult#manualInstructions()}; none by default.
         *
         * @param manualInstructions what a person must do, or {@code null} unless the number needs
         *     attention
         * @return this builder
         */
        public Builder manualInstructions(@Nullable ManualInstructions manualInstructions) {
            this.manualInstructions = manualInstructions;
            return this;
        }

        /**
         * Builds the result.
         *
         * @return the result, immutable
         * @throws NullPointerException if the record is missing
         */
        public PurchaseResult build() {
            return new PurchaseResult(this);
        }
    }
}
