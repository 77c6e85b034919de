package io.tenanttwilio.internal.twilio;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.support.Redaction;
import io.tenanttwilio.internal.text.Problems;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns what twilio-java throws into the SDK's translated errors, with Twilio's code and request
 * id. The original exception is not kept as the cause: its message may hold a phone number. A
 * copy with the numbers masked (and the same stack trace) is kept instead.
 */
public final class TwilioErrors {

    /** What kind of call failed: it decides whether an unclear failure may have taken effect. */
    public enum Operation {
        /** Reads: never has an effect. */
        READ,
        /** Sending a message. */
        SEND,
        /** Buying a number. */
        PURCHASE,
        /** Changing a number's or an account's configuration (repeatable). */
        CONFIGURE,
        /** Releasing a number (repeatable). */
        RELEASE,
        /** Creating a carrier registration's resource (a brand, a campaign…): a lost answer may have created it. */
        REGISTER;

        boolean hasEffect() {
            return this == SEND || this == PURCHASE || this == REGISTER;
        }
    }

    private static final Map<Integer, ErrorCode> CODES = Map.ofEntries(
            Map.entry(20003, ErrorCode.INVALID_CREDENTIALS),
            Map.entry(20008, ErrorCode.INVALID_CREDENTIALS),
            Map.entry(20005, ErrorCode.INSUFFICIENT_FUNDS),
            Map.entry(10001, ErrorCode.INSUFFICIENT_FUNDS),
            Map.entry(20403, ErrorCode.ACCOUNT_SUSPENDED),
            Map.entry(20429, ErrorCode.RATE_LIMITED),
            Map.entry(21611, ErrorCode.RATE_LIMITED),
            Map.entry(21404, ErrorCode.TRIAL_RESTRICTION),
            Map.entry(21608, ErrorCode.TRIAL_RESTRICTION),
            Map.entry(21421, ErrorCode.NUMBER_NOT_AVAILABLE),
            Map.entry(21422, ErrorCode.NUMBER_NOT_AVAILABLE),
            Map.entry(21452, ErrorCode.NO_NUMBERS_FOUND),
            Map.entry(21451, ErrorCode.INVALID_REQUEST),
            Map.entry(21631, ErrorCode.REGULATORY_REQUIREMENT),
            Map.entry(21649, ErrorCode.REGULATORY_REQUIREMENT),
            Map.entry(21615, ErrorCode.REGULATORY_REQUIREMENT),
            Map.entry(21211, ErrorCode.INVALID_PHONE_NUMBER),
            Map.entry(21212, ErrorCode.NO_SENDER),
            Map.entry(21606, ErrorCode.NO_SENDER),
            Map.entry(21701, ErrorCode.NO_SENDER),
            Map.entry(21704, ErrorCode.NO_SENDER),
            Map.entry(21408, ErrorCode.GEO_PERMISSION_DENIED),
            Map.entry(21610, ErrorCode.RECIPIENT_OPTED_OUT),
            Map.entry(21612, ErrorCode.RECIPIENT_UNREACHABLE),
            Map.entry(21614, ErrorCode.RECIPIENT_UNREACHABLE),
            Map.entry(21602, ErrorCode.INVALID_MESSAGE),
            Map.entry(21617, ErrorCode.INVALID_MESSAGE),
            Map.entry(21623, ErrorCode.INVALID_MESSAGE),
            Map.entry(21502, ErrorCode.CONFIGURATION_ERROR),
            Map.entry(21609, ErrorCode.CONFIGURATION_ERROR));

    private TwilioErrors() {}

    /** The SDK's error for a failed call of {@code operation} on behalf of {@code tenant}. */
    public static TenantTwilioException translate(
            RuntimeException failure, @Nullable TenantId tenant, Operation operation) {
        if (failure instanceof TenantTwilioException) {
            return (TenantTwilioException) failure;
        }
        SdkHttpClient.Exchange exchange = SdkHttpClient.lastExchange();
        String requestId = exchange == null ? null : exchange.requestId();
        int status = exchange == null ? 0 : exchange.status();
        Integer code = failure instanceof ApiException ? ((ApiException) failure).getCode() : null;
        ErrorCode errorCode = classify(failure, code, status, operation);
        return Problems.builder(errorCode)
                .tenant(tenant)
                .twilioError(code, requestId)
                .cause(sanitized(failure, code, status))
                .build();
    }

    /** The error code for a Twilio error code alone (for status callbacks and stored errors). */
    public static @Nullable ErrorCode forTwilioCode(int code) {
        return CODES.get(code);
    }

    private static ErrorCode classify(
            RuntimeException failure, @Nullable Integer code, int status, Operation operation) {
        if (failure instanceof SdkHttpClient.TransportException) {
            boolean sent = ((SdkHttpClient.TransportException) failure).mayHaveBeenSent();
            return sent && operation.hasEffect() ? ErrorCode.OUTCOME_UNKNOWN : ErrorCode.TWILIO_UNAVAILABLE;
        }
        if (code == null || code == 20500 || code == 20503 || code == 20504) {
            // No Twilio error body (an empty or HTML answer) or a server error: it may have worked.
            boolean serverSide = status == 0 || status >= 500;
            return serverSide && operation.hasEffect() ? ErrorCode.OUTCOME_UNKNOWN : ErrorCode.TWILIO_UNAVAILABLE;
        }
        if (code == 20404) {
            return operation == Operation.READ || operation == Operation.CONFIGURE || operation == Operation.RELEASE
                    ? ErrorCode.NUMBER_NOT_OWNED
                    : ErrorCode.TWILIO_ERROR;
        }
        ErrorCode known = CODES.get(code);
        return known != null ? known : ErrorCode.TWILIO_ERROR;
    }

    private static RuntimeException sanitized(RuntimeException failure, @Nullable Integer code, int status) {
        String original = failure.getMessage() == null ? "" : failure.getMessage();
        StringBuilder message = new StringBuilder(
                failure instanceof TwilioException
                        ? "Twilio"
                        : failure.getClass().getSimpleName());
        if (code != null) {
            message.append(" error ").append(code);
        }
        if (status > 0) {
            message.append(" (HTTP ").append(status).append(')');
        }
        message.append(": ").append(Redaction.maskPhonesIn(original));
        TwilioCallFailure copy = new TwilioCallFailure(
                message.toString(), failure.getCause() == null ? null : sanitizedCause(failure.getCause()));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    private static @Nullable Throwable sanitizedCause(Throwable cause) {
        String message = cause.getMessage() == null ? "" : Redaction.maskPhonesIn(cause.getMessage());
        TwilioCallFailure copy = new TwilioCallFailure(cause.getClass().getSimpleName() + ": " + message, null);
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }

    /** A failed call to Twilio, described without phone numbers. */
    public static final class TwilioCallFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TwilioCallFailure(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
