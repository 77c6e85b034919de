package io.tenanttwilio.internal.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.exception.RestException;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwilioErrorsTest {

    /** An error as twilio-java builds it from Twilio's JSON body. */
    private static ApiException twilioError(int code, String message) {
        String json = "{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":\"x\",\"status\":400}";
        return new ApiException(RestException.fromJson(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), new ObjectMapper()));
    }

    @AfterEach
    void forget() {
        SdkHttpClient.clearLastExchange();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
        "20003, READ, INVALID_CREDENTIALS",
        "20005, PURCHASE, INSUFFICIENT_FUNDS",
        "21404, PURCHASE, TRIAL_RESTRICTION",
        "21608, SEND, TRIAL_RESTRICTION",
        "21422, PURCHASE, NUMBER_NOT_AVAILABLE",
        "21452, PURCHASE, NO_NUMBERS_FOUND",
        "21631, PURCHASE, REGULATORY_REQUIREMENT",
        "21211, SEND, INVALID_PHONE_NUMBER",
        "21610, SEND, RECIPIENT_OPTED_OUT",
        "21612, SEND, RECIPIENT_UNREACHABLE",
        "21614, SEND, RECIPIENT_UNREACHABLE",
        "21408, SEND, GEO_PERMISSION_DENIED",
        "21606, SEND, NO_SENDER",
        "20429, SEND, RATE_LIMITED",
        "20404, READ, NUMBER_NOT_OWNED",
        "20500, READ, TWILIO_UNAVAILABLE",
        "20500, SEND, OUTCOME_UNKNOWN",
        "20503, PURCHASE, OUTCOME_UNKNOWN",
        "20503, CONFIGURE, TWILIO_UNAVAILABLE",
        "99999, READ, TWILIO_ERROR"
    })
    void mapsTwilioCodes(int code, Operation operation, ErrorCode expected) {
        TenantTwilioException e = TwilioErrors.translate(twilioError(code, "x"), TenantId.of("a"), operation);

        assertThat(e.errorCode()).isEqualTo(expected);
        assertThat(e.twilioErrorCode()).hasValue(code);
    }

    @ParameterizedTest(name = "no code on {0} -> {1}")
    @CsvSource({
        "READ, TWILIO_UNAVAILABLE",
        "SEND, OUTCOME_UNKNOWN",
        "PURCHASE, OUTCOME_UNKNOWN",
        "RELEASE, TWILIO_UNAVAILABLE"
    })
    void anAnswerWithoutTwilioBodyMayHaveTakenEffectForSendsAndPurchases(Operation operation, ErrorCode expected) {
        ApiException garbage = new ApiException("Unexpected character ('<' (code 60))");

        assertThat(TwilioErrors.translate(garbage, null, operation).errorCode()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "sent={0} on {1} -> {2}")
    @CsvSource({
        "false, SEND, TWILIO_UNAVAILABLE",
        "true, SEND, OUTCOME_UNKNOWN",
        "true, READ, TWILIO_UNAVAILABLE",
        "true, PURCHASE, OUTCOME_UNKNOWN"
    })
    void transportFailuresAreClassifiedByWhetherTheRequestLeft(boolean sent, Operation operation, ErrorCode expected) {
        SdkHttpClient.TransportException failure =
                new SdkHttpClient.TransportException("x", new java.io.IOException("boom"), sent);

        assertThat(TwilioErrors.translate(failure, null, operation).errorCode()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void thePhoneNumberInTwilioMessageNeverReachesTheStackTrace() {
        ApiException original = twilioError(21211, "The 'To' number +15815006712 is not a valid phone number.");

        TenantTwilioException e = TwilioErrors.translate(original, TenantId.of("a"), Operation.SEND);
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        e.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));

        assertThat(trace.toString(StandardCharsets.UTF_8))
                .doesNotContain("5815006712")
                .contains("+1581*****12", "21211", "INVALID_PHONE_NUMBER");
        assertThat(e.getCause()).isNotSameAs(original);
    }
}
