package io.tenanttwilio.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class QuietHoursPropertiesTest {

    /** Zones without daylight saving time, with it, with a half-hour shift, and across the date line. */
    static final String[] ZONES = {
        "America/Phoenix",
        "America/Regina",
        "America/New_York",
        "America/Los_Angeles",
        "America/St_Johns",
        "Europe/Paris",
        "Australia/Lord_Howe",
        "Pacific/Apia",
        "America/Havana",
        "Asia/Kolkata",
        "Pacific/Chatham"
    };

    private static final long FROM = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2031-01-01T00:00:00Z").getEpochSecond();

    @Property(tries = 1500)
    void nextAllowedIsTheFirstAllowedMomentFromT(
            @ForAll("hours") QuietHours hours, @ForAll("instants") Instant t, @ForAll("zones") ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        ZonedDateTime next = hours.nextAllowed(local);

        assertThat(next.getZone()).isEqualTo(zone);
        assertThat(next.toInstant()).isAfterOrEqualTo(t);
        assertThat(hours.allows(next)).as("allowed at %s", next).isTrue();
        if (hours.allows(local)) {
            assertThat(next).isEqualTo(local);
        }
        // Windows start on whole minutes and these zones change their clocks on whole minutes, so an
        // allowed stretch always begins on a whole minute: none may lie between t and next.
        for (Instant m = t.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
                m.isBefore(next.toInstant());
                m = m.plus(1, ChronoUnit.MINUTES)) {
            assertThat(hours.allows(m.atZone(zone)))
                    .as("%s allowed before %s", m.atZone(zone), next)
                    .isFalse();
        }
    }

    @Property(tries = 500)
    void theLawsHoursToo(
            @ForAll("laws") QuietHours hours, @ForAll("instants") Instant t, @ForAll("zones") ZoneId zone) {
        nextAllowedIsTheFirstAllowedMomentFromT(hours, t, zone);
    }

    @Property(tries = 1000)
    void textRoundTrips(@ForAll("hours") QuietHours hours) {
        String text = hours.toText();

        assertThat(QuietHours.parse(text)).isEqualTo(hours);
        assertThat(QuietHours.parse(text).toText()).isEqualTo(text);
        assertThat(QuietHours.parse(text.toLowerCase(java.util.Locale.ROOT))).isEqualTo(hours);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(FROM, TO - 1).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<QuietHours> laws() {
        return Arbitraries.of(
                QuietHours.TCPA, QuietHours.FLORIDA, QuietHours.CONNECTICUT, QuietHours.TEXAS, QuietHours.STRICTEST);
    }

    /** Every day a window of whole minutes, often the same as the day before, sometimes very short. */
    @Provide
    Arbitrary<QuietHours> hours() {
        Arbitrary<LocalTime[]> window = Arbitraries.integers()
                .between(0, 24 * 60 - 2)
                .flatMap(start -> Arbitraries.integers()
                        .between(start + 1, 24 * 60 - 1)
                        .map(end -> new LocalTime[] {minutes(start), minutes(end)}));
        Arbitrary<Boolean> same = Arbitraries.of(true, false);
        return Combinators.combine(window.list().ofSize(7), same.list().ofSize(7))
                .as((windows, repeat) -> {
                    QuietHours hours = QuietHours.of(windows.get(0)[0], windows.get(0)[1]);
                    LocalTime[] previous = windows.get(0);
                    for (DayOfWeek day : DayOfWeek.values()) {
                        LocalTime[] w = repeat.get(day.ordinal()) ? previous : windows.get(day.ordinal());
                        hours = hours.on(day, w[0], w[1]);
                        previous = w;
                    }
                    return hours;
                });
    }

    private static LocalTime minutes(int minutes) {
        return LocalTime.of(minutes / 60, minutes % 60);
    }
}
