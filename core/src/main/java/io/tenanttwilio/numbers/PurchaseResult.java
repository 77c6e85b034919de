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

    /**
     * A result; the SDK creates them, applications only in tests.
     *
     * @param record the number's record in the registry
     * @param steps the steps, in order
     * @param verification the last verification, or {@code null} when the number did not get that
     *     far
     * @param manualInstructions what a person must do, or {@code null} unless the number needs
     *     attention
     */
    public PurchaseResult(
            NumberRecord record,
            List<PurchaseStep> steps,
            @Nullable VerificationReport verification,
            @Nullable ManualInstructions manualInstructions) {
        this.record = Objects.requireNonNull(record, "record");
        this.steps = List.copyOf(steps);
        this.verification = verification;
        this.manualInstructions = manualInstructions;
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

    @Override
    public String toString() {
        return "PurchaseResult[" + record + ", steps=" + steps + "]";
    }
}
