package io.tenanttwilio.numbers;

import java.util.Objects;

/**
 * How a release ended. Immutable and thread-safe.
 *
 * @param record the number's record, now {@link NumberState#RELEASED}
 * @param releasedAtTwilio whether Twilio released it now ({@code false} when it was already gone
 *     at Twilio and only the local state was cleaned up)
 */
public record ReleaseResult(NumberRecord record, boolean releasedAtTwilio) {
    /**
     * A result; the SDK creates them, applications only in tests.
     *
     * @param record the number's record, now {@link NumberState#RELEASED}
     * @param releasedAtTwilio whether Twilio released it now
     */
    public ReleaseResult {
        Objects.requireNonNull(record, "record");
    }
}
