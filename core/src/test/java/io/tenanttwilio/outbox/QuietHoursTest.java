package io.tenanttwilio.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuietHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId PHOENIX = ZoneId.of("America/Phoenix");
    private static final ZoneId REGINA = ZoneId.of("America/Regina");

    @Test
    void theLawsWindows() {
        for (DayOfWeek day : DayOfWeek.values()) {
            assertThat(QuietHours.TCPA.start(day)).isEqualTo(LocalTime.of(8, 0));
            assertThat(QuietHours.TCPA.end(day)).isEqualTo(LocalTime.of(21, 0));
            assertThat(QuietHours.FLORIDA.end(day)).isEqualTo(LocalTime.of(20, 0));
            assertThat(QuietHours.CONNECTICUT.start(day)).isEqualTo(LocalTime.of(9, 0));
        }
        assertThat(QuietHours.TEXAS.start(DayOfWeek.SATURDAY)).isEqualTo(LocalTime.of(9, 0));
        assertThat(QuietHours.TEXAS.start(DayOfWeek.SUNDAY)).isEqualTo(LocalTime.NOON);
        assertThat(QuietHours.TEXAS.end(DayOfWeek.SUNDAY)).isEqualTo(LocalTime.of(21, 0));
        assertThat(QuietHours.STRICTEST.start(DayOfWeek.MONDAY)).isEqualTo(LocalTime.of(9, 0));
        assertThat(QuietHours.STRICTEST.end(DayOfWeek.MONDAY)).isEqualTo(LocalTime.of(20, 0));
        assertThat(QuietHours.STRICTEST.start(DayOfWeek.SUNDAY)).isEqualTo(LocalTime.NOON);
        assertThat(QuietHours.STRICTEST.end(DayOfWeek.SUNDAY)).isEqualTo(LocalTime.of(20, 0));
    }

    @Test
    void theStrictestIsAllowedOnlyWhenEveryOtherRuleIsToo() {
        QuietHours[] rules = {QuietHours.TCPA, QuietHours.FLORIDA, QuietHours.CONNECTICUT, QuietHours.TEXAS};
        ZonedDateTime t = ZonedDateTime.of(2026, 1, 5, 0, 0, 0, 0, NEW_YORK);
        for (int minute = 0; minute < 7 * 24 * 60; minute += 15) {
            ZonedDateTime at = t.plusMinutes(minute);
            boolean all = true;
            for (QuietHours rule : rules) {
                all &= rule.allows(at);
            }
            assertThat(QuietHours.STRICTEST.allows(at)).as("%s", at).isEqualTo(all);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "08:00, true",
        "07:59:59.999, false",
        "20:59:59.999, true",
        "21:00, false",
        "00:00, false",
        "12:00, true"
    })
    void theStartIsAllowedAndTheEndIsNot(LocalTime time, boolean allowed) {
        assertThat(QuietHours.TCPA.allows(
                        ZonedDateTime.of(2026, 6, 10, 0, 0, 0, 0, NEW_YORK).with(time)))
                .isEqualTo(allowed);
    }

    @Test
    void anAllowedMomentIsItsOwnNextAllowed() {
        ZonedDateTime noon = ZonedDateTime.of(2026, 6, 10, 12, 0, 0, 0, NEW_YORK);
        assertThat(QuietHours.TCPA.nextAllowed(noon)).isSameAs(noon);
    }

    @Test
    void beforeTheWindowWaitsForItsStartAndAfterItForTomorrows() {
        ZonedDateTime early = ZonedDateTime.of(2026, 6, 10, 6, 15, 0, 0, NEW_YORK);
        ZonedDateTime late = ZonedDateTime.of(2026, 6, 10, 22, 15, 0, 0, NEW_YORK);

        assertThat(QuietHours.TCPA.nextAllowed(early)).isEqualTo(early.with(LocalTime.of(8, 0)));
        assertThat(QuietHours.TCPA.nextAllowed(late)).isEqualTo(late.plusDays(1).with(LocalTime.of(8, 0)));
    }

    @Test
    void texasWaitsForSundayNoon() {
        ZonedDateTime saturdayNight = ZonedDateTime.of(2026, 12, 5, 21, 30, 0, 0, ZoneId.of("America/Chicago"));
        ZonedDateTime sundayMorning = saturdayNight.plusHours(12);

        assertThat(QuietHours.TEXAS.nextAllowed(saturdayNight))
                .isEqualTo(ZonedDateTime.of(2026, 12, 6, 12, 0, 0, 0, ZoneId.of("America/Chicago")));
        assertThat(QuietHours.TEXAS.nextAllowed(sundayMorning))
                .isEqualTo(ZonedDateTime.of(2026, 12, 6, 12, 0, 0, 0, ZoneId.of("America/Chicago")));
    }

    @Test
    void springForwardInNewYorkStartsAt8ByTheNewClock() {
        // 2026-03-08: 02:00 EST becomes 03:00 EDT.
        ZonedDateTime due = ZonedDateTime.of(2026, 3, 8, 7, 30, 0, 0, NEW_YORK);
        ZonedDateTime before = ZonedDateTime.of(2026, 3, 8, 1, 30, 0, 0, NEW_YORK);

        assertThat(QuietHours.TCPA.nextAllowed(due).toInstant()).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
        assertThat(QuietHours.TCPA.nextAllowed(before).toInstant()).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
        assertThat(QuietHours.TCPA.nextAllowed(due).getOffset()).isEqualTo(ZoneOffset.ofHours(-4));
    }

    @Test
    void fallBackInNewYorkWaitsFor8ByTheNewClock() {
        // 2026-11-01: 02:00 EDT becomes 01:00 EST; a message due at 07:30 EST waits until 08:00 EST.
        ZonedDateTime due = ZonedDateTime.of(2026, 11, 1, 7, 30, 0, 0, NEW_YORK);
        ZonedDateTime inTheFirstOneThirty =
                ZonedDateTime.ofLocal(LocalDateTime.of(2026, 11, 1, 1, 30), NEW_YORK, ZoneOffset.ofHours(-4));
        ZonedDateTime inTheSecondOneThirty = inTheFirstOneThirty.withLaterOffsetAtOverlap();

        ZonedDateTime expected = ZonedDateTime.of(2026, 11, 1, 8, 0, 0, 0, NEW_YORK);
        assertThat(expected.getOffset()).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(QuietHours.TCPA.nextAllowed(due)).isEqualTo(expected);
        assertThat(QuietHours.TCPA.nextAllowed(due).toInstant()).isEqualTo(Instant.parse("2026-11-01T13:00:00Z"));
        assertThat(QuietHours.TCPA.nextAllowed(inTheFirstOneThirty)).isEqualTo(expected);
        assertThat(QuietHours.TCPA.nextAllowed(inTheSecondOneThirty)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-15", "2026-03-08", "2026-07-01", "2026-11-01", "2027-03-14"})
    void arizonaKeepsMountainStandardTimeAllYear(String date) {
        ZonedDateTime dawn = ZonedDateTime.of(java.time.LocalDate.parse(date), LocalTime.of(5, 0), PHOENIX);

        assertThat(QuietHours.TCPA.nextAllowed(dawn).toInstant()).isEqualTo(Instant.parse(date + "T15:00:00Z"));
        assertThat(QuietHours.TCPA.allows(Instant.parse(date + "T03:59:00Z").atZone(PHOENIX)))
                .isTrue();
        assertThat(QuietHours.TCPA.allows(Instant.parse(date + "T04:00:00Z").atZone(PHOENIX)))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-15", "2026-03-08", "2026-07-01", "2026-11-01"})
    void saskatchewanKeepsCentralStandardTimeAllYear(String date) {
        ZonedDateTime dawn = ZonedDateTime.of(java.time.LocalDate.parse(date), LocalTime.of(5, 0), REGINA);

        assertThat(QuietHours.TCPA.nextAllowed(dawn).toInstant()).isEqualTo(Instant.parse(date + "T14:00:00Z"));
    }

    @Test
    void aWindowStartingInTheGapStartsWhenTheClocksJump() {
        // 02:30 does not exist in New York on 2026-03-08: the first moment after it is 03:00 EDT.
        QuietHours hours = QuietHours.of(LocalTime.of(2, 30), LocalTime.of(21, 0));
        ZonedDateTime night = ZonedDateTime.of(2026, 3, 8, 0, 45, 0, 0, NEW_YORK);

        ZonedDateTime next = hours.nextAllowed(night);

        assertThat(next.toInstant()).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
        assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(3, 0));
        assertThat(hours.allows(next)).isTrue();
        assertThat(hours.allows(next.minusNanos(1))).isFalse();
    }

    @Test
    void aWindowStartingInTheRepeatedHourIsNotSentBeforeTheMomentAsked() {
        QuietHours hours = QuietHours.of(LocalTime.of(1, 30), LocalTime.of(21, 0));
        ZonedDateTime firstOneTen =
                ZonedDateTime.ofLocal(LocalDateTime.of(2026, 11, 1, 1, 10), NEW_YORK, ZoneOffset.ofHours(-4));
        ZonedDateTime secondOneTen = firstOneTen.withLaterOffsetAtOverlap();

        assertThat(hours.nextAllowed(firstOneTen).toInstant()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        assertThat(hours.nextAllowed(secondOneTen).toInstant()).isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
    }

    @Test
    void aWindowThatOpensAgainWhenTheClocksGoBackIsSeen() {
        // 01:00-01:45 closes at 01:45 EDT and opens again at 01:00 EST, 15 minutes later.
        QuietHours hours = QuietHours.of(LocalTime.of(1, 0), LocalTime.of(1, 45));
        ZonedDateTime closed =
                ZonedDateTime.ofLocal(LocalDateTime.of(2026, 11, 1, 1, 50), NEW_YORK, ZoneOffset.ofHours(-4));

        assertThat(hours.nextAllowed(closed).toInstant()).isEqualTo(Instant.parse("2026-11-01T06:00:00Z"));
    }

    @Test
    void lordHoweMovesItsClocksByHalfAnHour() {
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        // 2026-10-04: 02:00 (+10:30) becomes 02:30 (+11:00).
        QuietHours hours = QuietHours.of(LocalTime.of(2, 15), LocalTime.of(21, 0));
        ZonedDateTime night = ZonedDateTime.of(2026, 10, 4, 1, 0, 0, 0, lordHowe);

        ZonedDateTime next = hours.nextAllowed(night);

        assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(2, 30));
        assertThat(next.getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(11, 0));
    }

    @Test
    void onReturnsACopy() {
        QuietHours weekdays = QuietHours.of(LocalTime.of(9, 0), LocalTime.of(20, 0));
        QuietHours shorterSunday = weekdays.on(DayOfWeek.SUNDAY, LocalTime.NOON, LocalTime.of(18, 0));

        assertThat(weekdays.start(DayOfWeek.SUNDAY)).isEqualTo(LocalTime.of(9, 0));
        assertThat(shorterSunday.start(DayOfWeek.SUNDAY)).isEqualTo(LocalTime.NOON);
        assertThat(shorterSunday.end(DayOfWeek.SUNDAY)).isEqualTo(LocalTime.of(18, 0));
        assertThat(shorterSunday.start(DayOfWeek.MONDAY)).isEqualTo(LocalTime.of(9, 0));
        assertThat(shorterSunday).isNotEqualTo(weekdays);
    }

    @ParameterizedTest
    @CsvSource({"21:00, 08:00", "08:00, 08:00", "23:59, 00:00"})
    void aWindowEndsAfterItStarts(LocalTime start, LocalTime end) {
        TenantTwilioException e = catchThrowableOfType(TenantTwilioException.class, () -> QuietHours.of(start, end));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.userMessage(Locale.ENGLISH)).contains(start.toString()).contains(end.toString());
        assertThat(e.userMessage(Locale.CANADA_FRENCH)).contains("doivent finir après leur début");
        assertThatThrownBy(() -> QuietHours.TCPA.on(DayOfWeek.MONDAY, start, end))
                .isInstanceOf(TenantTwilioException.class);
    }

    @Test
    void theTextForms() {
        assertThat(QuietHours.TCPA.toText()).isEqualTo("08:00-21:00");
        assertThat(QuietHours.TEXAS.toText()).isEqualTo("MON-SAT 09:00-21:00;SUN 12:00-21:00");
        assertThat(QuietHours.STRICTEST.toText()).isEqualTo("MON-SAT 09:00-20:00;SUN 12:00-20:00");
        assertThat(QuietHours.CONNECTICUT
                        .on(DayOfWeek.WEDNESDAY, LocalTime.of(10, 0), LocalTime.of(20, 0))
                        .toText())
                .isEqualTo("MON-TUE 09:00-20:00;WED 10:00-20:00;THU-SUN 09:00-20:00");
        assertThat(QuietHours.TCPA
                        .on(DayOfWeek.MONDAY, LocalTime.of(8, 0, 30), LocalTime.of(21, 0))
                        .toText())
                .isEqualTo("MON 08:00:30-21:00;TUE-SUN 08:00-21:00");
        assertThat(QuietHours.TEXAS).hasToString("QuietHours[MON-SAT 09:00-21:00;SUN 12:00-21:00]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            08:00-21:00                                     | 08:00-21:00
            mon-sat 09:00 - 21:00 ; sun 12:00-21:00         | MON-SAT 09:00-21:00;SUN 12:00-21:00
            09:00-21:00;SUN 12:00-21:00                     | MON-SAT 09:00-21:00;SUN 12:00-21:00
            SUN 12:00-21:00;MON-SAT 09:00-21:00             | MON-SAT 09:00-21:00;SUN 12:00-21:00
            SAT-MON 10:00-18:00;TUE-FRI 09:00-20:00         | MON 10:00-18:00;TUE-FRI 09:00-20:00;SAT-SUN 10:00-18:00
            MON-SUN 08:00-20:00                             | 08:00-20:00
            '  08:00-21:00  '                               | 08:00-21:00
            """)
    void parseReadsWhatPeopleWriteToo(String text, String canonical) {
        assertThat(QuietHours.parse(text).toText()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "8-21",
                "08:00",
                "08:00-",
                "08:00–21:00",
                "MON 08:00-21:00",
                "MON-SAT 09:00-21:00",
                "MON-SUN 08:00-21:00;MON 09:00-20:00",
                "08:00-21:00;09:00-20:00",
                "SUN 12:00-21:00;08:00-21:00",
                "XYZ 08:00-21:00",
                "MONDAY 08:00-21:00",
                "21:00-08:00",
                "25:00-26:00",
                "08:00-24:00",
                "08:00-21:00;",
                "08h00-21h00"
            })
    void parseRefusesAnythingElse(String text) {
        TenantTwilioException e = catchThrowableOfType(TenantTwilioException.class, () -> QuietHours.parse(text));

        assertThat(e).as(text).isNotNull();
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.userMessage(Locale.FRENCH)).doesNotContain("detail.");
    }

    @Test
    void equalHoursAreEqual() {
        QuietHours texas = QuietHours.of(LocalTime.of(9, 0), LocalTime.of(21, 0))
                .on(DayOfWeek.SUNDAY, LocalTime.NOON, LocalTime.of(21, 0));

        assertThat(texas).isEqualTo(QuietHours.TEXAS).hasSameHashCodeAs(QuietHours.TEXAS);
        assertThat(QuietHours.parse(QuietHours.TEXAS.toText())).isEqualTo(QuietHours.TEXAS);
        assertThat(QuietHours.TCPA).isNotEqualTo(QuietHours.FLORIDA).isNotEqualTo(null);
    }
}
