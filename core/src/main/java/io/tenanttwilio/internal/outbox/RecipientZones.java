package io.tenanttwilio.internal.outbox;

import io.tenanttwilio.outbox.QuietHours;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** TEMPORARY stub. */
public final class RecipientZones {
    private RecipientZones() {}

    public static List<ZoneId> zonesOf(PhoneNumber number, ZoneId fallback) {
        return List.of(fallback);
    }

    public static boolean allows(QuietHours hours, PhoneNumber number, ZoneId fallback, Instant at) {
        return hours.allows(at.atZone(fallback));
    }

    public static Instant nextAllowed(QuietHours hours, PhoneNumber number, ZoneId fallback, Instant at) {
        return hours.nextAllowed(at.atZone(fallback)).toInstant();
    }
}
