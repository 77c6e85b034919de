package io.tenanttwilio.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SmsMessageTest {

    private static SmsMessage message(MessageStatus status, Integer errorCode) {
        return SmsMessage.builder()
                .id("m1")
                .tenantId(TenantId.of("clinique-a"))
                .conversationId("c1")
                .direction(MessageDirection.OUTBOUND)
                .from(PhoneNumber.ofE164("+14185550142"))
                .to(PhoneNumber.ofE164("+15815006712"))
                .body("Rappel")
                .status(status)
                .errorCode(errorCode)
                .createdAt(Instant.EPOCH)
                .updatedAt(Instant.EPOCH)
                .build();
    }

    @Test
    void explainsACommonDeliveryFailureInBothLanguages() {
        SmsMessage undelivered = message(MessageStatus.UNDELIVERED, 30003);

        assertThat(undelivered.failureReason(Locale.ENGLISH)).contains("The recipient's phone is off or out of reach.");
        assertThat(undelivered.failureReason(Locale.CANADA_FRENCH))
                .contains("Le téléphone du destinataire est éteint ou hors de portée.");
    }

    @Test
    void namesAnUnknownCodeAndSaysNothingForADeliveredMessage() {
        assertThat(message(MessageStatus.FAILED, 39999).failureReason(Locale.FRENCH))
                .contains("Erreur Twilio 39999.");
        assertThat(message(MessageStatus.FAILED, null).failureReason(Locale.ENGLISH))
                .contains("The message could not be delivered.");
        assertThat(message(MessageStatus.DELIVERED, null).failureReason(Locale.ENGLISH))
                .isEmpty();
        assertThat(message(MessageStatus.OUTCOME_UNKNOWN, null).failureReason(Locale.ENGLISH))
                .hasValueSatisfying(reason -> assertThat(reason).contains("did not confirm"));
    }
}
