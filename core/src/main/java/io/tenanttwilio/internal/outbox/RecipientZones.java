package io.tenanttwilio.internal.outbox;

import io.tenanttwilio.outbox.QuietHours;
import io.tenanttwilio.phone.PhoneNumber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The time zones a recipient may be in, from their number, and the quiet hours checked in all of
 * them: a number whose zone is uncertain (an area code that spans two zones, a mobile number of a
 * country with several) is texted only when it is daytime in every candidate zone.
 *
 * <p>The zones come from the table {@value #TABLE} beside this class: prefixes of the E.164 number
 * (country code, then area code), the longest matching prefix winning, kept at area-code level in
 * North America. libphonenumber's own time zone mapper lives in its {@code geocoder} artifact,
 * which the core does not depend on. A zone unknown to the running JDK's time zone data is left
 * out of the table.
 *
 * <p>Thread-safe: the table is read once and never changed; a lookup is a few map reads.
 */
public final class RecipientZones {

    /** The table of zones by prefix, a resource beside this class. */
    static final String TABLE = "recipient-zones.txt";

    /** How far ahead a time allowed in every zone is looked for. */
    private static final Duration HORIZON = Duration.ofDays(8);

    private static final Map<String, List<ZoneId>> ZONES = load(TABLE);
    private static final int LONGEST_PREFIX =
            ZONES.keySet().stream().mapToInt(String::length).max().orElse(0);

    private RecipientZones() {}

    /**
     * The zones a number's recipient may be in: those the table gives for its longest matching
     * prefix; when it gives none (a toll-free or other non-geographic number, an unknown area
     * code, a country whose zones are not listed), {@code fallback} alone.
     *
     * @param number the recipient's number
     * @param fallback the zone to assume when the number says nothing (the tenant's own)
     * @return one zone or more, never empty
     */
    public static List<ZoneId> zonesOf(PhoneNumber number, ZoneId fallback) {
        Objects.requireNonNull(fallback, "fallback");
        String digits = number.e164().substring(1);
        for (int length = Math.min(digits.length(), LONGEST_PREFIX); length > 0; length--) {
            List<ZoneId> zones = ZONES.get(digits.substring(0, length));
            if (zones != null) {
                return zones;
            }
        }
        return List.of(fallback);
    }

    /**
     * Whether {@code at} is within {@code hours} in every zone the number's recipient may be in.
     *
     * @param hours the tenant's hours
     * @param number the recipient's number
     * @param fallback the zone to assume when the number says nothing
     * @param at the moment
     * @return whether a message may be sent then
     */
    public static boolean allows(QuietHours hours, PhoneNumber number, ZoneId fallback, Instant at) {
        for (ZoneId zone : zonesOf(number, fallback)) {
            if (!hours.allows(at.atZone(zone))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The earliest moment at or after {@code at} that {@code hours} allow in every zone the
     * number's recipient may be in. When those zones share no allowed moment within 8 days (they
     * are too far apart for the windows to overlap), the next moment allowed in {@code fallback}
     * alone.
     *
     * @param hours the tenant's hours
     * @param number the recipient's number
     * @param fallback the zone to assume when the number says nothing, or the zones never agree
     * @param at the moment from which to look
     * @return the moment
     */
    public static Instant nextAllowed(QuietHours hours, PhoneNumber number, ZoneId fallback, Instant at) {
        List<ZoneId> zones = zonesOf(number, fallback);
        Instant limit = at.plus(HORIZON);
        Instant candidate = at;
        // Each zone pushes the candidate to its own next allowed moment; none of them pushes it past
        // the first moment all allow, so when no zone pushes any more, that moment is found.
        while (!candidate.isAfter(limit)) {
            Instant latest = candidate;
            for (ZoneId zone : zones) {
                Instant next = hours.nextAllowed(latest.atZone(zone)).toInstant();
                if (next.isAfter(latest)) {
                    latest = next;
                }
            }
            if (latest.equals(candidate)) {
                return candidate;
            }
            candidate = latest;
        }
        return hours.nextAllowed(at.atZone(fallback)).toInstant();
    }

    /** Reads the table: lines of zones, {@code =}, prefixes; {@code #} starts a comment. */
    static Map<String, List<ZoneId>> load(String resource) {
        Map<String, List<ZoneId>> zones = new HashMap<>();
        try (InputStream in = RecipientZones.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                int comment = line.indexOf('#');
                String content = (comment < 0 ? line : line.substring(0, comment)).strip();
                if (content.isEmpty()) {
                    continue;
                }
                int equals = content.indexOf('=');
                if (equals < 0) {
                    throw new IllegalStateException(resource + ":" + lineNumber + ": no '='");
                }
                List<ZoneId> known =
                        knownZones(content.substring(0, equals).strip().split("\\s+"));
                for (String prefix : content.substring(equals + 1).strip().split("\\s+")) {
                    if (!prefix.matches("[1-9][0-9]*")) {
                        throw new IllegalStateException(resource + ":" + lineNumber + ": bad prefix " + prefix);
                    }
                    if (zones.containsKey(prefix)) {
                        throw new IllegalStateException(resource + ":" + lineNumber + ": prefix twice " + prefix);
                    }
                    zones.put(prefix, known);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A prefix none of whose zones this JDK knows says nothing: a shorter one, or the fallback, holds.
        zones.values().removeIf(List::isEmpty);
        return Map.copyOf(zones);
    }

    private static List<ZoneId> knownZones(String[] ids) {
        List<ZoneId> known = new ArrayList<>();
        for (String id : ids) {
            try {
                known.add(ZoneId.of(id));
            } catch (DateTimeException e) {
                // An older JDK's time zone data may lack a recent zone; the others still hold.
            }
        }
        return List.copyOf(known);
    }
}
