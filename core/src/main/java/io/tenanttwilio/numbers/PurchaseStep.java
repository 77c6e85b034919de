package io.tenanttwilio.numbers;

import io.tenanttwilio.ErrorCode;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One step of a purchase and how it ended. Immutable and thread-safe.
 *
 * @param step which step
 * @param outcome how it ended
 * @param error what went wrong, if it failed
 * @param twilioRequestId Twilio's request id, when Twilio answered
 */
public record PurchaseStep(
        Step step,
        Outcome outcome,
        @Nullable ErrorCode error,
        @Nullable String twilioRequestId) {

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

    /**
     * A step; the SDK creates them, applications only in tests.
     *
     * @param step which step
     * @param outcome how it ended
     * @param error what went wrong, or {@code null} unless it failed
     * @param twilioRequestId Twilio's request id, or {@code null} when Twilio did not answer
     */
    public PurchaseStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** {@return the error, if the step failed} */
    public Optional<ErrorCode> errorCode() {
        return Optional.ofNullable(error);
    }
}
