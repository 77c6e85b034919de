package io.tenanttwilio.test.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's REST concurrency per account: the requests of an account in flight at once, a limit above
 * which they are refused with 429 (error 20429, COMPLIANCE.md §4), the refusals scripted by tests,
 * and how many 429s each account got. Thread-safe, without the engine's lock.
 */
final class RequestLimits {

    /** Twilio's header giving the account's requests in flight. */
    static final String CONCURRENT_REQUESTS_HEADER = "Twilio-Concurrent-Requests";

    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private record Throttle(AtomicInteger remaining, Duration retryAfter) {}

    private volatile int initialLimit;
    private volatile Duration initialRetryAfter = DEFAULT_RETRY_AFTER;
    private volatile int defaultLimit;
    private volatile Duration retryAfter = DEFAULT_RETRY_AFTER;
    private final Map<String, Integer> limits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();

    /** The configuration of the builder, kept for {@link #reset()}. */
    void defaults(int limit, Duration retryAfter) {
        this.initialLimit = checkLimit(limit);
        this.initialRetryAfter = checkRetryAfter(retryAfter);
        this.defaultLimit = limit;
        this.retryAfter = retryAfter;
    }

    static int checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("A concurrency limit cannot be negative (0 means none)");
        }
        return limit;
    }

    static Duration checkRetryAfter(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("Retry-After cannot be negative");
        }
        return retryAfter;
    }

    void defaultLimit(int limit) {
        this.defaultLimit = checkLimit(limit);
    }

    void limit(String accountSid, int limit) {
        limits.put(accountSid, checkLimit(limit));
    }

    void retryAfter(Duration retryAfter) {
        this.retryAfter = checkRetryAfter(retryAfter);
    }

    void throttle(String accountSid, int requests, Duration retryAfter) {
        if (requests < 1) {
            throw new IllegalArgumentException("At least one request must be refused");
        }
        throttles.put(accountSid, new Throttle(new AtomicInteger(requests), checkRetryAfter(retryAfter)));
    }

    /** A request of {@code accountSid} starts; returns the account's requests in flight with it. */
    int enter(String accountSid) {
        return inFlight.computeIfAbsent(accountSid, sid -> new AtomicInteger()).incrementAndGet();
    }

    /** A request of {@code accountSid} has been answered. */
    void exit(String accountSid) {
        AtomicInteger count = inFlight.get(accountSid);
        if (count != null) {
            count.decrementAndGet();
        }
    }

    int inFlight(String accountSid) {
        AtomicInteger count = inFlight.get(accountSid);
        return count == null ? 0 : Math.max(0, count.get());
    }

    /**
     * Whether a request that made {@code inFlightNow} requests of the account in flight is refused:
     * the {@code Retry-After} to answer with, or {@code null} to serve it. A scripted refusal comes
     * first and is used up.
     */
    @Nullable
    Duration refusal(String accountSid, int inFlightNow) {
        Throttle throttle = throttles.get(accountSid);
        if (throttle != null && throttle.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return throttle.retryAfter();
        }
        int limit = limits.getOrDefault(accountSid, defaultLimit);
        return limit > 0 && inFlightNow > limit ? retryAfter : null;
    }

    /** Counts a 429 answered to {@code accountSid}. */
    void refused(String accountSid) {
        refused.computeIfAbsent(accountSid, sid -> new AtomicInteger()).incrementAndGet();
    }

    int refusedCount(String accountSid) {
        AtomicInteger count = refused.get(accountSid);
        return count == null ? 0 : count.get();
    }

    /** Back to the builder's configuration; requests in flight are still counted. */
    void reset() {
        defaultLimit = initialLimit;
        retryAfter = initialRetryAfter;
        limits.clear();
        throttles.clear();
        refused.clear();
    }
}
