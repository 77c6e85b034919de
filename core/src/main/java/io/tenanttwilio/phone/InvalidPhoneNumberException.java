package io.tenanttwilio.phone;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.text.Problems;

/**
 * What was given is not a valid phone number ({@link ErrorCode#INVALID_PHONE_NUMBER}); {@link
 * #reason()} says why.
 *
 * <p>The rejected input is not part of the message (it may be a patient's number); the caller
 * has it. Instances are immutable and thread-safe.
 */
public final class InvalidPhoneNumberException extends TenantTwilioException {

    private static final long serialVersionUID = 1L;

    /** Why a value was rejected. Immutable and thread-safe. */
    public enum Reason {
        /** Nothing was entered. */
        EMPTY,
        /** Too few digits for a phone number. */
        TOO_SHORT,
        /** Too many digits for a phone number. */
        TOO_LONG,
        /** The international prefix is followed by a country code that does not exist. */
        INVALID_COUNTRY_CODE,
        /** The value is not a phone number at all (letters, symbols). */
        NOT_A_NUMBER,
        /** The value has the shape of a number but no such number exists in its region. */
        INVALID_NUMBER,
        /** A value that must already be E.164 ({@code +} and digits only) is not. */
        NOT_E164
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the value was rejected
     * @param regionCode the region the value was read in ({@code "ZZ"} when none)
     */
    public InvalidPhoneNumberException(Reason reason, String regionCode) {
        super(
                Problems.builder(ErrorCode.INVALID_PHONE_NUMBER)
                        .detail("phone." + reason.name(), regionCode)
                        .toBuilder());
        this.reason = reason;
    }

    /** {@return why the value was rejected} */
    public Reason reason() {
        return reason;
    }
}
