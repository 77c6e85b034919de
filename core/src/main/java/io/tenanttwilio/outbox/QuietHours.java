package io.tenanttwilio.outbox;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/** TEMPORARY stub. */
public final class QuietHours {
    /** stub */
    public static final QuietHours TCPA = new QuietHours(LocalTime.of(8, 0), LocalTime.of(21, 0));
    /** stub */
    public static final QuietHours STRICTEST = new QuietHours(LocalTime.of(9, 0), LocalTime.of(20, 0));

    private final LocalTime start;
    private final LocalTime end;

    private QuietHours(LocalTime start, LocalTime end) {
        this.start = start;
        this.end = end;
    }

    /**
     * stub.
     *
     * @param start s
     * @param end e
     * @return q
     */
    public static QuietHours of(LocalTime start, LocalTime end) {
        return new QuietHours(start, end);
    }

    /**
     * stub.
     *
     * @param day d
     * @return s
     */
    public LocalTime start(DayOfWeek day) {
        return start;
    }

    /**
     * stub.
     *
     * @param day d
     * @return e
     */
    public LocalTime end(DayOfWeek day) {
        return end;
    }

    /**
     * stub.
     *
     * @param local l
     * @return a
     */
    public boolean allows(ZonedDateTime local) {
        LocalTime t = local.toLocalTime();
        return !t.isBefore(start) && t.isBefore(end);
    }

    /**
     * stub.
     *
     * @param local l
     * @return n
     */
    public ZonedDateTime nextAllowed(ZonedDateTime local) {
        if (allows(local)) {
            return local;
        }
        ZonedDateTime today = local.with(start);
        return local.toLocalTime().isBefore(start) ? today : today.plusDays(1).with(start);
    }

    /**
     * stub.
     *
     * @return t
     */
    public String toText() {
        return start + "-" + end;
    }

    /**
     * stub.
     *
     * @param text t
     * @return q
     */
    public static QuietHours parse(String text) {
        String[] p = text.split("-");
        return of(LocalTime.parse(p[0]), LocalTime.parse(p[1]));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuietHours q && q.toText().equals(toText());
    }

    @Override
    public int hashCode() {
        return toText().hashCode();
    }
}
