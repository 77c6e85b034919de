package io.tenanttwilio.example.clinic;

import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * When a reminder leaves, from its appointment, in the clinic's zone. The appointment itself is
 * when the reminder stops being useful: the outbox never sends it after that.
 */
enum ReminderTiming {
    /** The day before, at 18:00. */
    DAY_BEFORE("veille") {
        @Override
        ZonedDateTime sendAt(ZonedDateTime appointment) {
            return appointment.toLocalDate().minusDays(1).atTime(EVENING).atZone(appointment.getZone());
        }
    },
    /** The same day, at 9:00. */
    SAME_DAY("jour-meme") {
        @Override
        ZonedDateTime sendAt(ZonedDateTime appointment) {
            return appointment.toLocalDate().atTime(MORNING).atZone(appointment.getZone());
        }
    },
    /** Two hours before. */
    HOURS_BEFORE("2h-avant") {
        @Override
        ZonedDateTime sendAt(ZonedDateTime appointment) {
            return appointment.minusHours(2);
        }
    };

    static final LocalTime EVENING = LocalTime.of(18, 0);
    static final LocalTime MORNING = LocalTime.of(9, 0);

    private final String key;

    ReminderTiming(String key) {
        this.key = key;
    }

    /** {@return the part of the client key that tells this kind of reminder from the others of the same appointment} */
    String key() {
        return key;
    }

    /** {@return when the reminder of {@code appointment} leaves} */
    abstract ZonedDateTime sendAt(ZonedDateTime appointment);
}
