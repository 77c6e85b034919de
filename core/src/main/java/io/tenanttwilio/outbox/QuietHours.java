package io.tenanttwilio.outbox;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.internal.text.Problems;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The hours of the day at which a tenant's messages may reach a recipient, in the recipient's
 * local time: one window {@code [start, end)} for each day of the week, outside of which the
 * recipient is in their quiet hours. The constants hold the rules of the law: the federal rule of
 * the United States ({@link #TCPA}, the default) and the stricter ones of some states.
 *
 * <pre>{@code
 * QuietHours hours = QuietHours.of(LocalTime.of(9, 0), LocalTime.of(20, 0))
 *         .on(DayOfWeek.SUNDAY, LocalTime.NOON, LocalTime.of(18, 0));
 * hours.toText();           // "MON-SAT 09:00-20:00;SUN 12:00-18:00"
 * hours.nextAllowed(ZonedDateTime.of(2026, 12, 6, 7, 30, 0, 0, ZoneId.of("America/Toronto")));
 *                           // 2026-12-06T12:00-05:00[America/Toronto], a Sunday
 * }</pre>
 *
 * <p>A window is a time of day in the recipient's zone, so it moves with daylight saving time: on
 * the day the clocks change, a message held until 8:00 is sent at 8:00 by the new clock.
 *
 * <p>Immutable and thread-safe.
 */
public final class QuietHours {

    // Before the constants, which use them.
    private static final DayOfWeek[] DAYS = DayOfWeek.values();
    private static final Pattern GROUP =
            Pattern.compile("(?:([A-Z]{3})(?:\\s*-\\s*([A-Z]{3}))?\\s+)?([0-9:.]+)\\s*-\\s*([0-9:.]+)");
    private static final int MAX_TEXT_SHOWN = 100;

    /** 8:00 to 21:00 every day: the Telephone Consumer Protection Act, the federal rule of the United States. */
    public static final QuietHours TCPA = of(LocalTime.of(8, 0), LocalTime.of(21, 0));

    /** 8:00 to 20:00 every day: Florida's rule, and Oklahoma's. */
    public static final QuietHours FLORIDA = of(LocalTime.of(8, 0), LocalTime.of(20, 0));

    /** 9:00 to 20:00 every day: Connecticut's rule. */
    public static final QuietHours CONNECTICUT = of(LocalTime.of(9, 0), LocalTime.of(20, 0));

    /** 9:00 to 21:00 from Monday to Saturday, 12:00 to 21:00 on Sunday: Texas's rule. */
    public static final QuietHours TEXAS =
            of(LocalTime.of(9, 0), LocalTime.of(21, 0)).on(DayOfWeek.SUNDAY, LocalTime.NOON, LocalTime.of(21, 0));

    /**
     * What all of the above allow together: 9:00 to 20:00 from Monday to Saturday, 12:00 to 20:00
     * on Sunday; for a tenant that does not know which of them its recipients fall under.
     */
    public static final QuietHours STRICTEST =
            of(LocalTime.of(9, 0), LocalTime.of(20, 0)).on(DayOfWeek.SUNDAY, LocalTime.NOON, LocalTime.of(20, 0));

    /** The window of each day, by {@link DayOfWeek#ordinal()}. */
    private final LocalTime[] starts;

    private final LocalTime[] ends;

    private QuietHours(LocalTime[] starts, LocalTime[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /**
     * The same window every day: messages may be sent from {@code start} (included) to {@code end}
     * (excluded), in the recipient's local time.
     *
     * @param start the time of day from which messages may be sent
     * @param end the time of day from which they may not, after {@code start}
     * @return the hours
     * @throws io.tenanttwilio.TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when {@code
     *     end} is not after {@code start}
     */
    public static QuietHours of(LocalTime start, LocalTime end) {
        checkWindow(start, end);
        LocalTime[] starts = new LocalTime[DAYS.length];
        LocalTime[] ends = new LocalTime[DAYS.length];
        Arrays.fill(starts, start);
        Arrays.fill(ends, end);
        return new QuietHours(starts, ends);
    }

    /**
     * A copy of these hours with another window on {@code day}.
     *
     * @param day the day of the week
     * @param start the time of day from which messages may be sent that day
     * @param end the time of day from which they may not, after {@code start}
     * @return the new hours; these are unchanged
     * @throws io.tenanttwilio.TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when {@code
     *     end} is not after {@code start}
     */
    public QuietHours on(DayOfWeek day, LocalTime start, LocalTime end) {
        Objects.requireNonNull(day, "day");
        checkWindow(start, end);
        LocalTime[] newStarts = starts.clone();
        LocalTime[] newEnds = ends.clone();
        newStarts[day.ordinal()] = start;
        newEnds[day.ordinal()] = end;
        return new QuietHours(newStarts, newEnds);
    }

    /**
     * The time of day from which messages may be sent on {@code day}.
     *
     * @param day the day of the week
     * @return the start of its window (included)
     */
    public LocalTime start(DayOfWeek day) {
        return starts[day.ordinal()];
    }

    /**
     * The time of day from which messages may no longer be sent on {@code day}.
     *
     * @param day the day of the week
     * @return the end of its window (excluded)
     */
    public LocalTime end(DayOfWeek day) {
        return ends[day.ordinal()];
    }

    /**
     * Whether a message may reach the recipient at {@code local}: its time of day is within the
     * window of its day of the week.
     *
     * @param local the moment in the recipient's zone
     * @return whether it is outside the quiet hours
     */
    public boolean allows(ZonedDateTime local) {
        int day = local.getDayOfWeek().ordinal();
        LocalTime time = local.toLocalTime();
        return !time.isBefore(starts[day]) && time.isBefore(ends[day]);
    }

    /**
     * The first moment at or after {@code local} at which a message may reach the recipient:
     * {@code local} itself when it is allowed, else the start of the next window, that day or a
     * following one. When the clocks skip the start of the window (it falls in a daylight saving
     * gap), the first moment after the gap; when they go back, a window that starts again is seen.
     *
     * @param local the moment in the recipient's zone
     * @return the moment, in the same zone
     */
    public ZonedDateTime nextAllowed(ZonedDateTime local) {
        if (allows(local)) {
            return local;
        }
        ZoneId zone = local.getZone();
        ZoneRules rules = zone.getRules();
        Instant from = local.toInstant();
        Instant best = null;
        // Allowed stretches start where the local time reaches a window's start, or where the clocks
        // jump (into a window, after a gap or a fall back); every day has a window, so 8 days suffice.
        LocalDate first = local.toLocalDate().minusDays(1);
        for (int day = 0; day <= 9; day++) {
            LocalDate date = first.plusDays(day);
            LocalDateTime start =
                    LocalDateTime.of(date, starts[date.getDayOfWeek().ordinal()]);
            ZoneOffsetTransition gap = rules.getTransition(start);
            if (gap != null && gap.isGap()) {
                best = earliestAllowedAfter(best, from, gap.getInstant(), zone);
            } else {
                for (var offset : rules.getValidOffsets(start)) {
                    best = earliestAllowedAfter(best, from, start.toInstant(offset), zone);
                }
            }
        }
        Instant limit = from.plus(Duration.ofDays(9));
        for (ZoneOffsetTransition t = rules.nextTransition(from);
                t != null && t.getInstant().isBefore(limit);
                t = rules.nextTransition(t.getInstant())) {
            best = earliestAllowedAfter(best, from, t.getInstant(), zone);
        }
        if (best == null) {
            // Unreachable with a window every day; kept so that a strange zone cannot loop forever.
            throw new IllegalStateException("no allowed time within 9 days in " + zone);
        }
        return best.atZone(zone);
    }

    private @Nullable Instant earliestAllowedAfter(
            @Nullable Instant best, Instant from, Instant candidate, ZoneId zone) {
        if (candidate.isAfter(from) && (best == null || candidate.isBefore(best)) && allows(candidate.atZone(zone))) {
            return candidate;
        }
        return best;
    }

    /**
     * The hours as a short text, to store them: {@code "08:00-21:00"} when every day has the same
     * window, else the days in groups of consecutive days sharing a window, from Monday, separated
     * by {@code ;}: {@code "MON-SAT 09:00-21:00;SUN 12:00-21:00"}. Times are ISO times of day
     * ({@code HH:mm}, with seconds only when they are not zero). {@link #parse(String)} reads it
     * back.
     *
     * @return the text
     */
    public String toText() {
        StringBuilder text = new StringBuilder();
        int from = 0;
        while (from < DAYS.length) {
            int to = from;
            while (to + 1 < DAYS.length && sameWindow(from, to + 1)) {
                to++;
            }
            if (text.length() > 0) {
                text.append(';');
            }
            if (from > 0 || to < DAYS.length - 1) {
                text.append(abbreviation(DAYS[from]));
                if (to > from) {
                    text.append('-').append(abbreviation(DAYS[to]));
                }
                text.append(' ');
            }
            text.append(starts[from]).append('-').append(ends[from]);
            from = to + 1;
        }
        return text.toString();
    }

    /**
     * Reads hours written by {@link #toText()}. Also accepted: any case, spaces around the
     * separators, a group of days that wraps past Sunday ({@code "SAT-MON"}), and a first group
     * without days that holds for the days no other group names ({@code "09:00-20:00;SUN
     * 12:00-18:00"}).
     *
     * @param text the text
     * @return the hours
     * @throws io.tenanttwilio.TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when the
     *     text is not such a text, names a day twice, leaves a day without a window, or has a
     *     window whose end is not after its start
     */
    public static QuietHours parse(String text) {
        Objects.requireNonNull(text, "text");
        LocalTime[] starts = new LocalTime[DAYS.length];
        LocalTime[] ends = new LocalTime[DAYS.length];
        LocalTime defaultStart = null;
        LocalTime defaultEnd = null;
        String[] groups = text.strip().toUpperCase(Locale.ROOT).split("\\s*;\\s*", -1);
        for (int i = 0; i < groups.length; i++) {
            Matcher group = GROUP.matcher(groups[i]);
            if (!group.matches()) {
                throw badText(text);
            }
            LocalTime start = time(group.group(3), text);
            LocalTime end = time(group.group(4), text);
            checkWindow(start, end);
            if (group.group(1) == null) {
                if (i > 0) {
                    throw badText(text);
                }
                defaultStart = start;
                defaultEnd = end;
                continue;
            }
            int first = day(group.group(1), text);
            int last = group.group(2) == null ? first : day(group.group(2), text);
            for (int day = first; ; day = (day + 1) % DAYS.length) {
                if (starts[day] != null) {
                    throw badText(text);
                }
                starts[day] = start;
                ends[day] = end;
                if (day == last) {
                    break;
                }
            }
        }
        for (int day = 0; day < DAYS.length; day++) {
            if (starts[day] == null) {
                if (defaultStart == null) {
                    throw badText(text);
                }
                starts[day] = defaultStart;
                ends[day] = defaultEnd;
            }
        }
        return new QuietHours(starts, ends);
    }

    private boolean sameWindow(int day, int other) {
        return starts[day].equals(starts[other]) && ends[day].equals(ends[other]);
    }

    private static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    private static int day(String abbreviation, String text) {
        for (DayOfWeek day : DAYS) {
            if (abbreviation(day).equals(abbreviation)) {
                return day.ordinal();
            }
        }
        throw badText(text);
    }

    private static LocalTime time(String value, String text) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw badText(text);
        }
    }

    private static void checkWindow(LocalTime start, LocalTime end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .detail("quiet-hours.window", start, end)
                    .build();
        }
    }

    private static RuntimeException badText(String text) {
        String shown = text.length() > MAX_TEXT_SHOWN ? text.substring(0, MAX_TEXT_SHOWN) + "…" : text;
        return Problems.builder(ErrorCode.INVALID_REQUEST)
                .detail("quiet-hours.text", shown)
                .build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuietHours that && Arrays.equals(starts, that.starts) && Arrays.equals(ends, that.ends);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(starts) + Arrays.hashCode(ends);
    }

    @Override
    public String toString() {
        return "QuietHours[" + toText() + "]";
    }
}
