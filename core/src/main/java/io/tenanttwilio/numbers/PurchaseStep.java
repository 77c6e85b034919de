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

    /** The steps of a purchase, in order. */
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

    /** How a step ended. */
    public enum Outcome {
        SUCCEEDED,
        FAILED,
        /** Done by an earlier attempt with the same idempotency key. */
        ALREADY_DONE
    }

    public PurchaseStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The error, if the step failed. */
    public Optional<ErrorCode> errorCode() {
        return Optional.ofNullable(error);
    }
}
