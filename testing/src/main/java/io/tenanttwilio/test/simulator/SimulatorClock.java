package io.tenanttwilio.test.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulator's clock: real time by default, moved forward by tests with {@link
 * #advance(Duration)} or set with {@link #set(Instant)}. Dates in Twilio's responses, in webhooks
 * and in balances' history come from it. Pass it to the code under test too, so both agree.
 * Moving it releases at once what falls due in the simulators that use it: queued and scheduled
 * messages (see {@link TwilioSimulator#carrierPacing(boolean)}).
 *
 * <p>Thread-safe.
 */
public final class SimulatorClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;
    private final AtomicReference<Instant> fixed;
    /** Told after each move; the simulators using this clock settle their queues. */
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private SimulatorClock(Clock base, AtomicReference<Duration> offset, AtomicReference<Instant> fixed) {
        this.base = base;
        this.offset = offset;
        this.fixed = fixed;
    }

    /** {@return a clock that follows the system clock until it is advanced} */
    public static SimulatorClock system() {
        return new SimulatorClock(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO), new AtomicReference<>());
    }

    /**
     * A clock that stands still at {@code instant} until it is advanced or set.
     *
     * @param instant where the clock stands
     * @return a new clock
     */
    public static SimulatorClock fixedAt(Instant instant) {
        return new SimulatorClock(
                Clock.systemUTC(), new AtomicReference<>(Duration.ZERO), new AtomicReference<>(instant));
    }

    /**
     * Moves the clock forward by {@code duration}.
     *
     * @param duration how far, not negative
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (fixed.get() != null) {
            fixed.updateAndGet(now -> now.plus(duration));
        } else {
            offset.updateAndGet(current -> current.plus(duration));
        }
        moved();
    }

    /**
     * Sets the clock to {@code instant}; it then stands still there.
     *
     * @param instant the clock's new time
     */
    public void set(Instant instant) {
        fixed.set(Objects.requireNonNull(instant, "instant"));
        moved();
    }

    void onMove(Runnable listener) {
        listeners.add(listener);
    }

    void removeOnMove(Runnable listener) {
        listeners.remove(listener);
    }

    private void moved() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    @Override
    public Instant instant() {
        Instant now = fixed.get();
        return now != null ? now : base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same clock seen in another zone; advancing either moves both. */
    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(this, Duration.ZERO).withZone(zone);
    }
}
