package io.tenanttwilio.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.QuotaExceededException;
import io.tenanttwilio.guardrails.QuotaPeriod;
import io.tenanttwilio.guardrails.QuotaUse;
import io.tenanttwilio.phone.InvalidPhoneNumberException;
import io.tenanttwilio.phone.PhoneNumber;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessagesTest {

    private static final ResourceBundle ENGLISH = Messages.bundle(Locale.ENGLISH);
    private static final ResourceBundle FRENCH = Messages.bundle(Locale.FRENCH);
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    @Test
    void frenchAndEnglishHaveTheSameKeys() {
        Set<String> english = new TreeSet<>(Collections.list(ENGLISH.getKeys()));
        Set<String> french = new TreeSet<>(Collections.list(FRENCH.getKeys()));

        assertThat(french).as("keys missing in French").containsAll(english);
        assertThat(english).as("keys missing in English").containsAll(french);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorCodeHasAMessageAndAnActionInBothLanguages(ErrorCode code) {
        for (ResourceBundle bundle : new ResourceBundle[] {ENGLISH, FRENCH}) {
            assertThat(bundle.containsKey(("error." + code.name())))
                    .as(("error." + code.name()))
                    .isTrue();
            assertThat(bundle.containsKey(("error." + code.name() + ".action")))
                    .as(("error." + code.name() + ".action"))
                    .isTrue();
            assertThat(bundle.getString(("error." + code.name()))).isNotBlank();
        }
    }

    @ParameterizedTest
    @EnumSource(InvalidPhoneNumberException.Reason.class)
    void everyRejectionReasonIsExplainedInBothLanguages(InvalidPhoneNumberException.Reason reason) {
        assertThat(ENGLISH.containsKey("detail.phone." + reason.name())).isTrue();
        assertThat(FRENCH.containsKey("detail.phone." + reason.name())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Alert.Type.class)
    void everyAlertReadsInBothLanguagesWithoutLeftoverPlaceholders(Alert.Type type) {
        boolean quota = type == Alert.Type.QUOTA_80_PERCENT || type == Alert.Type.QUOTA_REACHED;
        for (String period : quota ? new String[] {"DAY", "MONTH"} : new String[] {null}) {
            java.util.Map<String, String> details = new java.util.HashMap<>(
                    java.util.Map.of("value", "4", "limit", "5", "currency", "USD", "detail", "SMS_URL"));
            if (period != null) {
                details.put("period", period);
            }
            Alert alert = Alert.builder()
                    .type(type)
                    .tenant(TenantId.of("clinique-a"))
                    .at(java.time.Instant.EPOCH)
                    .phoneNumber(PhoneNumber.ofE164("+15815006712"))
                    .details(details)
                    .build();
            for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.FRENCH}) {
                String text = alert.message(locale);
                assertThat(text)
                        .as(type + " " + period + " " + locale)
                        .doesNotStartWith("alert.")
                        .doesNotContain("{");
            }
            assertThat(alert.logMessage()).doesNotContain("+15815006712").doesNotContain("581 500-6712");
            assertThat(alert.toString()).doesNotContain("5815006712");
        }
    }

    @Test
    void datesInMessagesAreWrittenForPeopleInTheirLanguageAndInIsoForLogs() {
        java.time.ZonedDateTime reset =
                java.time.ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, java.time.ZoneId.of("America/Toronto"));
        QuotaExceededException e = QuotaExceededException.of(
                TenantId.of("clinique-a"),
                QuotaUse.builder()
                        .period(QuotaPeriod.MONTH)
                        .used(500)
                        .limit(500)
                        .resetsAt(reset)
                        .build(),
                false);

        assertThat(e.userMessage(Locale.ENGLISH))
                .contains("This month's limit is 500 text messages")
                .contains("December 1, 2026");
        assertThat(e.userMessage(Locale.CANADA_FRENCH))
                .contains("La limite du mois est de 500 textos")
                .contains("1 décembre 2026");
        assertThat(e.getMessage()).contains("2026-12-01T00:00:00-05:00 America/Toronto");
    }

    @Test
    void noPatternLosesAnApostropheToMessageFormat() {
        for (ResourceBundle bundle : new ResourceBundle[] {ENGLISH, FRENCH}) {
            for (String key : Collections.list(bundle.getKeys())) {
                String pattern = bundle.getString(key);
                assertThat(LONE_APOSTROPHE.matcher(pattern).find())
                        .as("%s in %s has a single ' (write '' or ’)", key, bundle.getLocale())
                        .isFalse();
                assertThat(new MessageFormat(pattern, bundle.getLocale()).format(new Object[] {"A", "B", "C"}))
                        .isNotBlank();
            }
        }
    }

    @Test
    void aLocaleWithoutBundleFallsBackToEnglishNotToTheJvmDefault() {
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRENCH);
            TenantTwilioException e = new TenantTwilioException(ErrorCode.QUOTA_EXCEEDED);

            assertThat(e.userMessage(Locale.GERMAN)).startsWith("The text message limit");
            assertThat(e.userMessage(Locale.getDefault())).startsWith("La limite de textos");
            assertThat(e.getMessage()).startsWith("[QUOTA_EXCEEDED] The text message limit");
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void canadianFrenchUsesTheFrenchBundle() {
        assertThat(new TenantTwilioException(ErrorCode.TWILIO_UNAVAILABLE).userMessage(Locale.CANADA_FRENCH))
                .isEqualTo("Impossible de joindre Twilio. Réessayez dans quelques minutes ; si le problème persiste,"
                        + " consultez https://status.twilio.com.");
    }
}
