package io.tenanttwilio.numbers;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a release ended: the number's record, now {@link NumberState#RELEASED}, and whether Twilio
 * released it now or it was already gone there.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReleaseResult {

    private final NumberRecord record;
    private final boolean releasedAtTwilio;

    private ReleaseResult(NumberRecord record, boolean releasedAtTwilio) {
        this.record = Objects.requireNonNull(record, "record");
        this.releasedAtTwilio = releasedAtTwilio;
    }

    /**
     * A result; the SDK makes them, applications only in tests.
     *
     * @param record the number's record, now {@link NumberState#RELEASED}
     * @param releasedAtTwilio whether Twilio released it now ({@code false} when it was already
     *     gone at Twilio and only the local state was cleaned up)
     * @return the result
     */
    public static ReleaseResult of(NumberRecord record, boolean releasedAtTwilio) {
        return new ReleaseResult(record, releasedAtTwilio);
    }

    /** {@return the number's record, now {@link NumberState#RELEASED}} */
    public NumberRecord record() {
        return record;
    }

    /**
     * {@return whether Twilio released the number now; {@code false} when it was already gone at
     * Twilio and only the local state was cleaned up}
     */
    public boolean releasedAtTwilio() {
        return releasedAtTwilio;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ReleaseResult)) {
            return false;
        }
        ReleaseResult that = (ReleaseResult) other;
        return record.equals(that.record) && releasedAtTwilio == that.releasedAtTwilio;
    }

    @Override
    public int hashCode() {
        return Objects.hash(record, releasedAtTwilio);
    }

    /** The record (its number masked) and whether Twilio released it now. */
    @Override
    public String toString() {
        return "ReleaseResult[record=" + record + ", releasedAtTwilio=" + releasedAtTwilio + "]";
    }
}
