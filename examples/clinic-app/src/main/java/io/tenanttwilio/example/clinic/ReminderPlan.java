package io.tenanttwilio.example.clinic;

import io.tenanttwilio.example.clinic.AppointmentCsv.Appointment;
import io.tenanttwilio.example.clinic.AppointmentCsv.Problem;
import io.tenanttwilio.example.clinic.AppointmentCsv.Rejected;
import io.tenanttwilio.example.clinic.AppointmentCsv.Row;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.messaging.SmsSegments;
import io.tenanttwilio.outbox.ScheduleRequest;
import io.tenanttwilio.phone.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns the appointments of a list into reminders: each one's text, its time, and its client key,
 * which is the same every time the same list is scheduled, so that scheduling a list again (a
 * second click, a corrected file) texts nobody twice. Lines that cannot become a reminder are
 * handed on with the reason: a reminder that would leave after its appointment, a text too long,
 * an appointment listed twice. Not thread-safe: one per list.
 */
final class ReminderPlan implements Consumer<Row> {

    /**
     * How the list's reminders are made.
     *
     * @param template their text
     * @param timing when they leave
     * @param clinic the clinic's name, for {@code {clinique}}
     * @param now the present: a reminder whose time is past leaves as soon as allowed
     */
    record Settings(ReminderTemplate template, ReminderTiming timing, String clinic, Instant now) {}

    /**
     * A reminder ready to be scheduled.
     *
     * @param line its appointment's line in the list
     * @param name the patient's name
     * @param number the patient's number
     * @param appointment the appointment, in the clinic's zone
     * @param sendAt when it leaves; {@code null}: as soon as allowed (its time is past)
     * @param body its text
     * @param segments how many SMS segments the text takes
     * @param clientKey its key in the outbox
     */
    record Planned(
            int line,
            String name,
            PhoneNumber number,
            ZonedDateTime appointment,
            @Nullable Instant sendAt,
            String body,
            int segments,
            String clientKey) {

        boolean asSoonAsAllowed() {
            return sendAt == null;
        }

        /** {@return the outbox's request for it, on behalf of {@code user}} */
        ScheduleRequest request(String user) {
            return ScheduleRequest.builder(
                            clientKey,
                            SmsRequest.to(number.e164()).body(body).sentBy(user).build())
                    .sendAt(sendAt)
                    .expiresAt(appointment.toInstant())
                    .build();
        }
    }

    private final Settings settings;
    private final Consumer<? super Planned> planned;
    private final Consumer<? super Rejected> rejected;
    private final Map<String, Integer> seen = new HashMap<>();

    ReminderPlan(Settings settings, Consumer<? super Planned> planned, Consumer<? super Rejected> rejected) {
        this.settings = settings;
        this.planned = planned;
        this.rejected = rejected;
    }

    @Override
    public void accept(Row row) {
        if (row instanceof Rejected refused) {
            rejected.accept(refused);
            return;
        }
        Appointment appointment = (Appointment) row;
        String excerpt = appointment.excerpt();
        ZonedDateTime at = appointment.at();
        ZonedDateTime sendAt = settings.timing().sendAt(at);
        if (!sendAt.isBefore(at)) {
            rejected.accept(
                    new Rejected(row.line(), excerpt, Problem.REMINDER_AFTER_APPOINTMENT, List.of(sendAt, at), null));
            return;
        }
        String key = clientKey(appointment.number(), at, settings.timing());
        Integer first = seen.putIfAbsent(key, row.line());
        if (first != null) {
            rejected.accept(new Rejected(row.line(), excerpt, Problem.DUPLICATE, List.of(first), null));
            return;
        }
        String body = settings.template().render(appointment.name(), at, settings.clinic());
        if (body.length() > SmsRequest.MAX_BODY_LENGTH) {
            rejected.accept(new Rejected(
                    row.line(), excerpt, Problem.TOO_LONG, List.of(SmsRequest.MAX_BODY_LENGTH, body.length()), null));
            return;
        }
        Instant time = sendAt.toInstant().isAfter(settings.now()) ? sendAt.toInstant() : null;
        planned.accept(new Planned(
                row.line(), appointment.name(), appointment.number(), at, time, body, SmsSegments.count(body), key));
    }

    /**
     * The outbox's key of the reminder of an appointment: the same for the same number, time and
     * kind of reminder, whatever the name or the text (a name corrected in the list is still the
     * same appointment).
     *
     * @param number the patient's number
     * @param appointment the appointment
     * @param timing the kind of reminder
     * @return the key, 49 characters at most
     */
    static String clientKey(PhoneNumber number, ZonedDateTime appointment, ReminderTiming timing) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest((number.e164() + "|" + appointment.toInstant() + "|" + timing.key())
                    .getBytes(StandardCharsets.UTF_8));
            return "rappel-" + timing.key() + "-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
