package io.tenanttwilio.numbers;

import io.tenanttwilio.ErrorCode;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One step of a purchase and how it ended: which step, its outcome, what went wrong if it failed,
 * and Twilio's request id when Twilio answered.
 *
 * <pre>{@code
 * PurchaseStep bought = PurchaseStep.of(PurchaseStep.Step.BUY, PurchaseStep.Outcome.SUCCEEDED);
 * PurchaseStep failed = PurchaseStep.builder(PurchaseStep.Step.CONFIGURE, PurchaseStep.Outcome.FAILED)
 *         .error(ErrorCode.TWILIO_UNAVAILABLE)
 *         .twilioRequestId("RQ0123456789abcdef0123456789abcdef")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PurchaseStep {

    /** The steps of a purchase, in order. Immutable and thread-safe. */
    public enum Step {
        /** The credentials were checked against Twilio. */
        CHECK_CREDENTIALS,
        /** The number was bought. */
        BUY,
        /** The tenant's credentials were saved (only once they proved valid). */
        SAVE_CREDENTIALS,
        /** The SMS URL, method and status callback were written. */
        CONFIGURE,
        /** The whole setup was checked. */
        VERIFY,
        /** The number was released after the configuration failed. */
        RELEASE
    }

    /** How a step ended. Immutable and thread-safe. */
    public enum Outcome {
        /** The step was carried out. */
        SUCCEEDED,
        /** The step failed; {@link PurchaseStep#errorCode()} says why. */
        FAILED,
        /** Done by an earlier attempt with the same idempotency key. */
        ALREADY_DONE
    }

    private final Step step;
    private final Outcome outcome;
    private final @Nullable ErrorCode error;
    private final @Nullable String twilioRequestId;

    private PurchaseStep(Builder b) {
        this.step = b.step;
        this.outcome = b.outcome;
        this.error = b.error;
        this.twilioRequestId = b.twilioRequestId;
    }

    /**
     * A step without an error or a Twilio request id; the SDK makes them, applications only in
     * tests.
     *
     * @param step which step
     * @param outcome how it ended
     * @return the step
     */
    public static PurchaseStep of(Step step, Outcome outcome) {
        return builder(step, outcome).build();
    }

    /**
     * Starts a step, to add what went wrong or Twilio's request id; the SDK makes them,
     * applications only in tests.
     *
     * @param step which step
     * @param outcome how it ended
     * @return a builder with no error and no request id
     */
    public static Builder builder(Step step, Outcome outcome) {
        return new Builder(step, outcome);
    }

    /** {@return which step} */
    public Step step() {
        return step;
    }

    /** {@return how the step ended} */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * {@return what went wrong, or {@code null} unless the step failed; {@link #errorCode()} says
     * the same as an {@code Optional}}
     */
    public @Nullable ErrorCode error() {
        return error;
    }

    /** {@return Twilio's request id, or {@code null} when Twilio did not answer} */
    public @Nullable String twilioRequestId() {
        return twilioRequestId;
    }

    /** {@return the error, if the step failed} */
    public Optional<ErrorCode> errorCode() {
        return Optional.ofNullable(error);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PurchaseStep)) {
            return false;
        }
        PurchaseStep that = (PurchaseStep) other;
        return step == that.step
                && outcome == that.outcome
                && error == that.error
                && Objects.equals(twilioRequestId, that.twilioRequestId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, outcome, error, twilioRequestId);
    }

    @Override
    public String toString() {
        return "PurchaseStep[step=" + step + ", outcome=" + outcome + ", error=" + error + ", twilioRequestId="
                + twilioRequestId + "]";
    }

    /** Builds a {@link PurchaseStep}. Not thread-safe. */
    public static final class Builder {
        private final Step step;
        private final Outcome outcome;
        private @Nullable ErrorCode error;
        private @Nullable String twilioRequestId;

        private Builder(Step step, Outcome outcome) {
            this.step = Objects.requireNonNull(step, "step");
            this.outcome = Objects.requireNonNull(outcome, "outcome");
        }

        /**
         * Sets {@link PurchaseStep#error()}; none by default.
         *
         * @param error what went wrong, or {@code null} unless the step failed
         * @return this builder
         */
        public Builder error(@Nullable ErrorCode error) {
            this.error = error;
            return this;
        }

        /**
         * Sets {@link PurchaseStep#twilioRequestId()}; none by default.
         *
         * @param twilioRequestId Twilio's request id, or {@code null} when Twilio did not answer
         * @return this builder
         */
        public Builder twilioRequestId(@Nullable String twilioRequestId) {
            this.twilioRequestId = twilioRequestId;
            return this;
        }

        /**
         * Builds the step.
         *
         * @return the step, immutable
         */
        public PurchaseStep build() {
            return new PurchaseStep(this);
        }
    }
}
