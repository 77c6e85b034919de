package io.tenanttwilio.example.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.example.clinic.AppointmentCsv.Appointment;
import io.tenanttwilio.example.clinic.AppointmentCsv.Problem;
import io.tenanttwilio.example.clinic.AppointmentCsv.Rejected;
import io.tenanttwilio.example.clinic.ReminderPlan.Planned;
import io.tenanttwilio.example.clinic.Reminders.Status;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.ScheduleRequest;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * From appointments to reminders: the text with its placeholders in French and English, the time
 * of each kind of reminder, the client key that makes a list scheduled twice text nobody twice,
 * the lines that cannot become a reminder; the preview of 100,000 appointments, capped; and the
 * status each stored reminder is shown with.
 */
class ReminderPlanTest {

    private static final ZoneId ZONE = ZoneId.of("America/Toronto");
    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z"); // 10:00 in Toronto
    private static final PhoneNumber MARIE = PhoneNumber.ofE164("+15815006712");
    private static final ZonedDateTime TUESDAY_TEN = ZonedDateTime.of(2026, 12, 8, 10, 0, 0, 0, ZONE);
    private static final String FRENCH = "Bonjour {nom}, rappel de votre rendez-vous le {date} à {heure} à {clinique}."
            + " Répondez STOP pour ne plus recevoir de rappels.";

    @TempDir
    Path dir;

    private static ReminderPlan.Settings settings(String template, ReminderTiming timing, Locale locale) {
        return new ReminderPlan.Settings(ReminderTemplate.of(template, locale), timing, "Clinique A", NOW);
    }

    private static List<Object> plan(ReminderPlan.Settings settings, Appointment... appointments) {
        List<Object> out = new ArrayList<>();
        ReminderPlan plan = new ReminderPlan(settings, out::add, out::add);
        for (Appointment appointment : appointments) {
            plan.accept(appointment);
        }
        return out;
    }

    private static Appointment appointment(int line, String name, PhoneNumber number, ZonedDateTime at) {
        return new Appointment(line, name + ", " + number.e164() + ", " + at, name, number, at);
    }

    @Test
    void theFrenchTextNamesThePatientTheDayTheTimeAndTheClinic() {
        ReminderTemplate template = ReminderTemplate.of(FRENCH, Locale.FRENCH);

        assertThat(template.unknownPlaceholders()).isEmpty();
        assertThat(template.render("Marie Tremblay", TUESDAY_TEN.withMinute(30), "Clinique A"))
                .isEqualTo("Bonjour Marie Tremblay, rappel de votre rendez-vous le mardi 8 décembre à 10 h 30 à"
                        + " Clinique A. Répondez STOP pour ne plus recevoir de rappels.");
        assertThat(template.render("Marie", TUESDAY_TEN, "Clinique A")).contains("à 10 h à");
    }

    @Test
    void theEnglishTextTakesTheEnglishPlaceholdersAndStaysInTheGsmAlphabet() {
        ReminderTemplate template = ReminderTemplate.of("Hi {name}: {date} at {time}, {clinic}. {NOM}", Locale.ENGLISH);

        String text = template.render("Mary", TUESDAY_TEN.withHour(14).withMinute(5), "Clinic A");

        assertThat(text).isEqualTo("Hi Mary: Tuesday, December 8 at 2:05 PM, Clinic A. Mary");
        assertThat(io.tenanttwilio.messaging.SmsSegments.isGsm7(text)).isTrue();
    }

    @Test
    void unknownPlaceholdersAreNamedOnceEach() {
        ReminderTemplate template = ReminderTemplate.of("Bonjour {prenom} {nom}, {prenom} — {médecin}", Locale.FRENCH);

        assertThat(template.unknownPlaceholders()).containsExactly("{prenom}", "{médecin}");
        assertThat(template.render("Marie", TUESDAY_TEN, "A"))
                .isEqualTo("Bonjour {prenom} Marie, {prenom} — {médecin}");
    }

    @Test
    void eachKindOfReminderLeavesAtItsTimeAndAPastOneAsSoonAsAllowed() {
        Appointment tomorrow = appointment(1, "Marie", MARIE, TUESDAY_TEN);
        Appointment today = appointment(2, "Jean", MARIE, ZonedDateTime.of(2026, 12, 7, 11, 0, 0, 0, ZONE));

        List<Object> dayBefore = plan(settings(FRENCH, ReminderTiming.DAY_BEFORE, Locale.FRENCH), tomorrow, today);
        List<Object> hoursBefore = plan(settings(FRENCH, ReminderTiming.HOURS_BEFORE, Locale.FRENCH), tomorrow);

        Planned first = (Planned) dayBefore.get(0);
        assertThat(first.sendAt())
                .isEqualTo(ZonedDateTime.of(2026, 12, 7, 18, 0, 0, 0, ZONE).toInstant());
        Planned past = (Planned) dayBefore.get(1);
        assertThat(past.asSoonAsAllowed()).as("yesterday 18:00 is past").isTrue();
        assertThat(((Planned) hoursBefore.get(0)).sendAt())
                .isEqualTo(TUESDAY_TEN.minusHours(2).toInstant());
        ScheduleRequest request = first.request("marie@clinique-a.example");
        assertThat(request.expiresAt()).contains(TUESDAY_TEN.toInstant());
        assertThat(request.sendAt()).contains(first.sendAt());
        assertThat(request.clientKey()).isEqualTo(first.clientKey());
        assertThat(request.message().body()).isEqualTo(first.body());
        assertThat(first.segments()).isEqualTo(1);
    }

    @Test
    void aMorningAppointmentHasNoSameDayReminderAt9() {
        Appointment early =
                appointment(4, "Marie", MARIE, TUESDAY_TEN.withHour(8).withMinute(30));

        List<Object> out = plan(settings(FRENCH, ReminderTiming.SAME_DAY, Locale.FRENCH), early);

        Rejected rejected = (Rejected) out.get(0);
        assertThat(rejected.line()).isEqualTo(4);
        assertThat(rejected.problem()).isEqualTo(Problem.REMINDER_AFTER_APPOINTMENT);
    }

    @Test
    void theClientKeyIsTheSameForTheSameAppointmentWhateverTheNameOrTheText() {
        String key = ReminderPlan.clientKey(MARIE, TUESDAY_TEN, ReminderTiming.DAY_BEFORE);

        Planned again = (Planned) plan(
                        settings("Autre texte {nom}", ReminderTiming.DAY_BEFORE, Locale.FRENCH),
                        appointment(9, "Marie T.", MARIE, TUESDAY_TEN.withZoneSameInstant(ZoneId.of("UTC"))))
                .get(0);

        assertThat(again.clientKey()).isEqualTo(key);
        assertThat(key).startsWith("rappel-veille-").hasSizeLessThanOrEqualTo(ScheduleRequest.MAX_KEY_LENGTH);
        assertThat(ReminderPlan.clientKey(MARIE, TUESDAY_TEN, ReminderTiming.SAME_DAY))
                .isNotEqualTo(key);
        assertThat(ReminderPlan.clientKey(MARIE, TUESDAY_TEN.plusMinutes(15), ReminderTiming.DAY_BEFORE))
                .isNotEqualTo(key);
        assertThat(ReminderPlan.clientKey(PhoneNumber.ofE164("+15815006713"), TUESDAY_TEN, ReminderTiming.DAY_BEFORE))
                .isNotEqualTo(key);
    }

    @Test
    void theSameAppointmentListedTwiceIsRefusedTheSecondTimeWithTheFirstLine() {
        List<Object> out = plan(
                settings(FRENCH, ReminderTiming.DAY_BEFORE, Locale.FRENCH),
                appointment(2, "Marie", MARIE, TUESDAY_TEN),
                appointment(7, "Marie Tremblay", MARIE, TUESDAY_TEN));

        assertThat(out.get(0)).isInstanceOf(Planned.class);
        Rejected duplicate = (Rejected) out.get(1);
        assertThat(duplicate.line()).isEqualTo(7);
        assertThat(duplicate.problem()).isEqualTo(Problem.DUPLICATE);
        assertThat(duplicate.args()).containsExactly(2);
    }

    @Test
    void aTextTooLongForAMessageIsRefused() {
        List<Object> out = plan(
                settings("{nom} " + "x".repeat(1595), ReminderTiming.DAY_BEFORE, Locale.FRENCH),
                appointment(1, "Marie Tremblay", MARIE, TUESDAY_TEN));

        assertThat(((Rejected) out.get(0)).problem()).isEqualTo(Problem.TOO_LONG);
    }

    @Test
    void theRefusedLinesReadInFrenchAndEnglish() {
        ResourceBundleMessageSource messages = bundles();
        Reminders reminders = new Reminders(null, null, messages, "CA", 100);
        Rejected duplicate = new Rejected(7, "Marie", Problem.DUPLICATE, List.of(1234), null);
        Rejected past = new Rejected(3, "Jean", Problem.PAST, List.of(TUESDAY_TEN), null);

        assertThat(reminders.reason(duplicate, context(Locale.FRENCH)))
                .isEqualTo("Même rendez-vous qu’à la ligne 1234.");
        assertThat(reminders.reason(duplicate, context(Locale.ENGLISH))).isEqualTo("Same appointment as on line 1234.");
        assertThat(reminders.reason(past, context(Locale.FRENCH)))
                .contains("2026")
                .contains("10:00");
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        return messages;
    }

    private static Reminders.Context context(Locale locale) {
        return new Reminders.Context(TenantId.of("clinique-a"), "marie", "Clinique A", ZONE, locale, NOW);
    }

    @Test
    void aPreviewOfAHundredThousandAppointmentsCountsThemAllAndShowsTheFirst500() throws IOException {
        Path file = dir.resolve("list.csv");
        try (var in = AppointmentCsvTest.generated(100_000);
                var out = Files.newBufferedWriter(file)) {
            in.transferTo(out);
        }
        ReminderForm settings = ReminderForm.blank(FRENCH, LocalDate.of(2026, 12, 8));
        ReminderDrafts.Draft draft =
                new ReminderDrafts.Draft("d", TenantId.of("clinique-a"), "marie", file, settings, Locale.FRENCH, NOW);
        Reminders reminders = new Reminders(null, null, bundles(), "CA", 100);

        Reminders.Preview preview = reminders.preview(draft, context(Locale.FRENCH));

        assertThat(preview.lines()).isEqualTo(100_000);
        assertThat(preview.valid()).isEqualTo(99_000);
        assertThat(preview.rejected()).isEqualTo(1_000);
        assertThat(preview.messages()).hasSize(Reminders.SHOWN);
        assertThat(preview.messagesCut()).isTrue();
        assertThat(preview.problems()).hasSize(Reminders.SHOWN);
        assertThat(preview.problems().get(0).line()).isEqualTo(101);
        assertThat(preview.problems().get(0).reason()).contains("trop peu de chiffres");
        assertThat(preview.messages().get(0).body())
                .startsWith("Bonjour Patient, 1, rappel de votre rendez-vous le mardi 8 décembre à 8 h 01");
        assertThat(preview.segments()).isGreaterThanOrEqualTo(99_000);
    }

    @Test
    void aStoredReminderIsShownAsScheduledWaitingSendingSentDeliveredFailedCanceledOrExpired() {
        ScheduledMessage scheduled = message(OutboxState.SCHEDULED, false);

        assertThat(Status.of(scheduled, null)).isEqualTo(Status.SCHEDULED);
        assertThat(Status.of(message(OutboxState.SCHEDULED, true), null)).isEqualTo(Status.WAITING_QUIET_HOURS);
        assertThat(Status.of(message(OutboxState.CLAIMED, false), null)).isEqualTo(Status.SENDING);
        assertThat(Status.of(message(OutboxState.SENT, false), null)).isEqualTo(Status.SENT);
        assertThat(Status.of(message(OutboxState.SENT, false), sms(MessageStatus.SENT)))
                .isEqualTo(Status.SENT);
        assertThat(Status.of(message(OutboxState.SENT, false), sms(MessageStatus.DELIVERED)))
                .isEqualTo(Status.DELIVERED);
        assertThat(Status.of(message(OutboxState.SENT, false), sms(MessageStatus.UNDELIVERED)))
                .isEqualTo(Status.FAILED);
        assertThat(Status.of(message(OutboxState.FAILED, false), null)).isEqualTo(Status.FAILED);
        assertThat(Status.of(message(OutboxState.CANCELED, false), null)).isEqualTo(Status.CANCELED);
        assertThat(Status.of(message(OutboxState.EXPIRED, false), null)).isEqualTo(Status.EXPIRED);
        assertThat(Status.SCHEDULED.cancellable()).isTrue();
        assertThat(Status.WAITING_QUIET_HOURS.cancellable()).isTrue();
        assertThat(Status.SENDING.cancellable()).isFalse();
        assertThat(new io.tenanttwilio.TenantTwilioException(ErrorCode.ALREADY_DISPATCHED).userMessage(Locale.FRENCH))
                .contains("déjà envoyé");
    }

    private static ScheduledMessage message(OutboxState state, boolean held) {
        return ScheduledMessage.builder()
                .id("m1")
                .tenantId(TenantId.of("clinique-a"))
                .clientKey("rappel-veille-1")
                .to(MARIE)
                .from(PhoneNumber.ofE164("+14185550142"))
                .sender("+14185550142")
                .body("Bonjour")
                .sendAt(NOW)
                .dueAt(NOW)
                .heldForQuietHours(held)
                .expiresAt(TUESDAY_TEN.toInstant())
                .state(state)
                .createdAt(NOW)
                .updatedAt(NOW)
                .build();
    }

    private static SmsMessage sms(MessageStatus status) {
        return SmsMessage.builder()
                .id("s1")
                .tenantId(TenantId.of("clinique-a"))
                .conversationId("c1")
                .direction(MessageDirection.OUTBOUND)
                .twilioSid("SM1")
                .from(PhoneNumber.ofE164("+14185550142"))
                .to(MARIE)
                .body("Bonjour")
                .status(status)
                .createdAt(NOW)
                .updatedAt(NOW)
                .build();
    }
}
