package io.tenanttwilio.phone;

import io.tenanttwilio.internal.support.Redaction;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of normalizing one value in a batch: either the phone number, or the reason it was
 * rejected. See {@link PhoneNormalizer#normalizeAll(java.util.stream.Stream)}.
 *
 * <p>{@link #toString()} masks the input. Instances are immutable and thread-safe.
 */
public final class NormalizationResult {

    private final @Nullable String input;
    private final @Nullable PhoneNumber phoneNumber;
    private final InvalidPhoneNumberException.@Nullable Reason rejection;

    private NormalizationResult(
            @Nullable String input,
            @Nullable PhoneNumber phoneNumber,
            InvalidPhoneNumberException.@Nullable Reason rejection) {
        this.input = input;
        this.phoneNumber = phoneNumber;
        this.rejection = rejection;
    }

    static NormalizationResult accepted(@Nullable String input, PhoneNumber phoneNumber) {
        return new NormalizationResult(input, Objects.requireNonNull(phoneNumber), null);
    }

    static NormalizationResult rejected(@Nullable String input, InvalidPhoneNumberException.Reason reason) {
        return new NormalizationResult(input, null, Objects.requireNonNull(reason));
    }

    /** {@return the value as it was given (possibly {@code null})} */
    public @Nullable String input() {
        return input;
    }

    /** {@return whether the value is a valid phone number} */
    public boolean isValid() {
        return phoneNumber != null;
    }

    /** {@return the normalized number, when the value was valid} */
    public Optional<PhoneNumber> phoneNumber() {
        return Optional.ofNullable(phoneNumber);
    }

    /** {@return why the value was rejected, or empty when it was valid} */
    public Optional<InvalidPhoneNumberException.Reason> rejection() {
        return Optional.ofNullable(rejection);
    }

    @Override
    public String toString() {
        String shown = input == null ? "null" : Redaction.maskPhonesIn(input);
        return phoneNumber != null
                ? "NormalizationResult[" + shown + " -> " + phoneNumber.masked() + "]"
                : "NormalizationResult[" + shown + " rejected: " + rejection + "]";
    }
}
