package io.tenanttwilio.internal.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a flood of refused webhooks through to the log and the audit trail only a few at a time:
 * per reason, at most {@value #PER_WINDOW} per minute, then a count of the ones left out.
 * Thread-safe.
 */
public final class RejectionLog {

    static final int PER_WINDOW = 5;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private static final class Window {
        Instant start;
        int reported;
        int suppressed;
        int suppressedBefore;

        Window(Instant start) {
            this.start = start;
        }
    }

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RejectionLog(Clock clock) {
        this.clock = clock;
    }

    /** Whether this rejection should be reported; counts it either way. */
    public boolean shouldReport(String reason) {
        Instant now = clock.instant();
        Window window = windows.computeIfAbsent(reason, r -> new Window(now));
        synchronized (window) {
            if (now.isAfter(window.start.plus(WINDOW))) {
                window.suppressedBefore = window.suppressed;
                window.start = now;
                window.reported = 0;
                window.suppressed = 0;
            }
            if (window.reported < PER_WINDOW) {
                window.reported++;
                return true;
            }
            window.suppressed++;
            return false;
        }
    }

    /** A note of how many were left out in the previous window, to add to the next report. */
    public String suppressedSuffix(String reason) {
        Window window = windows.get(reason);
        if (window == null) {
            return "";
        }
        synchronized (window) {
            int count = window.suppressedBefore;
            window.suppressedBefore = 0;
            return count == 0 ? "" : " (" + count + " more in the previous minute not logged)";
        }
    }

    /** Rejections not reported in the current window, per reason. */
    public int suppressed(String reason) {
        Window window = windows.get(reason);
        if (window == null) {
            return 0;
        }
        synchronized (window) {
            return window.suppressed;
        }
    }
}
