package io.tenanttwilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TenantTwilioExceptionTest {

    @Test
    void carriesTheTwilioErrorCodeRequestIdAndTenant() {
        TenantTwilioException e = Problems.builder(ErrorCode.INSUFFICIENT_FUNDS)
                .tenant(TenantId.of("clinique-a"))
                .twilioError(20005, "RQ0123456789abcdef0123456789abcdef")
                .build();

        assertThat(e.errorCode()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
        assertThat(e.twilioErrorCode()).hasValue(20005);
        assertThat(e.twilioRequestId()).contains("RQ0123456789abcdef0123456789abcdef");
        assertThat(e.tenantId()).contains(TenantId.of("clinique-a"));
        assertThat(e.getMessage())
                .isEqualTo("[INSUFFICIENT_FUNDS] The Twilio account does not have enough funds. Add funds in the"
                        + " Twilio Console (Billing), then retry. Nothing was bought. (tenant=clinique-a,"
                        + " twilioError=20005, requestId=RQ0123456789abcdef0123456789abcdef)");
    }

    @Test
    void speaksTheUsersLanguageWithoutTechnicalContext() {
        TenantTwilioException e = Problems.builder(ErrorCode.ACCOUNT_SUSPENDED)
                .twilioError(20003, "RQ1")
                .build();

        assertThat(e.userMessage(Locale.FRENCH))
                .startsWith("Ce compte Twilio est suspendu.")
                .doesNotContain("RQ1", "20003");
        assertThat(e.userMessage(Locale.ENGLISH)).startsWith("This Twilio account is suspended.");
    }

    @Test
    void masksPhoneNumberArgumentsInTheDeveloperMessageOnly() {
        TenantTwilioException e = Problems.builder(ErrorCode.INVALID_REQUEST)
                .detail("phone.INVALID_NUMBER", PhoneNumber.ofE164("+15815006712"))
                .build();

        assertThat(e.getMessage()).contains("+1581*****12").doesNotContain("5006712");
        assertThat(e.userMessage(Locale.ENGLISH)).contains("+1 581-500-6712");
    }

    @Test
    void keepsRetryabilityOnTheCode() {
        assertThat(ErrorCode.TWILIO_UNAVAILABLE.isRetryable()).isTrue();
        assertThat(ErrorCode.OUTCOME_UNKNOWN.isRetryable()).isFalse();
        assertThat(ErrorCode.INVALID_CREDENTIALS.isRetryable()).isFalse();
    }
}
