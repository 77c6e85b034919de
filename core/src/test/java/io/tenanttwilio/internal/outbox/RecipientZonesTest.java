package io.tenanttwilio.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.outbox.QuietHours;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecipientZonesTest {

    private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final PhoneNumber IDAHO = PhoneNumber.ofE164("+12083450100");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "+14802012345, America/Phoenix",
        "+16022012345, America/Phoenix",
        "+13062012345, America/Regina",
        "+15142012345, America/Toronto",
        "+14382012345, America/Toronto",
        "+12122012345, America/New_York",
        "+13122012345, America/Chicago",
        "+13032012345, America/Denver",
        "+14152012345, America/Los_Angeles",
        "+18082012345, Pacific/Honolulu",
        "+16042012345, America/Vancouver",
        "+14032012345, America/Edmonton",
        "+12042012345, America/Winnipeg",
        "+19022012345, America/Halifax",
        "+17872012345, America/Puerto_Rico",
        "+33123456789, Europe/Paris",
        "+33612345678, Europe/Paris",
        "+442079460018, Europe/London",
        "+4930123456, Europe/Berlin",
        "+81312345678, Asia/Tokyo"
    })
    void aNumberOfOneZone(String e164, String zone) {
        assertThat(RecipientZones.zonesOf(PhoneNumber.ofE164(e164), TORONTO)).containsExactly(ZoneId.of(zone));
    }

    @Test
    void quebecsEastIncludesTheMagdalenIslands() {
        for (String e164 : new String[] {"+14182012345", "+15812012345", "+13672012345"}) {
            List<ZoneId> zones = RecipientZones.zonesOf(PhoneNumber.ofE164(e164), NEW_YORK);

            assertThat(zones).containsExactlyInAnyOrder(TORONTO, ZoneId.of("America/Halifax"));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "+12083450100, America/Boise America/Los_Angeles",
        "+18502012345, America/New_York America/Chicago",
        "+19282012345, America/Phoenix America/Denver",
        "+19072012345, America/Anchorage America/Adak",
        "+18072012345, America/Toronto America/Winnipeg"
    })
    void aNumberWhoseAreaCodeSpansZonesHasThemAll(String e164, String zones) {
        assertThat(RecipientZones.zonesOf(PhoneNumber.ofE164(e164), TORONTO))
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(zones.split(" "))
                        .map(ZoneId::of)
                        .toList());
    }

    @ParameterizedTest
    @CsvSource({"+18002012345", "+18882012345", "+18332012345", "+19002012345", "+79161234567", "+80012345678"})
    void aNonGeographicNumberOrAnUnlistedCountryTakesTheFallback(String e164) {
        assertThat(RecipientZones.zonesOf(PhoneNumber.ofE164(e164), ZoneId.of("America/Regina")))
                .containsExactly(ZoneId.of("America/Regina"));
    }

    @Test
    void arizonaIsAllowedFrom15ZAllYear() {
        PhoneNumber phoenix = PhoneNumber.ofE164("+14802012345");
        for (String date : new String[] {"2026-01-15", "2026-03-08", "2026-07-01", "2026-11-01"}) {
            Instant dawn = Instant.parse(date + "T10:00:00Z");

            assertThat(RecipientZones.nextAllowed(QuietHours.TCPA, phoenix, TORONTO, dawn))
                    .isEqualTo(Instant.parse(date + "T15:00:00Z"));
            assertThat(RecipientZones.allows(QuietHours.TCPA, phoenix, TORONTO, Instant.parse(date + "T14:59:00Z")))
                    .isFalse();
            assertThat(RecipientZones.allows(QuietHours.TCPA, phoenix, TORONTO, Instant.parse(date + "T15:00:00Z")))
                    .isTrue();
        }
    }

    @Test
    void aNumberOfTwoZonesIsTextedOnlyWhenBothAllowIt() {
        // Idaho in July: Mountain (UTC-6) and Pacific (UTC-7) daylight time.
        Instant mountainEightThirty = Instant.parse("2026-07-15T14:30:00Z");

        assertThat(RecipientZones.allows(QuietHours.TCPA, IDAHO, TORONTO, mountainEightThirty))
                .isFalse();
        assertThat(RecipientZones.nextAllowed(QuietHours.TCPA, IDAHO, TORONTO, mountainEightThirty))
                .isEqualTo(Instant.parse("2026-07-15T15:00:00Z"));
        // The evening ends at 21:00 Mountain time, 20:00 Pacific.
        assertThat(RecipientZones.allows(QuietHours.TCPA, IDAHO, TORONTO, Instant.parse("2026-07-16T02:59:00Z")))
                .isTrue();
        assertThat(RecipientZones.allows(QuietHours.TCPA, IDAHO, TORONTO, Instant.parse("2026-07-16T03:00:00Z")))
                .isFalse();
        assertThat(RecipientZones.nextAllowed(QuietHours.TCPA, IDAHO, TORONTO, Instant.parse("2026-07-16T03:00:00Z")))
                .isEqualTo(Instant.parse("2026-07-16T15:00:00Z"));
    }

    @Test
    void zonesWhoseWindowsNeverMeetFallBackToTheFallbackZone() {
        // 9:00-10:00 Mountain is 8:00-9:00 Pacific: the two hours never overlap.
        QuietHours oneHour = QuietHours.of(LocalTime.of(9, 0), LocalTime.of(10, 0));
        Instant monday = Instant.parse("2026-07-13T04:00:00Z");

        Instant next = RecipientZones.nextAllowed(oneHour, IDAHO, NEW_YORK, monday);

        assertThat(next)
                .isEqualTo(ZonedDateTime.of(2026, 7, 13, 9, 0, 0, 0, NEW_YORK).toInstant());
    }

    @Test
    void everyPrefixOfTheTableIsDigitsAndEveryZoneIsKnown() {
        Map<String, List<ZoneId>> table = RecipientZones.load(RecipientZones.TABLE);

        assertThat(table).hasSizeGreaterThan(700);
        assertThat(table.keySet()).allMatch(prefix -> prefix.matches("[1-9][0-9]*"));
        assertThat(table.values()).allMatch(zones -> !zones.isEmpty());
        // Every area code of Canada and the United States in service when the table was written.
        assertThat(table.keySet().stream().filter(p -> p.length() == 4 && p.startsWith("1")))
                .hasSizeGreaterThan(400);
    }

    @Property(tries = 600)
    void nextAllowedIsTheFirstMomentAllowedInEveryZone(
            @ForAll("numbers") PhoneNumber number, @ForAll("instants") Instant t, @ForAll("laws") QuietHours hours) {
        Instant next = RecipientZones.nextAllowed(hours, number, NEW_YORK, t);

        assertThat(next).isAfterOrEqualTo(t);
        assertThat(RecipientZones.allows(hours, number, NEW_YORK, next)).isTrue();
        if (RecipientZones.allows(hours, number, NEW_YORK, t)) {
            assertThat(next).isEqualTo(t);
        }
        for (Instant m = t.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
                m.isBefore(next);
                m = m.plus(1, ChronoUnit.MINUTES)) {
            assertThat(RecipientZones.allows(hours, number, NEW_YORK, m))
                    .as("%s", m)
                    .isFalse();
        }
    }

    @Provide
    Arbitrary<PhoneNumber> numbers() {
        return Arbitraries.of(
                        "+14802012345",
                        "+13062012345",
                        "+14182012345",
                        "+12083450100",
                        "+18502012345",
                        "+19072012345",
                        "+18672012345",
                        "+17092012345",
                        "+18002012345",
                        "+61412345678",
                        "+6281234567890",
                        "+5511912345678",
                        "+33612345678",
                        "+6857212345")
                .map(PhoneNumber::ofE164);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs()
                .between(
                        Instant.parse("2025-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2030-12-31T23:59:59Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<QuietHours> laws() {
        return Arbitraries.of(QuietHours.TCPA, QuietHours.TEXAS, QuietHours.STRICTEST);
    }
}
