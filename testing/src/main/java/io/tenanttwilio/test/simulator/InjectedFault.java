package io.tenanttwilio.test.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A fault installed on an endpoint; see {@link FaultSpec}. Thread-safe. */
public final class InjectedFault {

    private final Endpoint endpoint;
    private final FaultSpec.Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final Duration delay;
    private final boolean afterProcessing;
    private final double ratio;
    private final boolean writesOnly;
    private final @Nullable String accountSid;
    private final AtomicInteger toLetThrough;
    private final AtomicInteger remaining;
    private final AtomicInteger triggered = new AtomicInteger();

    InjectedFault(
            Endpoint endpoint,
            FaultSpec.Kind kind,
            int status,
            Duration retryAfter,
            Duration delay,
            boolean afterProcessing,
            int times,
            double ratio,
            boolean writesOnly,
            int skip,
            @Nullable String accountSid) {
        this.endpoint = endpoint;
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.delay = delay;
        this.afterProcessing = afterProcessing;
        this.ratio = ratio;
        this.writesOnly = writesOnly;
        this.accountSid = accountSid;
        this.toLetThrough = new AtomicInteger(skip);
        this.remaining = new AtomicInteger(times);
    }

    /** {@return the endpoint it applies to} */
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * {@return the account whose calls it hits, or {@code null} when it hits every account's}
     */
    public @Nullable String accountSid() {
        return accountSid;
    }

    /** {@return how many calls it has hit so far} */
    public int triggered() {
        return triggered.get();
    }

    /** {@return whether it will still hit calls} */
    public boolean isActive() {
        return remaining.get() > 0;
    }

    /** Stops it. */
    public void cancel() {
        remaining.set(0);
    }

    FaultSpec.Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    Duration delay() {
        return delay;
    }

    boolean afterProcessing() {
        return afterProcessing;
    }

    /** Decides whether this call is hit, consuming one use if so. */
    boolean tryTrigger(java.util.function.DoubleSupplier random, boolean write) {
        if (remaining.get() <= 0 || (writesOnly && !write)) {
            return false;
        }
        if (toLetThrough.get() > 0 && toLetThrough.getAndDecrement() > 0) {
            return false;
        }
        if (ratio < 1.0 && random.getAsDouble() >= ratio) {
            return false;
        }
        int left = remaining.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1));
        if (left <= 0) {
            return false;
        }
        triggered.incrementAndGet();
        return true;
    }
}
